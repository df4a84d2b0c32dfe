// npm run bench [-- name …] [-- --json path]: runs the benchmark files in this folder,
// one per kernel, in one process, prints each table and optionally writes all rows as JSON.
import { printRows, writeJson, type BenchRow } from './harness.js';

const suites: Record<string, () => Promise<BenchRow[]>> = {
  evaluate: async () => (await import('./evaluate.js')).benchEvaluate(),
  kelly: async () => (await import('./kelly.js')).benchKelly(),
  kellyGradient: async () => (await import('./kellyGradient.js')).benchKellyGradient(),
  montecarlo: async () => (await import('./simulatePaths.js')).benchMontecarlo(),
  probability: async () => (await import('./probability.js')).benchProbability(),
  qUpdate: async () => (await import('./qUpdate.js')).benchQUpdate(),
  regime: async () => (await import('./regime.js')).benchRegime(),
  scalePositions: async () => (await import('./scalePositions.js')).benchScalePositions(),
  sizeColumns: async () => (await import('./sizeColumns.js')).benchSizeColumns(),
  size: async () => (await import('./size.js')).benchSize(),
  store: async () => (await import('./store.js')).benchStore(),
};

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const names = args.filter((a, i) => !a.startsWith('--') && (jsonAt < 0 || i !== jsonAt + 1));
const chosen = names.length > 0 ? names : Object.keys(suites);
const rows: BenchRow[] = [];
for (const name of chosen) {
  const suite = suites[name];
  if (suite === undefined) throw new Error(`unknown bench suite ${name}; known: ${Object.keys(suites).join(', ')}`);
  console.log(`\n# ${name}`);
  const suiteRows = await suite();
  printRows(suiteRows);
  rows.push(...suiteRows);
}
writeJson(rows);
