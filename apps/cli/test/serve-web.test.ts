/**
 * `tongilnet serve` as the README's first command runs it: the web app (built on first start when
 * stale) and the planner on the demo terrain with the example plans, the pages named on the line
 * after the ready line.
 */
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { cliBin } from './run-cli.ts';

const children: Array<ReturnType<typeof spawn>> = [];

afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
});

function serve(args: string[]): Promise<string[]> {
  const child = spawn(process.execPath, [cliBin, 'serve', '--port', '0', '--memory', ...args], {
    env: { ...process.env, CI: '1', DATABASE_URL: '' },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const lines = stdout.split('\n');
      if (lines.length >= 3 || (args.includes('--json') && lines.length >= 2)) {
        resolve(lines.slice(0, -1));
      }
    });
    child.on('close', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}

describe('tongilnet serve with the web app', () => {
  it('serves the messenger, the planner and its API, and names the pages to open', async () => {
    const [ready, open] = await serve([]);
    const address = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(ready!)?.[1];
    expect(address).toBeDefined();
    expect(open).toBe(`open planner: ${address}/planner/  messenger: ${address}/`);
    const page = await fetch(`${address}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await page.text()).toMatch(/<div id="app"/);
    const invite = await fetch(`${address}/i`);
    expect(invite.status).toBe(200);
    const planner = await fetch(`${address}/planner/`);
    expect(await planner.text()).toMatch(/<div id="planner"/);
    const info = (await (await fetch(`${address}/api/planner/info`)).json()) as {
      examples: Array<{ id: string }>;
      defaultExample: string;
    };
    expect(info.defaultExample).toBe('dmz');
    expect(info.examples.map((e) => e.id)).toContain('dmz');
    expect((await fetch(`${address}/v1/health`)).status).toBe(200);
  }, 120_000);

  it('leaves the web app out with --no-web and says so in --json', async () => {
    const [ready] = await serve(['--no-web', '--no-planner', '--json']);
    const json = JSON.parse(ready!) as { listening: string; messenger: null; planner: null };
    expect(json.messenger).toBeNull();
    expect(json.planner).toBeNull();
    expect((await fetch(`${json.listening}/`)).status).toBe(404);
  }, 60_000);
});
