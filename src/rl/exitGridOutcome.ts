import type { OhlcvColumns } from '../data/parseOhlcvCsv.js';
import type { BreakoutTrade } from '../strategy/breakoutTrades.js';
import { positive } from '../validate.js';
import type { TradeOutcome } from './seedReward.js';

/**
 * What a reference-strategy trade would have done with other exits: the same entry,
 * a stop `stopAtr` ATRs below it and a take-profit `takeProfitAtr` ATRs above (ATR at
 * the signal bar), and the strategy's own channel exit. Bar by bar from the entry: the
 * stop first (a bar touching both is counted as a loss, the cautious reading of daily
 * bars), filled at the open when the bar gaps through it; then the target, filled at the
 * open when the bar gaps above it; then a close below the previous `exitPeriod`-bar low
 * exits at the next open. This is what makes a joint size × stop × target grid learnable
 * from history (see QLearningSizer.counterfactualBatch).
 */
export function exitGridOutcome(bars: OhlcvColumns, trade: BreakoutTrade, stopAtr: number, takeProfitAtr: number, exitPeriod = 10): TradeOutcome {
  positive(stopAtr, 'stopAtr');
  positive(takeProfitAtr, 'takeProfitAtr');
  const { open, high, low, close } = bars;
  const n = close.length;
  const entry = trade.entryPrice;
  const stop = entry - stopAtr * trade.atrAtEntry;
  const target = entry + takeProfitAtr * trade.atrAtEntry;
  let worst = 0;
  let exit = close[n - 1];
  for (let j = trade.entryIndex; j < n; j++) {
    if (low[j] <= stop) {
      exit = Math.min(open[j], stop);
      worst = Math.min(worst, exit / entry - 1);
      break;
    }
    worst = Math.min(worst, low[j] / entry - 1); // the bar's low counts even when it reaches the target
    if (high[j] >= target) {
      exit = Math.max(open[j], target);
      break;
    }
    if (j + 1 < n && j - exitPeriod >= 0 && close[j] < minOf(low, j - exitPeriod, j)) {
      exit = open[j + 1];
      worst = Math.min(worst, exit / entry - 1);
      break;
    }
  }
  return { returnPct: exit / entry - 1, rMultiple: (exit - entry) / (entry - stop), maxAdverseExcursion: worst };
}

function minOf(x: Float64Array, from: number, to: number): number {
  let m = Infinity;
  for (let k = from; k < to; k++) if (x[k] < m) m = x[k];
  return m;
}
