// Monte Carlo: the public simulate() call end to end next to the bare SIMD kernel, against
// the TypeScript twin, a plain JavaScript loop of the same work and numpy (when
// /usr/bin/python3 imports it); the scalar WASM kernel of the benchmark-only module; the pool
// against one thread; the first call, the pool's start, progress and memory; exactBinary.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { exactBinary } from '../src/montecarlo/exactBinary.js';
import { closePool, simulate } from '../src/montecarlo/simulate.js';
import { prepareSimulation, type SimulationPlan } from '../src/montecarlo/simulationJob.js';
import { resultRows, simulatePaths, type SimulationJob } from '../src/montecarlo/simulatePaths.js';
import { simulatePathsTwin } from '../src/montecarlo/simulatePathsTwin.js';
import type { SimulateOptions, TradeModel } from '../src/montecarlo/types.js';
import { Xoshiro128 } from '../src/random/xoshiro128.js';
import type { SizewiseExports } from '../src/runtime/exports.js';
import { instantiateWasm, loadWasm, type WasmCore } from '../src/runtime/wasm.js';
import { quantileSorted } from '../src/stats/quantileSorted.js';
import { runSuite, type BenchRow } from './harness.js';

/** The sample median (the mean of the two middle values for an even count). */
function median(xs: readonly number[]): number {
  return quantileSorted([...xs].sort((a, b) => a - b), 0.5);
}

const binary: TradeModel = { kind: 'binary', winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 };
const rng = new Xoshiro128(2026);
const bootstrap: TradeModel = { kind: 'bootstrap', returns: Array.from({ length: 1_000 }, () => (rng.nextFloat() < 0.55 ? 0.03 : -0.02) * (0.5 + rng.nextFloat())) };
/** Few samples for the slow rows: the twin and the plain loop take about a second per run on the sweep. */
const heavy = { time: 0, iterations: 5, warmupIterations: 1 };

/**
 * simulate()'s work written the plain, idiomatic way: each path in turn with its own seeded
 * stream (the twin's generator, so the same draws), a running peak, drawdown and minimum
 * per exposure; then a sort of each row and the summary read from the sorted rows.
 */
function plainSimulate(plan: SimulationPlan): number {
  const { job, summary } = plan;
  const { paths, trades } = job;
  const E = job.exposures.length;
  const n = job.returns;
  const terminal = Array.from({ length: E }, () => new Float64Array(paths));
  const drawdown = Array.from({ length: E }, () => new Float64Array(paths));
  const low = Array.from({ length: E }, () => new Float64Array(paths));
  const w = new Float64Array(E);
  const peak = new Float64Array(E);
  const dd = new Float64Array(E);
  const min = new Float64Array(E);
  for (let i = 0; i < paths; i++) {
    const random = new Xoshiro128(job.seed, i);
    w.fill(0);
    peak.fill(0);
    dd.fill(0);
    min.fill(0);
    for (let t = 0; t < trades; t++) {
      const u = random.nextU32();
      const k = Math.floor((u * n) / 4_294_967_296);
      for (let e = 0; e < E; e++) {
        const x = (w[e] += job.kind === 'binary' ? (u < job.threshold ? job.lnWin[e] : job.lnLoss[e]) : job.table[e * n + k]);
        if (x > peak[e]) peak[e] = x;
        if (peak[e] - x > dd[e]) dd[e] = peak[e] - x;
        if (x < min[e]) min[e] = x;
      }
    }
    for (let e = 0; e < E; e++) {
      terminal[e][i] = w[e];
      drawdown[e][i] = dd[e];
      low[e][i] = min[e];
    }
  }
  let check = 0;
  for (let e = 0; e < E; e++) {
    const tol = job.levels.tolerance[e];
    const x = terminal[e].sort();
    const d = drawdown[e].sort();
    let mean = 0;
    let growth = 0;
    for (const v of x) {
      mean += Math.exp(v);
      growth += v;
    }
    check += mean / paths + growth / paths / trades;
    check += x.filter((v) => v < -tol).length + low[e].filter((v) => v <= job.levels.lnRuin + tol).length;
    for (const th of job.levels.drawdown) check += d.filter((v) => v >= th - tol).length;
    for (const p of [0.5, ...summary.percentiles]) check += quantileSorted(x, p, Math.exp) + quantileSorted(d, p, (v) => -Math.expm1(-v));
  }
  return check;
}

