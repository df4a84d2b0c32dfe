import type { OhlcvColumns } from '../data/parseOhlcvCsv.js';

/** How and where a long position opened at `entryIndex` was closed. */
export interface ExitWalkResult {
  exitIndex: number;
  exitPrice: number;
  exitReason: 'stop' | 'target' | 'channel' | 'end';
  /** Worst low (or stop fill) against the entry while open, as a return (≤ 0). */
  maxAdverseExcursion: number;
  /** Best high against the entry while open, as a return (≥ 0); the exit bar counts unless stopped. */
  maxFavorableExcursion: number;
}

/**
 * Walks a long position bar by bar from its entry bar to its exit, the exit rules of
 * the reference breakout strategy: the stop first (a bar touching both stop and target
 * counts as stopped, the cautious reading of daily bars), filled at the open when the
 * bar gaps through it; then the take-profit `targetPrice` (Infinity for none), filled
 * at the open when the bar gaps above it; then a close below the lowest low of the
 * previous `exitPeriod` bars exits at the next open. Still open at the last bar: closed
 * at the last close. Trusts its input. O(bars held × exitPeriod).
 *
 * @example exitWalk(bars, 101, 50, 46, 10).exitReason // 'stop' | 'channel' | 'end'
 */
export function exitWalk(bars: OhlcvColumns, entryIndex: number, entryPrice: number, stopPrice: number, exitPeriod: number, targetPrice = Infinity): ExitWalkResult {
  const { open, high, low, close } = bars;
  const n = close.length;
  let worst = 0;
  let best = 0;
  for (let j = entryIndex; j < n; j++) {
    if (low[j] <= stopPrice) {
      const exitPrice = Math.min(open[j], stopPrice); // a gap below the stop fills at the open
      return result(j, exitPrice, 'stop', Math.min(worst, exitPrice / entryPrice - 1), best);
    }
    worst = Math.min(worst, low[j] / entryPrice - 1);
    best = Math.max(best, high[j] / entryPrice - 1);
    if (high[j] >= targetPrice) return result(j, Math.max(open[j], targetPrice), 'target', worst, best); // a gap above fills at the open
    if (j + 1 < n && j - exitPeriod >= 0 && close[j] < minOf(low, j - exitPeriod, j)) {
      const exitPrice = open[j + 1];
      return result(j + 1, exitPrice, 'channel', Math.min(worst, exitPrice / entryPrice - 1), best);
    }
  }
  return result(n - 1, close[n - 1], 'end', worst, best);
}

function result(exitIndex: number, exitPrice: number, exitReason: ExitWalkResult['exitReason'], maxAdverseExcursion: number, maxFavorableExcursion: number): ExitWalkResult {
  return { exitIndex, exitPrice, exitReason, maxAdverseExcursion, maxFavorableExcursion };
}

function minOf(x: Float64Array, from: number, to: number): number {
  let m = Infinity;
  for (let k = from; k < to; k++) if (x[k] < m) m = x[k];
  return m;
}
