import { checkOhlcv } from '../data/checkOhlcv.js';
import type { OhlcvColumns } from '../data/parseOhlcvCsv.js';
import type { OutputTrade } from '../edge/trade.js';
import { returnFields } from '../edge/tradeReturn.js';
import { SizewiseError, describeValue } from '../errors.js';
import { inRange, integer, knownKeys } from '../validate.js';
import { atrUnchecked } from '../volatility/atr.js';
import { exitWalk } from './exitWalk.js';

/** A closed trade of the reference strategy, with what happened inside it. */
export interface BreakoutTrade extends OutputTrade {
  closedAt: string;
  rMultiple: number;
  entryIndex: number;
  exitIndex: number;
  entryDate: string;
  entryPrice: number;
  exitPrice: number;
  stopPrice: number;
  /** ATR at the signal bar, in price units. */
  atrAtEntry: number;
  /** Worst close-to-entry excursion while open, as a return (≤ 0). */
  maxAdverseExcursion: number;
  /** Best excursion while open, as a return (≥ 0). */
  maxFavorableExcursion: number;
  exitReason: 'stop' | 'channel' | 'end';
  /** The entry channel's level: the highest high of the `entryPeriod` bars before the signal bar. */
  breakoutLevel: number;
  /** The strategy's channel lengths for this trade (entry and exit). */
  entryPeriod: number;
  exitPeriod: number;
}

export interface BreakoutOptions {
  /** Bars in the entry channel: enter when the close breaks the highest high of this many previous bars. */
  entryPeriod: number;
  /** Bars in the exit channel: leave when the close falls below the lowest low of this many previous bars. */
  exitPeriod: number;
  /** ATR period (Wilder). */
  atrPeriod: number;
  /** Initial stop distance in ATRs below the entry, in (0, MAX_STOP_ATR]. */
  stopAtr: number;
}

/** The farthest stop `breakoutTrades` takes, in ATRs: farther, a stop is no stop (and 1e308 ATRs overflow). */
export const MAX_STOP_ATR = 1000;

export const BREAKOUT_DEFAULTS: Readonly<BreakoutOptions> = Object.freeze({
  entryPeriod: 20,
  exitPeriod: 10,
  atrPeriod: 20,
  stopAtr: 2,
});

/**
 * The demo trade source of the main job — a long-only Donchian breakout with an ATR
 * stop (the "turtle" rule: Faith 2007), not advice. A close above the previous
 * `entryPeriod`-bar high signals; the trade enters at the next open with a stop
 * `stopAtr` ATRs below; it leaves at the stop (or the open, if the bar gaps through
 * it), or at the next open after a close below the previous `exitPeriod`-bar low.
 * One position at a time; a trade still open at the end closes on the last close. A signal
 * whose stop would not be below its entry (ATR 0) has no risk unit R and is skipped, and so is
 * one whose stop would be at or below a price of 0 (a stop that can never be hit).
 */
export function breakoutTrades(bars: OhlcvColumns, options: Partial<BreakoutOptions> = {}): BreakoutTrade[] {
  checkOhlcv(bars, 'bars', ['open', 'high', 'low', 'close']);
  if (!Array.isArray(bars.date) || bars.date.length !== bars.close.length) {
    throw new SizewiseError('INVALID_TYPE', 'bars.date', `bars.date must be an array of ${bars.close.length} ISO dates, received ${describeValue(bars.date)}`, bars.date);
  }
  knownKeys(options, 'options', ['entryPeriod', 'exitPeriod', 'atrPeriod', 'stopAtr']);
  const o = { ...BREAKOUT_DEFAULTS, ...options };
  integer(o.entryPeriod, 'options.entryPeriod', 2);
  integer(o.exitPeriod, 'options.exitPeriod', 2);
  integer(o.atrPeriod, 'options.atrPeriod', 1);
  inRange(o.stopAtr, 'options.stopAtr', { min: 0, minOpen: true, max: MAX_STOP_ATR });
  const { open, high, low, close, date } = bars;
  const n = close.length;
  const range = atrUnchecked(high, low, close, o.atrPeriod);
  const trades: BreakoutTrade[] = [];
  const warm = Math.max(o.entryPeriod, o.atrPeriod);

  let i = warm;
  while (i < n - 1) {
    const breakoutLevel = maxOf(high, i - o.entryPeriod, i);
    if (!(close[i] > breakoutLevel)) {
      i++;
      continue;
    }
    const entryIndex = i + 1;
    const entryPrice = open[entryIndex];
    const stopPrice = entryPrice - o.stopAtr * range[i];
    if (!(stopPrice < entryPrice) || !(stopPrice > 0)) {
      // No risk to size by (a flat stretch with ATR 0, or a stop distance below a double's
      // resolution at this price): R would be 0, so the signal is skipped; nor at or below a
      // price of 0 (a stop that can never be hit; −Infinity near the largest doubles).
      i++;
      continue;
    }
    // No take-profit: the walk never ends at a target, so its reason is one of BreakoutTrade's.
    const walk = exitWalk(bars, entryIndex, entryPrice, stopPrice, o.exitPeriod);
    const { exitIndex, exitPrice } = walk;
    trades.push({
      closedAt: date[exitIndex],
      ...returnFields(exitPrice / entryPrice - 1),
      rMultiple: (exitPrice - entryPrice) / (entryPrice - stopPrice),
      entryIndex,
      exitIndex,
      entryDate: date[entryIndex],
      entryPrice,
      exitPrice,
      stopPrice,
      atrAtEntry: range[i],
      maxAdverseExcursion: walk.maxAdverseExcursion,
      maxFavorableExcursion: walk.maxFavorableExcursion,
      exitReason: walk.exitReason as BreakoutTrade['exitReason'],
      breakoutLevel,
      entryPeriod: o.entryPeriod,
      exitPeriod: o.exitPeriod,
    });
    i = exitIndex + 1;
  }
  return trades;
}

function maxOf(x: Float64Array, from: number, to: number): number {
  let m = -Infinity;
  for (let k = from; k < to; k++) if (x[k] > m) m = x[k];
  return m;
}
