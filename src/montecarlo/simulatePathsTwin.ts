import { Xoshiro128 } from '../random/xoshiro128.js';
import { resultRows, type SimulationJob } from './simulatePaths.js';

/**
 * The plain TypeScript twin of the Monte Carlo path kernels (assembly/simulatePaths.ts): one
 * path at a time, the same xoshiro128+ stream per (seed, path index), the same draws,
 * the same additions in the same order and the same max/min rules, so every per-path
 * result is bit-identical to the WASM kernel's. It is the test oracle and the
 * benchmark baseline.
 *
 * Writes paths [pathStart, pathStart + count) into columns column … column + count − 1
 * of `out`, whose rows are `stride` long (layout: see resultRows).
 */
export function simulatePathsTwin(
  job: SimulationJob,
  pathStart: number,
  count: number,
  out: Float64Array,
  stride: number,
  column = 0,
): void {
  const E = job.exposures.length;
  const steps = job.checkpointSteps;
  const w = new Float64Array(E);
  const peak = new Float64Array(E);
  const dd = new Float64Array(E);
  const low = new Float64Array(E);
  const binary = job.kind === 'binary';
  const { threshold, lnWin, lnLoss, table } = job;
  const n = job.returns;
  if (resultRows(job) * stride > out.length) throw new RangeError('out is too small for the job');
  for (let i = 0; i < count; i++) {
    const rng = new Xoshiro128(job.seed, pathStart + i);
    w.fill(0);
    peak.fill(0);
    dd.fill(0);
    low.fill(0);
    const col = column + i;
    let c = 0;
    for (let t = 0; t < job.trades; t++) {
      const u = rng.nextU32();
      // Binary: u < floor(p·2³²) wins. Bootstrap: index ⌊u·n / 2³²⌋, exact since u·n < 2⁵³.
      const win = u < threshold;
      const k = binary ? 0 : Math.floor((u * n) / 4_294_967_296);
      for (let e = 0; e < E; e++) {
        const x = (w[e] += binary ? (win ? lnWin[e] : lnLoss[e]) : table[e * n + k]);
        if (peak[e] < x) peak[e] = x; // f64x2.pmax(peak, x)
        const drop = peak[e] - x;
        if (dd[e] < drop) dd[e] = drop;
        if (x < low[e]) low[e] = x; // f64x2.pmin(low, x)
      }
      if (c < steps.length && t + 1 === steps[c]) {
        for (let e = 0; e < E; e++) out[((3 + c) * E + e) * stride + col] = w[e];
        c++;
      }
    }
    for (let e = 0; e < E; e++) {
      out[e * stride + col] = w[e];
      out[(E + e) * stride + col] = dd[e];
      out[(2 * E + e) * stride + col] = low[e];
    }
  }
}
