#!/usr/bin/env node
// The command runs from one esbuild bundle of its TypeScript sources, remade when a source changes
// (bundle.js), so a fresh `npm ci` is all it takes: no build step to forget. Where the bundle
// cannot be made, tsx runs the sources directly, as it always could.
import { bundledMain } from './bundle.js';

let main = await bundledMain();
if (!main) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/main.ts'));
}
process.exitCode = await main(process.argv);
