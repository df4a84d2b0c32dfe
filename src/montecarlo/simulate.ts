import { splitPaths, throwIfAborted, type Executor } from './executors/executor.js';
import { inlineExecutor } from './executors/inlineExecutor.js';
import { browserThreads, closeWebWorkers, hasWebWorkers, webWorkerExecutor, webWorkersRunning } from './executors/webWorkerExecutor.js';
import { prepareSimulation, type SimulationPlan } from './simulationJob.js';
import { summarizePaths } from './summarizePaths.js';
import type { DefaultDrawdownLevels, DrawdownKey, SimulateOptions, SimulationResult, TradeModel } from './types.js';

/**
 * With `workers: 'auto'` and the worker threads already running, jobs below this many
 * exposure-path-steps stay on the calling thread. Measured with bench/simulatePaths.ts on 2
 * cores, alone (bench/README.md, 2026-12-02, two ranges per worker): a warm pool of 2 ran at
 * 0.38× one thread at 1 M steps, 0.88× at 4 M, 1.10× at 8 M, 1.37× at 16 M and 1.80× at
 * 100 M; even near 6 M.
 */
const INLINE_MAX_STEPS = 6_000_000;

/**
 * With `workers: 'auto'` and no worker threads started yet, jobs below this many steps
 * stay on the calling thread: in two solo runs the first simulate() on a pool of 2 took
 * 84–121 ms (two bare Node worker threads: 72–106 ms), which the second thread earns back
 * only on jobs above about 220–320 M steps (one thread: 0.86–0.92 ns a step; a pool of 2
 * saves 40–44 % of it); the larger bound keeps one-off jobs off a pool.
 */
const COLD_POOL_MIN_STEPS = 320_000_000;

/**
 * Default path ranges per worker: two, so that a worker slowed by another process can hand
 * half its share to the other (progress does not depend on it: workers report every kernel
 * call). Measured alone at 100k × 1k on a pool of 2 (medians of 9, interleaved): 1.74× one
 * thread with 2 ranges a worker, 1.63× with 4, against 1.86× for two bare threads.
 */
const TASKS_PER_WORKER = 2;

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

/**
 * Monte Carlo simulation of a sizing rule over many futures: `paths` sequences of
 * `trades` trades drawn from `model` (a binary win/loss bet, or a bootstrap of observed
 * returns), each exposure of `opts.exposures` driven by the same draws (common random
 * numbers). Log wealth is accumulated in a WebAssembly SIMD kernel, four paths per v128.
 * Per exposure it reports terminal wealth (mean, median, percentiles), mean log growth
 * per trade, P(loss), P(ruin), P(max drawdown ≥ level), drawdown percentiles and, with
 * `checkpoints`, fan-chart bands.
 *
 * Path i draws from xoshiro128+ stream (seed, i) only, so the result is the same for any
 * `workers` and `chunks`, in Node and in a browser. Rejects (never throws) with a
 * SizewiseError naming the offending field; see docs/montecarlo.md for limits.
 *
 * @example
 * const r = await simulate({ kind: 'binary', winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 },
 *   { exposures: [2, 5, 10], paths: 10_000, trades: 1_000, seed: 7 });
 * r.outcomes[1].probabilityOfRuin; // P(wealth ever ≤ 50 % of the start) at exposure 5
 * r.outcomes[1].probabilityOfDrawdown['0.5']; // a number: 0.5 is a default level ('0.3' would not compile)
 */
export async function simulate<const L extends readonly number[] = DefaultDrawdownLevels>(
  model: TradeModel,
  opts: SimulateOptions<L>,
): Promise<SimulationResult<DrawdownKey<L[number]>>> {
  const started = performance.now();
  const plan = prepareSimulation(model, opts);
  throwIfAborted(plan.signal);
  const { job } = plan;
  const { executor, chunks } = await chooseExecutor(plan);
  const ranges = splitPaths(job.paths, chunks, job.block);
  const results = await executor(job, ranges, { signal: plan.signal, onProgress: plan.onProgress });
  try {
    throwIfAborted(plan.signal);
    return {
      // Keyed by String(level) of the levels passed (or the defaults): what L says.
      outcomes: summarizePaths(job, results.row, results.ranges, plan.summary) as SimulationResult<DrawdownKey<L[number]>>['outcomes'],
      paths: job.paths,
      trades: job.trades,
      seed: job.seed,
      elapsedMs: performance.now() - started,
    };
  } finally {
    results.release();
  }
}

/**
 * workers 0 → calling thread; n → n workers; 'auto' → the calling thread for jobs below
 * INLINE_MAX_STEPS (threads running) or COLD_POOL_MIN_STEPS (not started yet), else one
 * worker per hardware thread.
 */
async function chooseExecutor(plan: SimulationPlan): Promise<{ executor: Executor; chunks: number }> {
  const { job } = plan;
  let workers = plan.workers;
  if (workers === 'auto') {
    const steps = job.paths * job.trades * job.exposures.length;
    const threads = steps < (await workersRunning() ? INLINE_MAX_STEPS : COLD_POOL_MIN_STEPS) ? 1 : await availableThreads();
    workers = threads < 2 ? 0 : Math.min(threads, Math.ceil(job.paths / 4));
  }
  if (workers === 0) return { executor: inlineExecutor, chunks: plan.chunks ?? 1 };
  const chunks = plan.chunks ?? workers * TASKS_PER_WORKER;
  if (isNode) {
    const { poolExecutor } = await import('./executors/poolExecutor.js');
    return { executor: poolExecutor(workers), chunks };
  }
  if (hasWebWorkers()) return { executor: webWorkerExecutor(workers), chunks };
  return { executor: inlineExecutor, chunks };
}

async function workersRunning(): Promise<boolean> {
  if (isNode) return (await import('./executors/poolExecutor.js')).poolRunning();
  return webWorkersRunning();
}

async function availableThreads(): Promise<number> {
  if (isNode) return (await import('./executors/poolExecutor.js')).hardwareThreads();
  return hasWebWorkers() ? browserThreads() : 1;
}

/**
 * Stops the worker threads simulate() started (the Piscina pool in Node, the Web Workers
 * in a browser). Optional: idle pool threads never keep a Node process alive and exit
 * after POOL_IDLE_TIMEOUT_MS; the next simulate() starts them again.
 */
export async function closePool(): Promise<void> {
  if (isNode) await (await import('./executors/poolExecutor.js')).closeNodePool();
  else closeWebWorkers();
}
