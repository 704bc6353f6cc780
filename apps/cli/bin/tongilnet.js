#!/usr/bin/env node
// The command runs the TypeScript sources directly through tsx, so a fresh `npm ci` is all it takes:
// no build step to forget, and worker threads load the same sources.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
