/**
 * `tongilnet serve` as scripts drive it: start, wait for the ready line, talk to it, stop it with
 * a signal, and find the data again after a restart.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FRAME_CONTENT_TYPE,
  SYNC_PATH,
  buildSync,
  decodeServerFrame,
  encodeClientFrame,
  publicKeyOf,
  signedCreate,
  signedReceive,
  signedSend,
} from '@tongilnet/protocol';
import type { SyncResult, SyncInit } from '@tongilnet/protocol';
import { cliBin, runCli } from './run-cli.ts';

interface Served {
  child: ChildProcessWithoutNullStreams;
  firstLine: string;
  stderr: () => string;
}

function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [cliBin, 'serve', '--port', '0', ...args], {
    env: { ...process.env, CI: '1', DATABASE_URL: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline >= 0)
        resolve({ child, firstLine: stdout.slice(0, newline), stderr: () => stderr });
    });
    child.on('close', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}

function stop(served: Served, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    served.child.removeAllListeners('close');
    served.child.on('close', (code) => resolve(code));
    served.child.kill(signal);
  });
}

async function sync(url: string, init: SyncInit): Promise<SyncResult> {
  const response = await fetch(url + SYNC_PATH, {
    method: 'POST',
    headers: { 'content-type': FRAME_CONTENT_TYPE },
    body: encodeClientFrame({ sync: buildSync(init) }),
  });
  const frame = decodeServerFrame(new Uint8Array(await response.arrayBuffer()));
  if (frame.body.case !== 'sync') throw new Error(`refused: ${JSON.stringify(frame.body.value)}`);
  return frame.body.value;
}

const TEST_DATABASE_URL =
  process.env.TONGILNET_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('tongilnet serve', () => {
  it('prints its address, serves, stops on SIGTERM and keeps data across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tongilnet-serve-'));
    dirs.push(dataDir);
    const recipientSecret = new Uint8Array(32).fill(4);
    const senderSecret = new Uint8Array(32).fill(5);
    const queueId = new Uint8Array(16).fill(6);
    const messageId = new Uint8Array(16).fill(7);

    const first = await serve(['--data-dir', dataDir]);
    expect(first.firstLine).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url1 = first.firstLine.replace('listening on ', '');
    let t = Date.now();
    const created = await sync(url1, {
      timeMs: t,
      creates: [
        signedCreate(
          {
            queueId,
            recipientKey: publicKeyOf(recipientSecret),
            senderKey: publicKeyOf(senderSecret),
          },
          t,
          recipientSecret,
        ),
      ],
      sends: [
        signedSend({ queueId, messageId, envelope: new Uint8Array([1, 2]) }, t, senderSecret),
      ],
    });
    expect(created.rejected).toEqual([]);
    expect(await stop(first, 'SIGTERM')).toBe(0);

    const second = await serve(['--data-dir', dataDir, '--json']);
    const ready = JSON.parse(second.firstLine) as {
      listening: string;
      db: string;
      storage: string;
    };
    expect(ready.db).toBe('pglite');
    expect(ready.storage).toBe(dataDir);
    t = Date.now() + 1;
    const got = await sync(ready.listening, {
      timeMs: t,
      receives: [signedReceive({ queueId }, t, recipientSecret)],
    });
    expect(got.inboxes[0]?.messages[0]?.messageId).toEqual(messageId);
    expect(await stop(second, 'SIGINT')).toBe(0);
    expect(second.stderr()).toBe('');
  });

  it('runs on PostgreSQL with --db (a fresh schema, dropped after)', async () => {
    const schema = `t_serve_${process.pid}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA ${schema}`);
      const url = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const served = await serve(['--db', url, '--json']);
      const ready = JSON.parse(served.firstLine) as { db: string; listening: string };
      expect(ready.db).toBe('postgres');
      const health = (await (await fetch(`${ready.listening}/v1/health`)).json()) as { db: string };
      expect(health.db).toBe('postgres');
      expect(await stop(served, 'SIGTERM')).toBe(0);
      const tables = await admin.query(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
        [schema],
      );
      expect(tables.rows.map((r: { table_name: string }) => r.table_name)).toEqual([
        'envelopes',
        'queues',
        'schema_migrations',
      ]);
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });

  it('rejects bad options in one line with exit 2', async () => {
    const port = await runCli(['serve', '--port', '70000']);
    expect(port.code).toBe(2);
    expect(port.stderr.trim()).toBe('tongilnet: --port: "70000" is not a port number 0..65535');
    const both = await runCli(['serve', '--db', 'postgres://x', '--memory']);
    expect(both.code).toBe(2);
  });

  it('serves HTTPS with --tls-cert and --tls-key, and refuses half or a non-PEM file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongilnet-tls-'));
    try {
      const cert = join(dir, 'cert.pem');
      const key = join(dir, 'key.pem');
      // A self-signed certificate for 127.0.0.1, made by OpenSSL as an operator would.
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-days',
          '2',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          key,
          '-out',
          cert,
        ],
        { stdio: 'ignore' },
      );
      const served = await serve([
        '--memory',
        '--no-web',
        '--no-planner',
        '--tls-cert',
        cert,
        '--tls-key',
        key,
      ]);
      try {
        const url = /^listening on (https:\/\/127\.0\.0\.1:\d+)/.exec(served.firstLine)?.[1];
        expect(url, served.firstLine).toBeDefined();
        // Trusting only that certificate: the server presents it, and answers over TLS.
        const health = await new Promise<{ status: number; body: string }>((resolve, reject) => {
          get(`${url}/v1/health`, { ca: readFileSync(cert) }, (res) => {
            let body = '';
            res.setEncoding('utf8').on('data', (c: string) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          }).on('error', reject);
        });
        expect(health.status).toBe(200);
        expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
      } finally {
        await stop(served, 'SIGTERM');
      }
      const half = await runCli(['serve', '--memory', '--tls-cert', cert]);
      expect(half.code).toBe(2);
      expect(half.stderr.trim()).toBe(
        'tongilnet: --tls-cert and --tls-key go together: give both, or neither',
      );
      const notPem = join(dir, 'key.txt');
      writeFileSync(notPem, 'not a key');
      const bad = await runCli(['serve', '--memory', '--tls-cert', cert, '--tls-key', notPem]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--tls-key: .*key\.txt is not a PEM file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names an unreachable database in one line with exit 1', async () => {
    const run = await runCli([
      'serve',
      '--port',
      '0',
      '--db',
      'postgres://nobody@127.0.0.1:1/none',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^tongilnet: cannot open PostgreSQL at postgres:\/\/nobody@127\.0\.0\.1:1\/none/,
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
