import type { BinaryEdge } from '../kelly/types.js';

/**
 * How one trade changes wealth in the simulator:
 * - `binary`: with probability `winProbability` a unit position gains `winReturn`, else it
 *   loses `lossReturn` (positive), so wealth is multiplied by 1 + f·winReturn or 1 − f·lossReturn;
 * - `bootstrap`: a return r drawn uniformly (with replacement) from `returns`, so wealth is
 *   multiplied by 1 + f·r.
 */
export type TradeModel = ({ kind: 'binary' } & BinaryEdge) | { kind: 'bootstrap'; returns: ArrayLike<number> };

/**
 * The keys of `probabilityOfDrawdown` for drawdown levels L, String(level) each: with literal
 * levels (`drawdownLevels: [0.2, 0.5]`, or the default) exactly those strings, so
 * `probabilityOfDrawdown['0.5']` is a number and a level that was not simulated (`['0.3']`)
 * does not compile; with levels known only at run time (`number`), any string.
 */
export type DrawdownKey<L extends number> = number extends L ? string : `${L}`;

/** The drawdown levels reported when none are given (SIMULATE_DEFAULTS.drawdownLevels). */
export type DefaultDrawdownLevels = readonly [0.2, 0.5];

/**
 * Options of `simulate`; every field is optional except `exposures`. Defaults: SIMULATE_DEFAULTS.
 * L is the type of `drawdownLevels`, inferred from the call: it keys the outcomes' `probabilityOfDrawdown`.
 */
export interface SimulateOptions<L extends readonly number[] = readonly number[]> {
  /** One or more exposures (notional ÷ equity), simulated on common random numbers. */
  exposures: readonly number[];
  /** Number of simulated futures (10 000). */
  paths?: number;
  /** Trades per future (1 000). */
  trades?: number;
  /** A u32; results depend only on it, never on workers or chunks (1). */
  seed?: number;
  /** A path is ruined if its wealth ever falls to this fraction of the start (0.5). */
  ruinLevel?: number;
  /** Drawdown levels (fractions in (0, 1)) whose probabilities are reported ([0.2, 0.5]). */
  drawdownLevels?: L;
  /** Percentiles (in (0, 1)) reported for terminal wealth, drawdown and bands ([0.05, 0.25, 0.5, 0.75, 0.95]). */
  percentiles?: readonly number[];
  /** Evenly spaced steps per path kept for fan-chart bands (0: no bands). */
  checkpoints?: number;
  /** 0 = on the calling thread; n ≥ 1 = n worker threads (Piscina in Node, Web Workers in a browser); 'auto' picks. */
  workers?: number | 'auto';
  /**
   * Number of path ranges the job is cut into (default: two per worker, or 1 on the calling
   * thread); ranges start on a block of paths (up to 64), so a job has at most ⌈paths / 4⌉ of them.
   */
  chunks?: number;
  /** Cancels the simulation; the promise rejects with a SizewiseError of code ABORTED. */
  signal?: AbortSignal;
  /** Called with (paths done, paths total) after every kernel call, at least every 5 % of the paths on every executor (every 4 paths, the kernel's lanes, below 80 paths). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * What the simulation (or the exact lattice) says about one exposure. Wealth is a multiple
 * of the start; a multiple beyond the largest double (e^709.78, e.g. 100 000 trades that
 * each gain 3 %) is reported as Number.MAX_VALUE, and `terminalWealth.log` holds every
 * wealth figure as its natural logarithm, which is always finite. K is the keys of
 * `probabilityOfDrawdown`: the simulated drawdown levels as strings (DrawdownKey).
 */
export interface ExposureOutcome<K extends string = string> {
  exposure: number;
  terminalWealth: {
    mean: number;
    median: number;
    percentiles: Record<string, number>;
    /** ln of each figure above: ln E[W_n / W_0] (not E[ln W_n / W_0], which is growthPerTrade × trades), ln median, ln percentiles. */
    log: { mean: number; median: number; percentiles: Record<string, number> };
  };
  /** Mean log growth per trade, E[ln(W_n / W_0)] / n. */
  growthPerTrade: number;
  /** P(W_n < W_0). */
  probabilityOfLoss: number;
  /** P(min_t W_t ≤ ruinLevel · W_0). */
  probabilityOfRuin: number;
  /** P(max drawdown ≥ level), keyed by String(level): the simulated levels only (DrawdownKey). */
  probabilityOfDrawdown: Record<K, number>;
  /** Maximum drawdown (fraction of the running peak lost) over the path. */
  maxDrawdown: { median: number; percentiles: Record<string, number> };
  /** Percentiles of wealth after each checkpoint step (only when checkpoints > 0). */
  bands?: { step: number; percentiles: Record<string, number> }[];
}

/** What simulate resolves with; K is the keys of each outcome's `probabilityOfDrawdown` (DrawdownKey). */
export interface SimulationResult<K extends string = string> {
  outcomes: ExposureOutcome<K>[];
  paths: number;
  trades: number;
  seed: number;
  elapsedMs: number;
}
