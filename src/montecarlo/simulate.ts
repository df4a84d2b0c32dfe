import { splitPaths, throwIfAborted, type Executor } from './executors/executor.js';
import { inlineExecutor } from './executors/inlineExecutor.js';
import { browserThreads, closeWebWorkers, hasWebWorkers, webWorkerExecutor } from './executors/webWorkerExecutor.js';
import { prepareSimulation, type SimulationPlan } from './simulationJob.js';
import { summarizePaths } from './summarizePaths.js';
import type { SimulateOptions, SimulationResult, TradeModel } from './types.js';

/**
 * With `workers: 'auto'`, jobs below this many exposure-path-steps run on the calling
 * thread: measured with bench/montecarlo.ts, a 2-worker pool only beats one thread
 * (start-up and messages included) above about this size.
 */
export const INLINE_MAX_STEPS = 8_000_000;

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
 */
export async function simulate(model: TradeModel, opts: SimulateOptions): Promise<SimulationResult> {
  const started = performance.now();
  const plan = prepareSimulation(model, opts);
  throwIfAborted(plan.signal);
  const { job } = plan;
  const { executor, chunks } = await chooseExecutor(plan);
  const ranges = splitPaths(job.paths, chunks);
  const results = await executor(job, ranges, { signal: plan.signal, onProgress: plan.onProgress });
  throwIfAborted(plan.signal);
  return {
    outcomes: summarizePaths(job, results, plan.summary, [0, ...ranges.map((r) => r.end)]),
    paths: job.paths,
    trades: job.trades,
    seed: job.seed,
    elapsedMs: performance.now() - started,
  };
}

/** workers 0 → calling thread; n → n workers; 'auto' → calling thread for small jobs, else one worker per hardware thread. */
async function chooseExecutor(plan: SimulationPlan): Promise<{ executor: Executor; chunks: number }> {
  const { job } = plan;
  let workers = plan.workers;
  if (workers === 'auto') {
    const steps = job.paths * job.trades * job.exposures.length;
    const threads = steps < INLINE_MAX_STEPS ? 1 : await availableThreads();
    workers = threads < 2 ? 0 : Math.min(threads, Math.ceil(job.paths / 4));
  }
  if (workers === 0) return { executor: inlineExecutor, chunks: plan.chunks ?? 1 };
  const chunks = plan.chunks ?? workers;
  if (isNode) {
    const { poolExecutor } = await import('./executors/poolExecutor.js');
    return { executor: poolExecutor(workers), chunks };
  }
  if (hasWebWorkers()) return { executor: webWorkerExecutor(workers), chunks };
  return { executor: inlineExecutor, chunks };
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
