import type { OhlcvColumns } from '../data/parseOhlcvCsv.js';
import { breakoutTrades } from '../strategy/breakoutTrades.js';
import { tradeSamples, type TradeSample } from './tradeSamples.js';

/**
 * A second, documented trade source for training: more breakouts than the reference
 * strategy alone gives. For each series, the 10-day breakout (exit channel 5) and, for
 * series other than the evaluated one, also the 20-day reference breakout. Each sample's
 * state is read at its own signal bar from its own series; walk-forward keeps only those
 * closed before the split date.
 */
export function extendedTrainingSamples(evaluated: OhlcvColumns, others: readonly OhlcvColumns[] = []): TradeSample[] {
  const out = tradeSamples(evaluated, breakoutTrades(evaluated, { entryPeriod: 10, exitPeriod: 5 }));
  for (const bars of others) {
    out.push(...tradeSamples(bars, breakoutTrades(bars)));
    out.push(...tradeSamples(bars, breakoutTrades(bars, { entryPeriod: 10, exitPeriod: 5 })));
  }
  return out;
}
