// After tsc: the Monte Carlo pool's worker (dist/src/montecarlo/executors/poolWorker.js) as one
// bundled module, so each worker thread of a cold pool loads one file instead of its imports
// one by one (bench/simulatePaths.ts, "pool start"). The worker imports no package, only
// node:worker_threads and sizewise's own modules.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outfile = new URL('../dist/src/montecarlo/executors/poolWorker.js', import.meta.url).pathname;
await build({
  entryPoints: [new URL('../src/montecarlo/executors/poolWorker.ts', import.meta.url).pathname],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile,
  allowOverwrite: true,
  logLevel: 'warning',
});
rmSync(`${outfile}.map`, { force: true }); // tsc's map described the unbundled file
console.log('bundled dist/src/montecarlo/executors/poolWorker.js');
