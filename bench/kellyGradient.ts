// Portfolio Kelly on the Dow Jones 30 closes (30 assets × 2,528 days): the public call end to end,
// and one gradient + Hessian pass (the work of one Newton step) four ways — the bare WASM kernel,
// its TypeScript twin (baseline), a plain idiomatic JavaScript loop, and numpy through
// /usr/bin/python3 when it imports numpy (the row is skipped otherwise). One run, ratios to the twin.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseClosesCsv } from '../src/data/parseClosesCsv.js';
import { simpleReturns } from '../src/data/simpleReturns.js';
import { createKellyGradient, type KellyGradientInput } from '../src/kelly/kellyGradient.js';
import { kellyGradientTwin } from '../src/kelly/kellyGradientTwin.js';
import { portfolioKelly } from '../src/kelly/portfolioKelly.js';
import { ready, wasmCore } from '../src/runtime/wasm.js';
import { runSuite, type BenchRow } from './harness.js';

const DATA = new URL('../data/dowjones30_1991-2000_daily_close.csv', import.meta.url);

export async function benchKellyGradient(): Promise<BenchRow[]> {
  await ready();
  const series = [...parseClosesCsv(readFileSync(DATA, 'utf8')).values()].map((bars) => simpleReturns(bars.close));
  const assets = series.length;
  const days = series[0].length;
  const packed = new Float64Array(days * assets);
  for (let i = 0; i < assets; i++) for (let t = 0; t < days; t++) packed[t * assets + i] = series[i][t];
  const input: KellyGradientInput = { returns: packed, days, assets };
  // The weights of a Newton step near the optimum: growth and both derivatives are finite there.
  const w = portfolioKelly(series).weights.map((x) => x * 0.9);
  const kernel = createKellyGradient(days, assets, (dest) => dest.set(packed), wasmCore());
  const g = new Float64Array(assets);
  const h = new Float64Array(assets * assets);
  const nested = series.map((s) => Array.from(s));
  const weights = Array.from(w);
  const units = days * assets * assets; // multiply-adds of the Hessian, as a work count

  const rows = await runSuite(`portfolio Kelly: ${assets} assets × ${days} days`, [
    { name: 'portfolioKelly (public call, exact, end to end)', fn: () => portfolioKelly(series) },
    { name: 'one gradient + Hessian pass: TypeScript twin', fn: () => kellyGradientTwin(input, w, g, h, true), units, baseline: true },
    { name: 'one gradient + Hessian pass: WASM kernel', fn: () => kernel.evaluate(w, true), units },
    { name: 'one gradient + Hessian pass: plain JavaScript loop', fn: () => plainLoop(nested, weights), units },
  ]);
  kernel.release();
  const numpy = numpyPass();
  if (numpy !== undefined) {
    const twin = rows.find((r) => r.task.endsWith('TypeScript twin'))!;
    rows.push({
      suite: rows[0].suite,
      task: 'one gradient + Hessian pass: numpy (/usr/bin/python3, BLAS)',
      meanMs: numpy,
      p99Ms: numpy,
      samples: 200,
      unitsPerSecond: units / (numpy / 1000),
      speedup: twin.meanMs / numpy,
    });
  }
  return rows;
}

/**
 * The same pass as a JavaScript programmer would write it without a kernel in mind: arrays of
 * arrays by asset, a full N × N matrix, one day at a time.
 */
function plainLoop(returns: number[][], w: number[]): { growth: number; gradient: number[]; hessian: number[][] } {
  const n = returns.length;
  const days = returns[0].length;
  const gradient = new Array<number>(n).fill(0);
  const hessian = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  let growth = 0;
  for (let t = 0; t < days; t++) {
    let s = 1;
    for (let i = 0; i < n; i++) s += w[i] * returns[i][t];
    growth += Math.log(s);
    for (let i = 0; i < n; i++) {
      gradient[i] += returns[i][t] / s / days;
      for (let j = 0; j < n; j++) hessian[i][j] -= (returns[i][t] * returns[j][t]) / (s * s) / days;
    }
  }
  return { growth: growth / days, gradient, hessian };
}

/** Mean ms of the same pass in numpy (u = R/s; g = mean u; H = −uᵀu/T), or undefined without numpy. */
function numpyPass(): number | undefined {
  const script = `
import csv, json, timeit, numpy as np
rows = list(csv.reader(open(${JSON.stringify(DATA.pathname)})))
c = np.array([[float(x) for x in r[1:]] for r in rows[1:]])
R = c[1:] / c[:-1] - 1
w = np.full(R.shape[1], 0.05)
def step():
    s = 1 + R @ w
    g = np.log(s).mean()
    u = R / s[:, None]
    return g, u.mean(axis=0), -(u.T @ u) / len(R)
step()
n = 200
print(json.dumps(timeit.timeit(step, number=n) / n * 1000))
`;
  const run = spawnSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' });
  if (run.status !== 0) return undefined;
  return Number(run.stdout.trim());
}
