import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiReports, reportPath, root } from './api-report.ts';

describe('committed API reports', () => {
  it('match what protocol and client export (run `npm run api-report` and commit the diff)', () => {
    for (const [pkg, report] of apiReports()) {
      const committed = readFileSync(reportPath(pkg), 'utf8');
      expect(report, `${relative(root, reportPath(pkg))} is out of date`).toBe(committed);
    }
  });
});
