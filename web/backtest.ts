// What the page computes, apart from the page: the edge of the trades, then the Monte Carlo
// as the command line's `sizewise simulate --trades <file>` does it with its defaults: a
// bootstrap of the file's returns in file order at multiples of the Kelly exposure, then a
// sweep of exposures for the Kelly curve and the recommendation, in Web Workers.
import { estimateEdge, recommendExposure, simulate, SIMULATE_DEFAULTS, type EdgeEstimate, type ExposureRecommendation, type SimulationResult, type OutputTrade } from 'sizewise';

/** The multiples of Kelly simulated (the command line's default `--kelly 0.25,0.5,1`). */
export const KELLY_MULTIPLES: readonly number[] = [0.25, 0.5, 1];
/** Points kept per path for the fan chart. */
const CHECKPOINTS = 50;
/** Drawdown levels simulated for the drawdown chart besides the reported ones: 5 %, 10 %, …, 95 %. */
const DRAWDOWN_GRID = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
/** Exposures in the sweep behind the Kelly curve: a geometric grid from Kelly/40 up to 2 × Kelly. */
const SWEEP_POINTS = 20;
/** The recommendation: the largest median growth with P(max drawdown ≥ 50 %) ≤ 10 %. */
export const DRAWDOWN_LIMIT = Object.freeze({ maxDrawdown: 0.5, probability: 0.1 });

export interface Backtest {
  edge: EdgeEstimate;
  /** Multiples of Kelly simulated, in KELLY_MULTIPLES order. */
  multiples: number[];
  /** Multiples left out: at them the worst trade alone would lose all the equity (certain ruin once drawn). */
  leftOut: number[];
  /** The drawdown levels reported (the library's defaults and the recommendation's limit). */
  drawdownLevels: number[];
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

export async function runBacktest(trades: readonly OutputTrade[], { seed, workers, signal, onProgress }: BacktestOptions): Promise<Backtest> {
  const edge = estimateEdge(trades);
  const kelly = edge.kelly.exposure;
  const returns = trades.map((t) => t.returnFraction);
  const worst = Math.min(...returns);
  const maxExposure = worst < 0 ? -1 / worst : Infinity; // from here on the worst trade loses everything
  const multiples = kelly > 0 ? KELLY_MULTIPLES.filter((m) => m * kelly < maxExposure) : [];
  const drawdownLevels = uniqueSorted([...SIMULATE_DEFAULTS.drawdownLevels, DRAWDOWN_LIMIT.maxDrawdown]);
  const backtest: Backtest = { edge, multiples, leftOut: kelly > 0 ? KELLY_MULTIPLES.filter((m) => !multiples.includes(m)) : [], drawdownLevels };
  if (multiples.length === 0) return backtest;

  const top = Math.min(2 * kelly, 0.99 * maxExposure);
  const bottom = Math.min(kelly, top) / 40;
  const sweep = Array.from({ length: SWEEP_POINTS }, (_, i) => bottom * (top / bottom) ** (i / (SWEEP_POINTS - 1)));
  // One progress bar over both runs, weighted by their number of exposures.
  const total = multiples.length + sweep.length;
  const progress = (offset: number, weight: number) => (done: number, paths: number) => onProgress?.((offset + (weight * done) / paths) / total);
  const common = { seed, workers, signal };
  const model = { kind: 'bootstrap', returns } as const;
  backtest.simulation = await simulate(model, {
    ...common,
    exposures: multiples.map((m) => m * kelly),
    checkpoints: CHECKPOINTS,
    drawdownLevels: uniqueSorted([...drawdownLevels, ...DRAWDOWN_GRID]),
    onProgress: progress(0, multiples.length),
  });
  backtest.sweep = await simulate(model, { ...common, exposures: sweep, drawdownLevels, onProgress: progress(multiples.length, sweep.length) });
  backtest.recommended = recommendExposure(backtest.sweep, DRAWDOWN_LIMIT);
  return backtest;
}

function uniqueSorted(xs: readonly number[]): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}
