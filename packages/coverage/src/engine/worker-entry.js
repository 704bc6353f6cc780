// Worker threads start here: register tsx in this thread, then load the TypeScript worker. (On
// Node 20, `--import tsx` in a Worker's execArgv does not reach the worker's own entry module, so
// a plain-JS entry that registers the loader itself is the dependable way.)
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