/** The numpy rows for these cases, or none when /usr/bin/python3 lacks numpy (the row is skipped, said so). */
function numpyRows(suite: string, cases: { name: string; plan: SimulationPlan; runs: number }[]): BenchRow[] {
  const python = '/usr/bin/python3';
  try {
    execFileSync(python, ['-c', 'import numpy'], { stdio: 'ignore' });
  } catch {
    console.log(`${suite}: numpy rows skipped (${python} cannot import numpy)`);
    return [];
  }
  const payload = cases.map(({ name, plan, runs }) => {
    const { job, summary } = plan;
    if (job.exposures.length !== 1) throw new Error('the numpy baseline simulates one exposure');
    return {
      name,
      runs,
      kind: job.kind,
      seed: job.seed,
      paths: job.paths,
      trades: job.trades,
      winProbability: job.threshold / 4_294_967_296,
      lnWin: job.lnWin[0],
      lnLoss: job.lnLoss[0],
      table: Array.from(job.table),
      tolerance: job.levels.tolerance[0],
      ruinLevel: summary.ruinLevel,
      drawdownLevels: summary.drawdownLevels,
      percentiles: summary.percentiles,
    };
  });
  const script = fileURLToPath(new URL('./simulatePaths.numpy.py', import.meta.url));
  const results = JSON.parse(execFileSync(python, [script, JSON.stringify(payload)], { encoding: 'utf8', maxBuffer: 1 << 26 })) as { name: string; meanMs: number; medianMs: number; samples: number }[];
  return results.map((r, i) => ({ suite, task: r.name, meanMs: r.meanMs, p99Ms: r.medianMs, samples: r.samples, unitsPerSecond: steps(cases[i].plan.job) / (r.meanMs / 1000) }));
}

function steps(job: SimulationJob): number {
  return job.paths * job.trades * job.exposures.length;
}

/** The benchmark-only module (build/sizewise.bench.wasm, `npm run asbuild:bench`), with the scalar kernel. */
type BenchExports = SizewiseExports & {
  simulateBinaryScalar(...args: Parameters<SizewiseExports['simulateBinary']>): void;
};

async function benchModule(): Promise<WasmCore & { exports: BenchExports }> {
  const bytes = readFileSync(fileURLToPath(new URL('../build/sizewise.bench.wasm', import.meta.url)));
  return (await instantiateWasm(await WebAssembly.compile(bytes))) as WasmCore & { exports: BenchExports };
}

/**
 * The scalar kernel (one path at a time, branchy) on the bench module's own instance:
 * returns a function that runs every path of the job into its output, and checks first
 * that the output is bit-identical to the SIMD kernel's.
 */
async function scalarKernel(job: SimulationJob): Promise<{ run: () => void; release: () => void }> {
  const core = await benchModule();
  const { arena, exports } = core;
  const E = job.exposures.length;
  const C = job.checkpointSteps.length;
  const stride = (job.paths + 3) & ~3;
  const steps = arena.alloc(16 * E);
  const checkpoints = arena.alloc(4 * Math.max(1, C));
  const work = arena.alloc(16 + 32 * E);
  const out = arena.alloc(8 * resultRows(job) * stride);
  arena.f64(steps, 2 * E).set([...job.lnWin, ...job.lnLoss]);
  arena.i32(checkpoints, C).set(job.checkpointSteps);
  const run = () => exports.simulateBinaryScalar(job.seed, 0, job.paths, job.trades, job.threshold, E, steps, steps + 8 * E, checkpoints, C, out, stride, work);
  run();
  const simd = simulatePaths(await loadWasm(), job, { width: job.paths });
  simd.run(0, job.paths, 0);
  for (let r = 0; r < resultRows(job); r++) {
    const a = arena.f64(out + 8 * r * stride, job.paths);
    const b = simd.row(r).subarray(0, job.paths);
    if (a.some((x, i) => !Object.is(x, b[i]))) throw new Error('the scalar kernel does not reproduce the SIMD kernel bit for bit');
  }
  simd.release();
  return { run, release: () => [out, work, checkpoints, steps].forEach((p) => arena.release(p)) };
}

