import { SizewiseError, describeValue } from '../errors.js';
import { kellyFromStats } from '../kelly/kellyFromStats.js';
import type { KellyResult } from '../kelly/types.js';
import { WinRatePosterior, type BetaBeliefJSON } from '../probability/WinRatePosterior.js';
import { Xoshiro128 } from '../random/xoshiro128.js';
import { quantileSorted } from '../stats/quantileSorted.js';
import { finite, inRange, integer, knownKeys, positive, seed as checkSeed, toTime } from '../validate.js';
import type { Trade } from './trade.js';
import { windowNotes } from './windowNotes.js';
import { tradeReturn } from './tradeReturn.js';
import { wilsonInterval } from './wilsonInterval.js';

export interface EstimateEdgeOptions {
  /** Trades needed before Kelly is trusted (`reliable`). */
  minTrades?: number;
  /** Two-sided confidence of the win-rate and Kelly intervals. */
  confidence?: number;
  /** Keep only the last N trades (by `closedAt` when every trade has one, else list order). */
  window?: number;
  /** Keep only trades closed within this many days of the latest `closedAt` (or `asOf`). */
  windowDays?: number;
  /** The "now" of `windowDays`; defaults to the latest `closedAt`. */
  asOf?: Date | string;
  /** Seed of the bootstrap. */
  seed?: number;
  /** Bootstrap resamples for the Kelly interval. */
  resamples?: number;
}

export const ESTIMATE_EDGE_DEFAULTS = Object.freeze({
  minTrades: 20,
  confidence: 0.95,
  seed: 1,
  resamples: 2000,
});

/** A strategy's edge from its closed trades, with how far to trust it. */
export interface EdgeEstimate {
  trades: number;
  wins: number;
  losses: number;
  /** wins ÷ trades (a break-even trade counts as a trade but not as a win). */
  winRate: number;
  /** Mean return of the winning trades. */
  avgWin: number;
  /** Mean loss of the losing trades, as a positive number. */
  avgLoss: number;
  /** avgWin ÷ avgLoss (0 without wins). */
  payoffRatio: number;
  /** Mean return per trade. */
  expectancy: number;
  /** Gross wins ÷ gross losses. */
  profitFactor: number;
  /** Wilson score interval on the win rate. */
  winRateInterval: [number, number];
  /**
   * Beta(1 + wins, 1 + losses + break-evens) posterior on the win rate from a uniform prior:
   * a `WinRatePosterior`'s saved form. `WinRatePosterior.from(it)` gives credible intervals;
   * `probabilityKelly({ probability: it, … })` sizes with it, shrunk for its uncertainty.
   */
  winRatePosterior: BetaBeliefJSON;
  /** Binary Kelly from (winRate, avgWin, avgLoss). */
  kelly: KellyResult;
  /** Percentile bootstrap interval on `kelly.exposure`. */
  kellyInterval: [number, number];
  /** trades ≥ minTrades. */
  reliable: boolean;
  warnings: string[];
}

interface Stats {
  wins: number;
  losses: number;
  winSum: number;
  lossSum: number;
  sum: number;
}

/**
 * Estimates a strategy's edge from its closed trades: win rate with a Wilson interval,
 * average win and loss, payoff ratio, expectancy, profit factor, the binary Kelly
 * sizing (Thorp 2006, §2) and a seeded percentile bootstrap interval on its exposure
 * (Efron & Tibshirani 1993, ch. 13). A resample without losses, whose Kelly is
 * unbounded, counts at the ruin-boundary cap 1 ÷ avgLoss of the full sample.
 *
 * A sample without any loss has no finite Kelly and throws `NO_LOSSES`.
 * O(n · resamples).
 */
