import { SizewiseError, describeValue } from '../errors.js';
import { knownKeys } from '../validate.js';
import { checkSide } from './checkSides.js';
import { TimeAxis, type TimeInput } from './timeAxis.js';

/** A bet: its side (−1 short, 1 long, 0 none) and the interval it is held, active at t when start ≤ t < end. */
export interface BetEvent {
  start: TimeInput;
  end: TimeInput;
  side: number;
}

/** Per event, at its start: how many long and short bets are active then (itself included). */
export interface ConcurrentSides {
  long: Int32Array;
  short: Int32Array;
}

/**
 * The bets active at each event's start (AFML §10.2; mlfinlab's `get_concurrent_sides`),
 * counted by binary search in the sorted starts and ends: a bet is active at t when
 * start ≤ t < end, so #(start ≤ t) − #(end ≤ t) counts exactly those. O(n log n).
 */
export function concurrentSides(events: readonly BetEvent[], field = 'events'): ConcurrentSides {
  const { start, end, side } = checkEvents(events, field);
  const n = side.length;
  const longStarts: number[] = [];
  const longEnds: number[] = [];
  const shortStarts: number[] = [];
  const shortEnds: number[] = [];
  for (let i = 0; i < n; i++) {
    if (side[i] > 0) {
      longStarts.push(start[i]);
      longEnds.push(end[i]);
    } else if (side[i] < 0) {
      shortStarts.push(start[i]);
      shortEnds.push(end[i]);
    }
  }
  for (const xs of [longStarts, longEnds, shortStarts, shortEnds]) xs.sort((a, b) => a - b);
  const long = new Int32Array(n);
  const short = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = start[i];
    long[i] = countAtMost(longStarts, t) - countAtMost(longEnds, t);
    short[i] = countAtMost(shortStarts, t) - countAtMost(shortEnds, t);
  }
  return { long, short };
}

function checkEvents(events: unknown, field: string): { start: Float64Array; end: Float64Array; side: Int8Array } {
  if (!Array.isArray(events)) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array of { start, end, side }, received ${describeValue(events)}`, events);
  }
  if (events.length === 0) throw new SizewiseError('EMPTY_INPUT', field, `${field} must not be empty`, events);
  const axis = new TimeAxis();
  const n = events.length;
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const side = new Int8Array(n);
  // An index loop, not forEach: a hole in a sparse array must be an error, not skipped.
  for (let i = 0; i < n; i++) {
    const item: unknown = events[i];
    const at = `${field}[${i}]`;
    if (item === null || typeof item !== 'object') throw new SizewiseError('INVALID_TYPE', at, `${at} must be an object, received ${describeValue(item)}`, item);
    knownKeys(item, at, ['start', 'end', 'side']);
    const row = item as Record<string, unknown>;
    start[i] = axis.read(row.start, `${at}.start`);
    end[i] = axis.read(row.end, `${at}.end`);
    if (end[i] < start[i]) throw new SizewiseError('OUT_OF_RANGE', `${at}.end`, `${at}.end precedes ${at}.start`, row.end);
    side[i] = checkSide(row.side, `${at}.side`);
  }
  return { start, end, side };
}

/** How many of the sorted `xs` are ≤ t. */
function countAtMost(xs: readonly number[], t: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
