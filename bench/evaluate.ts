// Evaluation: TypeScript only (no kernel). The public calls against a plain, idiomatic
// JavaScript loop of the same work (the baseline), and numpy for the paired bootstrap when
// /usr/bin/python3 imports it (timed by Python itself, reported beside the others).
import { spawnSync } from 'node:child_process';
import { compareSizing, evaluateSizing } from '../src/evaluate/index.js';
import { Xoshiro128 } from '../src/random/xoshiro128.js';
import { runSuite, type BenchRow } from './harness.js';

const TRADES = 500;
const RESAMPLES = 2000;
const SERIES = 100_000;

export async function benchEvaluate(): Promise<BenchRow[]> {
  const rng = new Xoshiro128(2026);
  const returns = Float64Array.from({ length: TRADES }, () => (rng.nextFloat() < 0.45 ? 0.03 : -0.015) * (0.5 + rng.nextFloat()));
  const flat = new Float64Array(TRADES).fill(1);
  const dynamic = Float64Array.from({ length: TRADES }, () => 0.5 + 1.5 * rng.nextFloat());
  const long = Float64Array.from({ length: SERIES }, () => 0.01 * (rng.nextFloat() - 0.48));
  const longSizes = Float64Array.from({ length: SERIES }, () => 0.5 + rng.nextFloat());

  const bootstrap = await runSuite('evaluate', [
    {
      name: `compareSizing sharpe, ${TRADES} trades × ${RESAMPLES} resamples`,
      fn: () => compareSizing(returns, dynamic, flat, { resamples: RESAMPLES, seed: 1 }),
      units: TRADES * RESAMPLES,
    },
    { name: 'plain JS loop, same bootstrap', fn: () => plainBootstrap(returns, dynamic, flat, RESAMPLES, 1), units: TRADES * RESAMPLES, baseline: true },
  ]);
  const series = await runSuite('evaluate', [
    { name: `evaluateSizing, ${SERIES} trades (all statistics + 4 quantile buckets)`, fn: () => evaluateSizing(long, longSizes, { periodsPerYear: 252 }), units: SERIES },
    {
      name: `evaluateSizing, ${SERIES} trades, explicit bucket edges (no sort)`,
      fn: () => evaluateSizing(long, longSizes, { periodsPerYear: 252, sizeBuckets: [0.5, 0.75, 1, 1.25, 1.5] }),
      units: SERIES,
    },
    { name: 'plain JS loop: return, drawdown, Sharpe, Sortino', fn: () => plainStats(long, longSizes), units: SERIES, baseline: true },
  ]);
  const baselineMs = bootstrap.find((row) => row.speedup === 1)?.meanMs;
  return [...bootstrap, ...numpyRow(returns, dynamic, baselineMs), ...series];
}

/** The paired bootstrap of the Sharpe difference as one would write it by hand. */
function plainBootstrap(r: Float64Array, a: Float64Array, b: Float64Array, resamples: number, seed: number): [number, number] {
  const n = r.length;
  const rng = new Xoshiro128(seed);
  const diffs: number[] = [];
  for (let k = 0; k < resamples; k++) {
    let sa = 0;
    let sb = 0;
    let qa = 0;
    let qb = 0;
    for (let j = 0; j < n; j++) {
      const i = rng.nextIndex(n);
      const x = a[i] * r[i];
      const y = b[i] * r[i];
      sa += x;
      sb += y;
      qa += x * x;
      qb += y * y;
    }
    const sharpe = (s: number, q: number) => s / n / Math.sqrt((q - (s * s) / n) / (n - 1));
    diffs.push(sharpe(sa, qa) - sharpe(sb, qb));
  }
  diffs.sort((x, y) => x - y);
  return [diffs[Math.floor(0.025 * (resamples - 1))], diffs[Math.ceil(0.975 * (resamples - 1))]];
}

/** Compounded return, drawdown, Sharpe and Sortino in one loop, as one would write it by hand. */
function plainStats(r: Float64Array, s: Float64Array): number {
  let equity = 1;
  let peak = 1;
  let drawdown = 0;
  let sum = 0;
  let squares = 0;
  let downside = 0;
  for (let i = 0; i < r.length; i++) {
    const a = s[i] * r[i];
    equity *= 1 + a;
    peak = Math.max(peak, equity);
    drawdown = Math.max(drawdown, 1 - equity / peak);
    sum += a;
    squares += a * a;
    if (a < 0) downside += a * a;
  }
  const n = r.length;
  const mean = sum / n;
  const sharpe = (mean / Math.sqrt((squares - n * mean * mean) / (n - 1))) * Math.sqrt(252);
  const sortino = (mean / Math.sqrt(downside / n)) * Math.sqrt(252);
  return equity + drawdown + sharpe + sortino;
}

/** The same bootstrap in numpy (an index matrix, row-wise Sharpe, percentiles), timed by Python. */
function numpyRow(returns: Float64Array, dynamic: Float64Array, baselineMs: number | undefined): BenchRow[] {
  const script = `
import json, sys, timeit
import numpy as np
d = json.loads(sys.stdin.read())
r, a = np.array(d['r']), np.array(d['a'])
def run():
    idx = np.random.default_rng(1).integers(0, len(r), (${RESAMPLES}, len(r)))
    x, y = a[idx] * r[idx], r[idx]
    sa = x.mean(1) / x.std(1, ddof=1)
    sb = y.mean(1) / y.std(1, ddof=1)
    return np.percentile(sa - sb, [2.5, 97.5])
times = timeit.repeat(run, number=1, repeat=20)
print(json.dumps({'mean': sum(times) / len(times) * 1000, 'p99': max(times) * 1000, 'n': len(times)}))
`;
  const out = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify({ r: Array.from(returns), a: Array.from(dynamic) }), encoding: 'utf8' });
  if (out.status !== 0) return []; // no numpy here: the row is skipped
  const t = JSON.parse(out.stdout) as { mean: number; p99: number; n: number };
  return [
    {
      suite: 'evaluate',
      task: `numpy ${String(spawnSync('/usr/bin/python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' }).stdout).trim()}, same bootstrap (vectorised)`,
      meanMs: t.mean,
      p99Ms: t.p99,
      samples: t.n,
      unitsPerSecond: (TRADES * RESAMPLES) / (t.mean / 1000),
      ...(baselineMs === undefined ? {} : { speedup: baselineMs / t.mean }),
    },
  ];
}
