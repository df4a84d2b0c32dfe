// Regime classifier: the public calls a user makes, end to end. No WASM kernel here (the
// work is small: see docs/regime.md), so the rows compare the tree fit with scikit-learn's on
// the same rows (when Debian's python3 with scikit-learn is present; the row is skipped
// otherwise), and show what each stage of the walk-forward costs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseClosesCsv } from '../src/data/parseClosesCsv.js';
import { parseOhlcvCsv } from '../src/data/parseOhlcvCsv.js';
import { DecisionTree } from '../src/regime/DecisionTree.js';
import { managePosition } from '../src/regime/managePosition.js';
import { regimeFeatures } from '../src/regime/regimeFeatures.js';
import { REGIME_FEATURE_NAMES, regimeSamples } from '../src/regime/regimeSamples.js';
import { regimeWalkForward } from '../src/regime/regimeWalkForward.js';
import { breakoutTrades } from '../src/strategy/breakoutTrades.js';
import { runSuite, type BenchRow } from './harness.js';

const DATA = new URL('../data/', import.meta.url);
const PYTHON = '/usr/bin/python3';

/** Mean ms of scikit-learn's fit on the same rows (timeit, best settings of a quick run), or undefined without it. */
function sklearnFitMs(rows: number[][], labels: string[], maxDepth: number, minSamplesLeaf: number): number | undefined {
  const script = [
    'import json, sys, timeit',
    'import numpy as np',
    'from sklearn.tree import DecisionTreeClassifier',
    'd = json.load(sys.stdin)',
    'X = np.array(d["X"], dtype=np.float32); y = np.array(d["y"])',
    'f = lambda: DecisionTreeClassifier(criterion="gini", max_depth=d["depth"], min_samples_leaf=d["leaf"]).fit(X, y)',
    'n = 50; print(min(timeit.repeat(f, number=n, repeat=3)) / n * 1000)',
  ].join('\n');
  const run = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify({ X: rows, y: labels, depth: maxDepth, leaf: minSamplesLeaf }), encoding: 'utf8' });
  const ms = Number(run.stdout?.trim());
  return run.status === 0 && Number.isFinite(ms) ? ms : undefined;
}

export async function benchRegime(): Promise<BenchRow[]> {
  const sp500 = parseOhlcvCsv(readFileSync(new URL('sp500_2000-2020_daily_ohlcv.csv', DATA), 'utf8'));
  const goog = parseOhlcvCsv(readFileSync(new URL('goog_2004-2008_daily_ohlcv.csv', DATA), 'utf8'));
  const dow = [...parseClosesCsv(readFileSync(new URL('dowjones30_1991-2000_daily_close.csv', DATA), 'utf8')).values()];
  const dowTrades = dow.map((b) => breakoutTrades(b));
  const samples = dow.flatMap((b, k) => regimeSamples(b, dowTrades[k]));
  const columns = REGIME_FEATURE_NAMES.map((_, f) => f).filter((f) => REGIME_FEATURE_NAMES[f] !== 'volumeRatio');
  const warm = samples.filter((s) => columns.every((f) => Number.isFinite(s.features[f])));
  const rows = warm.map((s) => columns.map((f) => Math.fround(s.features[f]))); // float32 values, as scikit-learn fits
  const labels = warm.map((s) => s.label.scaling);
  const paths = samples.map((s) => s.path);

  const rowsOut = await runSuite(
    'regime',
    [
      { name: `DecisionTree.fit: ${rows.length} × ${columns.length}, depth 5, leaf 10`, fn: () => DecisionTree.fit(rows, labels, { maxDepth: 5, minSamplesLeaf: 10 }), units: rows.length, baseline: true },
      { name: `managePosition: ${paths.length} Dow trade paths, NORMAL`, fn: () => paths.forEach((p) => managePosition(p, 'NORMAL')), units: paths.length },
      { name: 'regimeFeatures: 30 Dow series × 2529 bars', fn: () => dow.forEach((b) => regimeFeatures(b)), units: 30 * 2529 },
      { name: 'regimeWalkForward: S&P 500 + GOOG (default options)', fn: () => regimeWalkForward([sp500, goog]) },
      { name: 'regimeWalkForward: Dow 30 (default options)', fn: () => regimeWalkForward(dow) },
    ],
    { time: 2_000, warmupTime: 500 },
  );
  const sklearn = sklearnFitMs(rows, labels, 5, 10);
  if (sklearn !== undefined) {
    rowsOut.push({ suite: 'regime', task: 'scikit-learn 1.2 DecisionTreeClassifier.fit, same rows (python3, timeit)', meanMs: sklearn, p99Ms: sklearn, samples: 150, unitsPerSecond: rows.length / (sklearn / 1000), speedup: rowsOut[0].meanMs / sklearn });
  }
  return rowsOut;
}