export function estimateEdge(trades: readonly Trade[], options: EstimateEdgeOptions = {}): EdgeEstimate {
  knownKeys(options, 'options', ['minTrades', 'confidence', 'window', 'windowDays', 'asOf', 'seed', 'resamples']);
  const o = { ...ESTIMATE_EDGE_DEFAULTS, ...options };
  const minTrades = integer(o.minTrades, 'options.minTrades', 1);
  const confidence = inRange(o.confidence, 'options.confidence', { min: 0, max: 1, minOpen: true, maxOpen: true });
  const seed = checkSeed(o.seed, 'options.seed');
  const resamples = integer(o.resamples, 'options.resamples', 100, 1_000_000);
  if (!Array.isArray(trades)) {
    throw new SizewiseError('INVALID_TYPE', 'trades', `trades must be an array of trades, received ${describeValue(trades)}`, trades);
  }
  if (trades.length === 0) throw new SizewiseError('EMPTY_INPUT', 'trades', 'trades must not be empty');
  const warnings: string[] = [];
  const returns = selectWindow(trades, o, warnings);
  if (returns.length === 0) {
    throw new SizewiseError('EMPTY_INPUT', 'options.windowDays', `no trade closed within the last ${o.windowDays} days`);
  }

  const s = statsOf(returns);
  const n = returns.length;
  if (s.losses === 0) {
    throw new SizewiseError(
      'NO_LOSSES',
      'trades',
      `none of the ${n} trades lost: Kelly is unbounded without losses; gather more trades or size with a fixed fraction`,
    );
  }
  const winRate = s.wins / n;
  const avgWin = s.wins === 0 ? 0 : s.winSum / s.wins;
  const avgLoss = s.lossSum / s.losses;
  const kelly = kellyFromStats({ winRate, avgWin, avgLoss });
  const reliable = n >= minTrades;
  if (!reliable) warnings.push(`only ${n} trades (fewer than minTrades = ${minTrades}): the Kelly estimate is not reliable`);
  if (kelly.exposure === 0) warnings.push('no positive edge: Kelly exposure is 0');

  return {
    trades: n,
    wins: s.wins,
    losses: s.losses,
    winRate,
    avgWin,
    avgLoss,
    payoffRatio: avgWin / avgLoss,
    expectancy: s.sum / n,
    profitFactor: s.winSum / s.lossSum,
    winRateInterval: wilsonInterval(s.wins, n, confidence),
    winRatePosterior: new WinRatePosterior().updateCounts(s.wins, n - s.wins).toJSON(),
    kelly,
    kellyInterval: bootstrapExposure(returns, avgLoss, confidence, seed, resamples),
    reliable,
    warnings,
  };
}

function statsOf(returns: Float64Array, indices?: Uint32Array): Stats {
  const s: Stats = { wins: 0, losses: 0, winSum: 0, lossSum: 0, sum: 0 };
  const n = indices?.length ?? returns.length;
  for (let i = 0; i < n; i++) {
    const r = returns[indices === undefined ? i : indices[i]];
    s.sum += r;
    if (r > 0) {
      s.wins++;
      s.winSum += r;
    } else if (r < 0) {
      s.losses++;
      s.lossSum -= r;
    }
  }
  return s;
}

function bootstrapExposure(returns: Float64Array, fullAvgLoss: number, confidence: number, seed: number, resamples: number): [number, number] {
  const n = returns.length;
  const rng = new Xoshiro128(seed, 0);
  const indices = new Uint32Array(n);
  const exposures = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) indices[i] = rng.nextIndex(n);
    const s = statsOf(returns, indices);
    const p = s.wins / n;
    const q = 1 - p;
    const w = s.wins === 0 ? 0 : s.winSum / s.wins;
    const l = s.losses === 0 ? fullAvgLoss : s.lossSum / s.losses;
    const edge = p * w - q * l;
    exposures[b] = edge <= 0 ? 0 : p / l - (q === 0 ? 0 : q / w);
  }
  exposures.sort();
  const tail = (1 - confidence) / 2;
  return [quantileSorted(exposures, tail), quantileSorted(exposures, 1 - tail)];
}

/** Returns of the trades inside the window, oldest first; what the window left out is noted in `warnings`. */
function selectWindow(trades: readonly Trade[], o: EstimateEdgeOptions, warnings: string[]): Float64Array {
  // Indexed loops, not every()/map(): those skip the holes of a sparse array.
  let dated = true;
  for (let i = 0; i < trades.length; i++) dated &&= trades[i]?.closedAt !== undefined;
  const rows = Array.from({ length: trades.length }, (_, i) => {
    const t = trades[i];
    if (t === null || typeof t !== 'object') {
      throw new SizewiseError('INVALID_TYPE', `trades[${i}]`, `trades[${i}] must be a trade object, received ${describeValue(t)}`, t);
    }
    const r = tradeReturn(t, `trades[${i}]`);
    return { r, time: dated ? toTime(t.closedAt as Date | string, `trades[${i}].closedAt`) : i };
  });
  if (dated) rows.sort((a, b) => a.time - b.time);
  let kept = rows;
  let until: number | undefined;
  if (o.windowDays !== undefined) {
    const days = positive(o.windowDays, 'options.windowDays');
    if (!dated) {
      throw new SizewiseError('INVALID_TYPE', 'trades', 'options.windowDays needs closedAt on every trade');
    }
    until = o.asOf === undefined ? rows[rows.length - 1].time : toTime(o.asOf, 'options.asOf');
    const from = until - days * 86_400_000;
    const end = until;
    kept = kept.filter((row) => row.time > from && row.time <= end);
  }
  const inDays = kept.length;
  if (o.window !== undefined) kept = kept.slice(-integer(o.window, 'options.window', 1));
  warnings.push(...windowNotes({ total: rows.length, inDays, kept: kept.length, days: o.windowDays, until, asOf: o.asOf !== undefined, window: o.window }));
  return Float64Array.from(kept, (row) => row.r);
}
