/**
 * `tongilnet netem` as a script drives it: the ready line, traffic through it, counter lines on
 * stderr, a clean stop on SIGINT with the totals, and one-line usage errors.
 */
import { spawn } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { cliBin, runCli } from './run-cli.ts';

const sockets: Socket[] = [];
const echo = createServer((s) => {
  sockets.push(s);
  s.on('data', (d: Buffer) => s.write(d)).on('error', () => undefined);
});
afterAll(() => {
  for (const s of sockets) s.destroy();
  echo.close();
});

describe('tongilnet netem', () => {
  it('prints its address, carries traffic, reports counters and stops on SIGINT', async () => {
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const target = `127.0.0.1:${(echo.address() as { port: number }).port}`;
    const child = spawn(
      process.execPath,
      [cliBin, 'netem', '--listen', '127.0.0.1:0', '--target', target, '--profile', 'lan'].concat([
        '--latency',
        '50',
        '--seed',
        '7',
        '--report-every',
        '0.3',
        '--json',
      ]),
      { env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const ready = await new Promise<{ listening: string; profile: string; seed: number }>(
      (resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          out += d;
          if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!) as never);
        });
        child.on('close', (code) => reject(new Error(`netem exited ${code}: ${stderr}`)));
      },
    );
    expect(ready).toMatchObject({ profile: 'lan', seed: 7, target });
    const [host, port] = ready.listening.split(':');
    const s = connect(Number(port), host).on('error', () => undefined);
    sockets.push(s);
    const start = performance.now();
    s.write('x'.repeat(1000));
    await new Promise<void>((resolve) => {
      let got = 0;
      s.on('data', (d: Buffer) => {
        got += d.length;
        if (got >= 1000) resolve();
      });
    });
    // Handshake and one request/reply at 50 ms each way: at least 200 ms.
    expect(performance.now() - start).toBeGreaterThan(195);
    s.end();
    while (!/netem [\d.]+ min: up 1000 B/.test(stderr)) await new Promise((r) => setTimeout(r, 50));
    child.removeAllListeners('close');
    const code = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGINT');
    expect(await code).toBe(0);
    expect(stderr).toMatch(
      /netem stopped: up 1000 B \(\d+ B on air\), down 1000 B .*connections 1/,
    );
  }, 30_000);

  it('explains bad options in one line', async () => {
    const bad = await runCli(['netem', '--target', '127.0.0.1:1', '--profile', '5g']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe(
      'tongilnet: --profile: profile "5g" is unknown (known: edge-9k6, gprs-40k, lan)',
    );
    const outage = await runCli(['netem', '--target', '127.0.0.1:1', '--outage', '60/10']);
    expect(outage.code).toBe(2);
    expect(outage.stderr).toMatch(/--outage: "60\/10" is not DOWN\/EVERY seconds/);
    const list = await runCli(['netem', '--list', '--json']);
    expect(JSON.parse(list.stdout).map((p: { name: string }) => p.name)).toEqual([
      'edge-9k6',
      'gprs-40k',
      'lan',
    ]);
  }, 30_000);
});