/**
 * One suite on one job, all rows in one run, ratios against the plain JavaScript loop:
 * simulate() end to end on the calling thread; the bare SIMD kernel (every path, no summary);
 * the TypeScript twin (kernel work only); the plain loop (the whole job); the scalar kernel
 * (binary); numpy (the whole job, timed in Python).
 */
async function publicCallSuite(suite: string, name: string, model: TradeModel, opts: SimulateOptions, options: { scalar?: boolean; numpy?: boolean }): Promise<BenchRow[]> {
  const plan = prepareSimulation(model, opts);
  const { job } = plan;
  const kernel = simulatePaths(await loadWasm(), job, { width: job.paths });
  const scalar = options.scalar ? await scalarKernel(job) : undefined;
  const twinOut = new Float64Array(resultRows(job) * job.paths);
  const units = steps(job);
  try {
    const rows = await runSuite(
      suite,
      [
        { name: `${name}: plain JavaScript loop (baseline)`, fn: () => plainSimulate(plan), units, baseline: true },
        { name: `${name}: TypeScript twin (kernel work only)`, fn: () => simulatePathsTwin(job, 0, job.paths, twinOut, job.paths), units },
        ...(scalar ? [{ name: `${name}: WASM scalar kernel (bench module)`, fn: scalar.run, units }] : []),
        { name: `${name}: WASM SIMD kernel alone`, fn: () => kernel.run(0, job.paths, 0), units },
        { name: `${name}: simulate() public call, calling thread`, fn: () => simulate(model, { ...opts, workers: 0 }), units },
      ],
      heavy,
    );
    const numpy = options.numpy ? numpyRows(suite, [{ name: `${name}: numpy loop over trades (whole job, Python)`, plan, runs: 5 }]) : [];
    const baseline = rows[0].meanMs;
    for (const row of numpy) row.speedup = baseline / row.meanMs;
    return [...rows, ...numpy, ...ratios(suite, name, rows, numpy)];
  } finally {
    kernel.release();
    scalar?.release();
  }
}

/** The ratios from one run: public call vs numpy and vs the plain loop, and the summary's share. */
function ratios(suite: string, name: string, rows: BenchRow[], numpy: BenchRow[]): BenchRow[] {
  const find = (part: string) => rows.find((r) => r.task.includes(part))!.meanMs;
  const publicMs = find('public call');
  const kernelMs = find('SIMD kernel alone');
  const note = (task: string, value: number): BenchRow => ({ suite, task: `${name}: ${task}`, meanMs: 0, p99Ms: 0, samples: 0, speedup: value });
  return [
    note('public call speed-up over the plain loop (target ≥ 8×)', find('plain JavaScript') / publicMs),
    ...(numpy.length > 0 ? [note('public call speed-up over numpy (target ≥ 10×)', numpy[0].meanMs / publicMs)] : []),
    note('summary overhead (public − kernel) / kernel, in the ratio column (target ≤ 0.15)', (publicMs - kernelMs) / kernelMs),
  ];
}

export async function benchMontecarlo(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const base = { paths: 10_000, trades: 1_000 };
  rows.push(...(await publicCallSuite('montecarlo binary 10k×1k', 'binary 10k×1k', binary, { ...base, exposures: [5] }, { scalar: true, numpy: true })));
  rows.push(...(await publicCallSuite('montecarlo bootstrap 10k×1k', 'bootstrap 10k×1k (1k returns)', bootstrap, { ...base, exposures: [5] }, { numpy: true })));
  const sweep = Array.from({ length: 20 }, (_, i) => 0.75 * (i + 1));
  rows.push(...(await publicCallSuite('montecarlo sweep 20×10k×1k', 'sweep 20 exposures × 10k×1k', binary, { ...base, exposures: sweep }, { scalar: true })));
  rows.push(...(await poolRows()));
  rows.push(...(await progressRows()));
  rows.push(...exactBinaryRows());

  const facade = await bundleFacade();
  try {
    rows.push(...firstVersusWarm(facade));
    rows.push(...coldPool(facade));
    rows.push(...twoThreadCeiling(facade));
    rows.push(...peakMemory(facade));
  } finally {
    facade.cleanup();
  }
  return rows;
}

