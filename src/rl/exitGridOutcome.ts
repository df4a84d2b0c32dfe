import type { OhlcvColumns } from '../data/parseOhlcvCsv.js';
import type { BreakoutTrade } from '../strategy/breakoutTrades.js';
import { exitWalk } from '../strategy/exitWalk.js';
import { positive } from '../validate.js';
import { returnFields } from '../edge/tradeReturn.js';
import type { OutputTradeOutcome } from './seedReward.js';

/**
 * What a reference-strategy trade would have done with other exits: the same entry,
 * a stop `stopAtr` ATRs below it and a take-profit `takeProfitAtr` ATRs above (ATR at
 * the signal bar), and the strategy's own channel exit. Bar by bar from the entry: the
 * stop first (a bar touching both is counted as a loss, the cautious reading of daily
 * bars), filled at the open when the bar gaps through it; then the target, filled at the
 * open when the bar gaps above it; then a close below the previous `exitPeriod`-bar low
 * (the trade's own exit channel unless given) exits at the next open — the reference
 * strategy's own walk (exitWalk). This is what makes a joint size × stop × target grid
 * learnable from history (see QLearningSizer.counterfactualBatch).
 */
export function exitGridOutcome(bars: OhlcvColumns, trade: BreakoutTrade, stopAtr: number, takeProfitAtr: number, exitPeriod = trade.exitPeriod): OutputTradeOutcome {
  positive(stopAtr, 'stopAtr');
  positive(takeProfitAtr, 'takeProfitAtr');
  const entry = trade.entryPrice;
  const stop = entry - stopAtr * trade.atrAtEntry;
  const walk = exitWalk(bars, trade.entryIndex, entry, stop, exitPeriod, entry + takeProfitAtr * trade.atrAtEntry);
  return { ...returnFields(walk.exitPrice / entry - 1), rMultiple: (walk.exitPrice - entry) / (entry - stop), maxAdverseExcursion: walk.maxAdverseExcursion };
}
