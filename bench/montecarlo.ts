// Monte Carlo: the SIMD WASM kernel against its TypeScript twin (the baseline) and the
// scalar branchy WASM kernel, per the cases; the pool against one thread; the
// first call against a warm one; and the peak memory of a 10k × 1k run with bands.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { closePool, simulate } from '../src/montecarlo/simulate.js';
import { prepareSimulation, resultRows, type SimulationJob } from '../src/montecarlo/simulationJob.js';
import { simulatePathsTwin } from '../src/montecarlo/simulatePathsTwin.js';
import type { TradeModel } from '../src/montecarlo/types.js';
import { wasmPathRunner } from '../src/montecarlo/wasmPathRunner.js';
import { Xoshiro128 } from '../src/random/xoshiro128.js';
import { quantileSorted } from '../src/stats/quantileSorted.js';
import { loadWasm } from '../src/runtime/wasm.js';
import { runSuite, type BenchRow } from './harness.js';

/** The sample median (the mean of the two middle values for an even count). */
function median(xs: readonly number[]): number {
  return quantileSorted([...xs].sort((a, b) => a - b), 0.5);
}

const binary: TradeModel = { kind: 'binary', winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 };
const rng = new Xoshiro128(2026);
const bootstrap: TradeModel = { kind: 'bootstrap', returns: Array.from({ length: 1_000 }, () => (rng.nextFloat() < 0.55 ? 0.03 : -0.02) * (0.5 + rng.nextFloat())) };
/** Few samples for the long cases: the twin takes about a second per run. */
const heavy = { time: 0, iterations: 3, warmupIterations: 1 };

/** Kernel-only tasks (no summary): SIMD WASM, scalar WASM (binary) and the twin on one job; runs them and frees the runners. */
async function kernelSuite(suite: string, name: string, job: SimulationJob, withScalar: boolean): Promise<BenchRow[]> {
  const core = await loadWasm();
  const out = new Float64Array(resultRows(job) * job.paths);
  const simd = wasmPathRunner(core, job);
  const scalar = withScalar ? wasmPathRunner(core, job, { scalar: true }) : undefined;
  const units = job.paths * job.trades * job.exposures.length;
  try {
    return await runSuite(
      suite,
      [
        { name: `${name}: TypeScript twin`, fn: () => simulatePathsTwin(job, 0, job.paths, out, job.paths), units, baseline: true },
        ...(scalar ? [{ name: `${name}: WASM scalar`, fn: () => scalar.run(0, job.paths, out, job.paths), units }] : []),
        { name: `${name}: WASM SIMD`, fn: () => simd.run(0, job.paths, out, job.paths), units },
      ],
      heavy,
    );
  } finally {
    simd.release();
    scalar?.release();
  }
}

export async function benchMontecarlo(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const paths = 10_000;
  const trades = 1_000;
  const binaryJob = prepareSimulation(binary, { exposures: [5], paths, trades }).job;
  rows.push(...(await kernelSuite('montecarlo binary 10k×1k', 'binary 10k×1k', binaryJob, true)));
  const bootJob = prepareSimulation(bootstrap, { exposures: [5], paths, trades }).job;
  rows.push(...(await kernelSuite('montecarlo bootstrap 10k×1k', 'bootstrap 10k×1k (1k returns)', bootJob, false)));
  const sweepJob = prepareSimulation(binary, { exposures: Array.from({ length: 20 }, (_, i) => 0.75 * (i + 1)), paths, trades }).job;
  rows.push(...(await kernelSuite('montecarlo sweep 20×10k×1k', 'sweep 20 exposures × 10k×1k', sweepJob, true)));

  // simulate() end to end (summary included), one thread vs a warm pool of 2.
  const big = { exposures: [5], paths: 100_000, trades };
  await simulate(binary, { ...big, workers: 2 }); // start the pool outside the timing
  rows.push(
    ...(await runSuite(
      'montecarlo 100k×1k threads',
      [
        { name: 'simulate 100k×1k, calling thread', fn: () => simulate(binary, { ...big, workers: 0 }), units: 1e8, baseline: true },
        { name: 'simulate 100k×1k, pool of 2', fn: () => simulate(binary, { ...big, workers: 2 }), units: 1e8 },
      ],
      // More samples than the kernel cases: two threads on two shared cores feel every other process.
      { time: 0, iterations: 10, warmupIterations: 2 },
    )),
  );

  // Where a pool starts paying off: simulate() at growing sizes, one thread vs a warm pool of 2.
  for (const p of [1_000, 4_000, 8_000, 16_000]) {
    const opts = { exposures: [5], paths: p, trades };
    rows.push(
      ...(await runSuite(`montecarlo inline threshold ${p}×1k`, [
        { name: `simulate ${p}×1k, calling thread`, fn: () => simulate(binary, { ...opts, workers: 0 }), units: p * trades, baseline: true },
        { name: `simulate ${p}×1k, pool of 2`, fn: () => simulate(binary, { ...opts, workers: 2 }), units: p * trades },
      ], { time: 300, warmupTime: 100 })),
    );
  }
  await closePool();

  const facade = await bundleFacade();
  try {
    rows.push(...firstVersusWarm(facade));
    rows.push(...coldPool(facade));
    rows.push(...peakMemory(facade));
  } finally {
    facade.cleanup();
  }
  return rows;
}

