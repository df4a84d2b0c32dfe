import { concurrentSides, type BetEvent } from './betEvents.js';

/**
 * The budget approach to bet sizing (AFML §10.2; mlfinlab's `bet_size_budget`): at each
 * event's start, m = (long bets active) / (most long bets ever active) − (short bets active) /
 * (most short bets ever active), a term being 0 when that side never has a bet. One value
 * per event, in the order given. O(n log n).
 *
 * @example betSizeBudget([{ start: 0, end: 2, side: 1 }, { start: 1, end: 3, side: -1 }]) // Float64Array [1, 0]
 */
export function betSizeBudget(events: readonly BetEvent[]): Float64Array {
  const { long, short } = concurrentSides(events);
  let maxLong = 0;
  let maxShort = 0;
  for (let i = 0; i < long.length; i++) {
    maxLong = Math.max(maxLong, long[i]);
    maxShort = Math.max(maxShort, short[i]);
  }
  const out = new Float64Array(long.length);
  for (let i = 0; i < long.length; i++) {
    out[i] = (maxLong > 0 ? long[i] / maxLong : 0) - (maxShort > 0 ? short[i] / maxShort : 0) + 0;
  }
  return out;
}