/** simulate() end to end, one thread against a warm pool of 2, at 100k × 1k and at the sizes where a pool starts to pay. */
async function poolRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const big = { exposures: [5], paths: 100_000, trades: 1_000 };
  await simulate(binary, { ...big, workers: 2 }); // start the pool outside the timing
  rows.push(
    ...(await runSuite(
      'montecarlo 100k×1k threads',
      [
        { name: 'simulate 100k×1k, calling thread', fn: () => simulate(binary, { ...big, workers: 0 }), units: 1e8, baseline: true },
        { name: 'simulate 100k×1k, pool of 2 (target ≥ 1.85×)', fn: () => simulate(binary, { ...big, workers: 2 }), units: 1e8 },
      ],
      // More samples than the kernel rows: two threads on two shared cores feel every other process.
      { time: 0, iterations: 10, warmupIterations: 2 },
    )),
  );
  for (const p of [1_000, 4_000, 8_000, 16_000]) {
    const opts = { exposures: [5], paths: p, trades: 1_000 };
    rows.push(
      ...(await runSuite(`montecarlo inline threshold ${p}×1k`, [
        { name: `simulate ${p}×1k, calling thread`, fn: () => simulate(binary, { ...opts, workers: 0 }), units: p * 1_000, baseline: true },
        { name: `simulate ${p}×1k, pool of 2`, fn: () => simulate(binary, { ...opts, workers: 2 }), units: p * 1_000 },
      ], { time: 300, warmupTime: 100 })),
    );
  }
  await closePool();
  return rows;
}

/** How often onProgress fires: calls and the largest gap between two reports, as a share of the paths (target ≤ 5 %). */
async function progressRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const workers of [0, 2]) {
    const seen: number[] = [0];
    const started = performance.now();
    await simulate(binary, { exposures: [5], paths: 100_000, trades: 1_000, workers, onProgress: (done) => seen.push(done) });
    const ms = performance.now() - started;
    const gap = Math.max(...seen.slice(1).map((d, i) => d - seen[i])) / 100_000;
    rows.push({ suite: 'montecarlo progress', task: `100k×1k on ${workers === 0 ? 'the calling thread' : 'a pool of 2'}: ${seen.length - 1} reports, largest gap ${(100 * gap).toFixed(1)} % of the paths`, meanMs: ms, p99Ms: ms, samples: 1 });
  }
  await closePool();
  return rows;
}

/** exactBinary at 1 000 trades with the default drawdown levels, with the maximum-drawdown search, and at its trade limits. */
function exactBinaryRows(): BenchRow[] {
  const edge = { winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 };
  const time = (task: string, f: () => unknown, runs = 5): BenchRow => {
    f();
    const ms: number[] = [];
    for (let k = 0; k < runs; k++) {
      const t = performance.now();
      f();
      ms.push(performance.now() - t);
    }
    return { suite: 'montecarlo exactBinary', task, meanMs: median(ms), p99Ms: Math.max(...ms), samples: runs };
  };
  return [
    time('1 000 trades, drawdown levels [0.2, 0.5] (target < 50 ms)', () => exactBinary(edge, { exposure: 5, trades: 1_000 })),
    time('1 000 trades, levels [0.1 … 0.9] (9 levels)', () => exactBinary(edge, { exposure: 5, trades: 1_000, drawdownLevels: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] })),
    time('1 000 trades with maxDrawdown quantiles', () => exactBinary(edge, { exposure: 5, trades: 1_000, maxDrawdown: true }), 3),
    time('2 000 trades (maxDrawdownTrades) with maxDrawdown quantiles', () => exactBinary(edge, { exposure: 5, trades: 2_000, maxDrawdown: true }), 1),
    time('10 000 trades (maxTrades), drawdown levels [0.2, 0.5]', () => exactBinary(edge, { exposure: 5, trades: 10_000 }), 1),
  ];
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
 * job (100 paths × 100 trades); median over 3 processes. Also a process that only starts
 * two bare worker threads, for what Node itself needs.
 */
