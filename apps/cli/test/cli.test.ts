import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('tongilnet', () => {
  it('prints help listing its commands and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: tongilnet');
    expect(run.stdout).toContain('bench');
  });

  it('rejects an unknown command with a one-line error and exit 2', async () => {
    const run = await runCli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command 'frobnicate'/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('names an unknown benchmark', async () => {
    const run = await runCli(['bench', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^tongilnet: unknown benchmark "nope"/);
  });
});