/**
 * A bundle of the facade (esbuild) that a plain-Node child process can import without tsx,
 * with the pool's worker bundled next to it where poolExecutor looks for it, and the wasm path.
 */
export async function bundleFacade(): Promise<{ bundle: string; wasm: string; cleanup: () => void }> {
  const { build } = await import('esbuild');
  // Inside node_modules/.cache so the bundle resolves piscina (kept external: it is CommonJS) from the project.
  const cache = fileURLToPath(new URL('../node_modules/.cache/', import.meta.url));
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'sizewise-bench-'));
  const src = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
  await build({
    entryPoints: { sizewise: src('index.ts'), poolWorker: src('montecarlo/executors/poolWorker.ts') },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outdir: dir,
    external: ['piscina'],
    logLevel: 'silent',
  });
  return {
    bundle: pathToFileURL(join(dir, 'sizewise.js')).href,
    wasm: fileURLToPath(new URL('../build/sizewise.wasm', import.meta.url)),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs `body` in a fresh plain-Node process after `await m.ready()`; returns its stdout. */
function inChild(facade: { bundle: string; wasm: string }, body: string): string {
  const script = `const m = await import(${JSON.stringify(facade.bundle)}); await m.ready((await import('node:fs')).readFileSync(${JSON.stringify(facade.wasm)}));${body}`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim();
}

/**
 * The first simulate() of a fresh process (after ready(), which compiles, instantiates
 * and warms up the module) against its later, warm calls: binary 10k×1k on the calling
 * thread, median over 5 processes.
 */
export function firstVersusWarm(facade: { bundle: string; wasm: string }): BenchRow[] {
  const body =
    `const model = { kind: 'binary', winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 };` +
    `const times = [];` +
    `for (let k = 0; k < 6; k++) { const t = performance.now(); await m.simulate(model, { exposures: [5], paths: 10000, trades: 1000, workers: 0 }); times.push(performance.now() - t); }` +
    `console.log(JSON.stringify(times));`;
  const firsts: number[] = [];
  const warms: number[] = [];
  for (let k = 0; k < 5; k++) {
    const times = JSON.parse(inChild(facade, body)) as number[];
    firsts.push(times[0]);
    warms.push(...times.slice(2));
  }
  const warm = median(warms);
  const row = (task: string, ms: number, samples: number): BenchRow => ({ suite: 'montecarlo first call', task, meanMs: ms, p99Ms: ms, samples, unitsPerSecond: 1e7 / (ms / 1000), speedup: warm / ms });
  return [row('simulate 10k×1k, warm call (median)', warm, warms.length), row('simulate 10k×1k, first call in a fresh process (median)', median(firsts), firsts.length)];
}

/**
 * What starting the pool costs: the first simulate() on a pool of 2 in a fresh process
 * (threads started, module handed over and instantiated) against the next one, on a tiny
 * job (100 paths × 100 trades); median over 3 processes.
 */
export function coldPool(facade: { bundle: string; wasm: string }): BenchRow[] {
  const body =
    `const model = { kind: 'binary', winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 };` +
    `const times = [];` +
    `for (let k = 0; k < 3; k++) { const t = performance.now(); await m.simulate(model, { exposures: [3], paths: 100, trades: 100, workers: 2 }); times.push(performance.now() - t); }` +
    `await m.closePool(); console.log(JSON.stringify(times));`;
  const runs = [0, 1, 2].map(() => JSON.parse(inChild(facade, body)) as number[]);
  const warm = median(runs.flatMap((t) => t.slice(1)));
  const row = (task: string, ms: number): BenchRow => ({ suite: 'montecarlo pool start', task, meanMs: ms, p99Ms: ms, samples: 3, speedup: warm / ms });
  return [row('simulate 100×100 on a warm pool of 2', warm), row('first simulate 100×100 on a pool of 2 (starts the pool)', median(runs.map((t) => t[0])))];
}

/**
 * Peak resident memory (maxRSS) of a fresh plain-Node process running one 10k×1k
 * simulate() with 100-point bands, against one that only loads sizewise (medians of 3).
 */
export function peakMemory(facade: { bundle: string; wasm: string }): BenchRow[] {
  const run = `await m.simulate({ kind: 'binary', winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 }, { exposures: [5], paths: 10000, trades: 1000, checkpoints: 100, workers: 0 });`;
  // Median of three processes each: one process's peak occasionally jumps by tens of MB.
  const maxRss = (body: string) => {
    // VmHWM: the peak RSS of this process image (getrusage's maxRSS survives exec on Linux,
    // so a child forked from a big parent would report the parent's size).
    const peak =
      `const s = (await import('node:fs')).readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\\s*(\\d+)/);` +
      `console.log(s ? Number(s[1]) : process.resourceUsage().maxRSS);`;
    const runs = [0, 1, 2].map(() => Number(inChild(facade, `${body}${peak}`)) / 1024);
    return median(runs);
  };
  const loaded = maxRss('');
  const withRun = maxRss(run);
  const row = (task: string, mb: number): BenchRow => ({ suite: 'montecarlo memory', task: `${task}: peak RSS ${mb.toFixed(1)} MB`, meanMs: 0, p99Ms: 0, samples: 1 });
  return [row('node process that only loads sizewise', loaded), row('same + simulate 10k×1k with 100-checkpoint bands', withRun), row('difference (the run itself)', withRun - loaded)];
}
