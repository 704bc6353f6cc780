/**
 * Ctrl-C during `tongilnet plan`: the workers stop, nothing is written, one line says so, and the
 * exit code is 130 (interrupted).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliBin } from './run-cli.ts';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

describe('tongilnet plan, interrupted', () => {
  it('stops cleanly on SIGINT with exit 130 and no outputs', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tongilnet-cancel-')), 'dmz');
    const child = spawn(
      process.execPath,
      [
        cliBin,
        'plan',
        join(examples, 'dmz.yaml'),
        '--out',
        out,
        '--mode',
        'reference',
        '--no-people',
      ],
      { env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      // Interrupt once the computation is under way (the first progress line).
      if (/coverage \(reference\): \d+%/.test(stderr) && !child.killed) child.kill('SIGINT');
    });
    const started = Date.now();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toMatch(/coverage \(reference\)/);
    expect(code).toBe(130);
    expect(stderr).toMatch(/^tongilnet: cancelled: no outputs written$/m);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, 'summary.json'))).toBe(false);
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
