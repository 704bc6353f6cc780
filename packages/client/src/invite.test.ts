import { describe, expect, it } from 'vitest';
import { formatInvitation, parseInvitation, type InvitationData } from './invite.ts';

const data: InvitationData = {
  server: 'https://tongilnet.example',
  queueId: new Uint8Array(16).fill(1),
  senderKey: new Uint8Array(32).fill(2),
  keyPackage: new Uint8Array(270).fill(3),
};

describe('invitation links', () => {
  it('round-trips through both link forms, with the payload in the fragment', () => {
    const app = formatInvitation(data);
    expect(app.startsWith('tongilnet://invite#')).toBe(true);
    expect(parseInvitation(app)).toEqual(data);
    const web = formatInvitation(data, true);
    expect(web.startsWith('https://tongilnet.example/i#')).toBe(true);
    expect(parseInvitation(web)).toEqual(data);
  });

  it('survives line breaks a messenger inserts', () => {
    const link = formatInvitation(data);
    const wrapped = link.replace(/(.{60})/g, '$1\n');
    expect(parseInvitation(wrapped)).toEqual(data);
  });

  it('names what is wrong', () => {
    expect(() => parseInvitation('https://example.com/')).toThrow('expected a link like');
    expect(() => parseInvitation('tongilnet://invite#@@@')).toThrow('is not base64url');
    expect(() => parseInvitation('tongilnet://invite#CAE')).toThrow(/server "" is not/); // version 1, nothing else
    expect(() => formatInvitation({ ...data, queueId: new Uint8Array(3) })).toThrow(
      'queue id has 3 bytes, expected 16',
    );
    expect(() => formatInvitation({ ...data, server: 'ftp://x' })).toThrow('not an http(s) URL');
  });
});
