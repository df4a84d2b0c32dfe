// What the page computes, apart from the page: the edge of the trades, then the Monte Carlo
// as the command line's `sizewise simulate --trades <file>` does it (a bootstrap of the
// file's returns in file order, exposure = multiple × Kelly exposure, the library's
// defaults otherwise), in Web Workers.
import { estimateEdge, recommendExposure, simulate, type EdgeEstimate, type ExposureRecommendation, type SimulationResult, type Trade } from 'sizewise';

/** The multiples of Kelly simulated (the command line's default `--kelly 0.25,0.5,1`). */
export const KELLY_MULTIPLES: readonly number[] = [0.25, 0.5, 1];
export const PATHS = 10_000;
export const TRADES_PER_PATH = 1_000;
/** Points kept per path for the fan chart. */
const CHECKPOINTS = 50;
/** Drawdown levels of the drawdown chart: 5 %, 10 %, …, 95 % (they do not change ruin or growth). */
const DRAWDOWN_GRID = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
/** The Kelly curve's sweep: 0.1, 0.2, …, 2 × Kelly. */
const SWEEP = Array.from({ length: 20 }, (_, i) => (i + 1) / 10);
/** The drawdown limit of the recommended exposure: P(max drawdown ≥ 50 %) ≤ 10 %. */
export const DRAWDOWN_LIMIT = { maxDrawdown: 0.5, probability: 0.1 };

export interface Backtest {
  edge: EdgeEstimate;
  /** Multiples of Kelly simulated, in KELLY_MULTIPLES order. */
  multiples: number[];
  /** Multiples left out: at them the worst trade alone would lose all the equity (certain ruin once drawn). */
  leftOut: number[];
  /** The simulation of `multiples` (with fan-chart bands); undefined when Kelly sizes nothing. */
  simulation?: SimulationResult;
  /** The sweep of the Kelly curve, and the exposure it recommends within DRAWDOWN_LIMIT. */
  sweep?: SimulationResult;
  recommended?: ExposureRecommendation;
}

export interface BacktestOptions {
  seed: number;
  /** Web Workers to run on (at least 1, so the page's thread stays free). */
  workers: number;
  signal?: AbortSignal;
  /** Share of the work done, 0…1. */
  onProgress?: (fraction: number) => void;
}

export async function runBacktest(trades: readonly Trade[], { seed, workers, signal, onProgress }: BacktestOptions): Promise<Backtest> {
  const edge = estimateEdge(trades);
  const kelly = edge.kelly.exposure;
  const returns = trades.map((t) => t.returnPct);
  const worst = Math.min(...returns);
  const feasible = (m: number) => kelly > 0 && 1 + m * kelly * worst > 0;
  const multiples = KELLY_MULTIPLES.filter(feasible);
  const backtest: Backtest = { edge, multiples, leftOut: KELLY_MULTIPLES.filter((m) => kelly > 0 && !feasible(m)) };
  const sweep = SWEEP.filter(feasible);
  if (multiples.length === 0) return backtest;

  // One progress bar over both runs, weighted by their number of exposures.
  const total = multiples.length + sweep.length;
  const progress = (offset: number, weight: number) => (done: number, paths: number) => onProgress?.((offset + (weight * done) / paths) / total);
  const common = { paths: PATHS, trades: TRADES_PER_PATH, seed, workers, signal };
  const model = { kind: 'bootstrap', returns } as const;
  backtest.simulation = await simulate(model, {
    ...common,
    exposures: multiples.map((m) => m * kelly),
    checkpoints: CHECKPOINTS,
    drawdownLevels: DRAWDOWN_GRID,
    onProgress: progress(0, multiples.length),
  });
  if (sweep.length > 0) {
    backtest.sweep = await simulate(model, { ...common, exposures: sweep.map((m) => m * kelly), onProgress: progress(multiples.length, sweep.length) });
    backtest.recommended = recommendExposure(backtest.sweep, DRAWDOWN_LIMIT);
  }
  onProgress?.(1);
  return backtest;
}
