export { findDataDir, requireDataFile, repoRoot } from './data-dir.ts';
export type { DataDirChoice } from './data-dir.ts';