export function coldPool(facade: { bundle: string; wasm: string }): BenchRow[] {
  const body =
    `const model = { kind: 'binary', winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 };` +
    `const times = [];` +
    `for (let k = 0; k < 3; k++) { const t = performance.now(); await m.simulate(model, { exposures: [3], paths: 100, trades: 100, workers: 2 }); times.push(performance.now() - t); }` +
    `await m.closePool(); console.log(JSON.stringify(times));`;
  const bare =
    `const { Worker } = await import('node:worker_threads'); const t = performance.now();` +
    `const ws = [0, 1].map(() => new Worker('import("node:worker_threads").then((w) => w.parentPort.postMessage(1))', { eval: true }));` +
    `await Promise.all(ws.map((w) => new Promise((r) => w.once('message', r)))); console.log(JSON.stringify(performance.now() - t)); await Promise.all(ws.map((w) => w.terminate()));`;
  const runs = [0, 1, 2].map(() => JSON.parse(inChild(facade, body)) as number[]);
  const bareMs = median([0, 1, 2].map(() => JSON.parse(inChild(facade, bare)) as number));
  const warm = median(runs.flatMap((t) => t.slice(1)));
  const row = (task: string, ms: number): BenchRow => ({ suite: 'montecarlo pool start', task, meanMs: ms, p99Ms: ms, samples: 3, speedup: warm / ms });
  return [
    row('simulate 100×100 on a warm pool of 2', warm),
    row('first simulate 100×100 on a pool of 2 (starts the pool; target ≤ 20 ms)', median(runs.map((t) => t[0]))),
    row('two bare Node worker threads, started and answering (no sizewise)', bareMs),
  ];
}

/**
 * What two threads can give on this machine at all: two bare worker threads, each running
 * simulate() on the calling thread (workers: 0) over half of 100k × 1k at the same moment,
 * against one of them running all of it; no pool, no shared buffers, no merge. Medians of 5
 * after a warm-up, in a fresh process. The pool's speed-up is measured against this ceiling.
 */
export function twoThreadCeiling(facade: { bundle: string; wasm: string }): BenchRow[] {
  const worker =
    `const { parentPort } = await import('node:worker_threads'); const m = await import(${JSON.stringify(facade.bundle)});` +
    `await m.ready((await import('node:fs')).readFileSync(${JSON.stringify(facade.wasm)}));` +
    `const model = { kind: 'binary', winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 };` +
    `parentPort.on('message', async (paths) => { await m.simulate(model, { exposures: [5], paths, trades: 1000, workers: 0 }); parentPort.postMessage(0); });` +
    `parentPort.postMessage(0);`;
  const body =
    `const { Worker } = await import('node:worker_threads');` +
    `const ws = [0, 1].map(() => new Worker(${JSON.stringify(worker)}, { eval: true }));` +
    `const reply = (w) => new Promise((r) => w.once('message', r));` +
    `await Promise.all(ws.map(reply));` +
    `const run = async (list, paths) => { const t = performance.now(); await Promise.all(list.map((w) => { const p = reply(w); w.postMessage(paths); return p; })); return performance.now() - t; };` +
    `for (let k = 0; k < 2; k++) { await run(ws, 50000); await run([ws[0]], 100000); }` +
    `const one = [], two = []; for (let k = 0; k < 5; k++) { one.push(await run([ws[0]], 100000)); two.push(await run(ws, 50000)); }` +
    `const med = (xs) => xs.sort((a, b) => a - b)[2]; console.log(JSON.stringify([med(one), med(two)])); await Promise.all(ws.map((w) => w.terminate()));`;
  const [one, two] = JSON.parse(inChild(facade, body)) as [number, number];
  const row = (task: string, ms: number): BenchRow => ({ suite: 'montecarlo two-thread ceiling', task, meanMs: ms, p99Ms: ms, samples: 5, unitsPerSecond: 1e8 / (ms / 1000), speedup: one / ms });
  return [row('one bare worker thread: simulate 100k×1k, workers: 0', one), row('two bare worker threads at once, 50k×1k each, workers: 0 (no pool)', two)];
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
