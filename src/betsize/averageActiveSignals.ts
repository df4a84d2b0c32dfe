import { SizewiseError, describeValue } from '../errors.js';
import { finite, knownKeys } from '../validate.js';
import { TimeAxis, type TimeInput } from './timeAxis.js';

/** A bet's signal and the interval it is held: active at t when start ≤ t < end. */
export interface ActiveSignal {
  start: TimeInput;
  end: TimeInput;
  signal: number;
}

/**
 * The mean signal of the bets active at each time a bet starts or ends (AFML snippet 10.2,
 * López de Prado 2018, §10.4): at every distinct start or end time t, in ascending order,
 * the mean of the signals with start ≤ t < end, or 0 when none is. A bet whose end equals
 * its start is never active; an end before its start is an error. Dates and ISO strings come
 * back as epoch milliseconds (a date-time without an offset is UTC), plain numbers as they
 * were. One sweep over the sorted starts and ends with a compensated running sum: O(n log n).
 *
 * @example averageActiveSignals([{ start: 0, end: 2, signal: 0.4 }, { start: 1, end: 3, signal: -0.2 }])
 * // [{ time: 0, signal: 0.4 }, { time: 1, signal: 0.1 }, { time: 2, signal: -0.2 }, { time: 3, signal: 0 }]
 */
export function averageActiveSignals(signals: readonly ActiveSignal[]): { time: number; signal: number }[] {
  const { start, end, value } = checkSignals(signals);
  const n = value.length;
  const byStart = order(start);
  const byEnd = order(end);
  const times = Array.from(new Set([...start, ...end])).sort((a, b) => a - b);
  const out: { time: number; signal: number }[] = [];
  let sum = 0;
  let compensation = 0; // Neumaier: what the running sum lost to rounding
  let count = 0;
  let s = 0;
  let e = 0;
  const add = (x: number) => {
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  };
  for (const t of times) {
    for (; s < n && start[byStart[s]] <= t; s++, count++) add(value[byStart[s]]);
    for (; e < n && end[byEnd[e]] <= t; e++, count--) add(-value[byEnd[e]]);
    if (count === 0) {
      sum = 0;
      compensation = 0;
    }
    out.push({ time: t, signal: count === 0 ? 0 : (sum + compensation) / count });
  }
  return out;
}

function checkSignals(signals: unknown): { start: number[]; end: number[]; value: number[] } {
  if (!Array.isArray(signals)) {
    throw new SizewiseError('INVALID_TYPE', 'signals', `signals must be an array of { start, end, signal }, received ${describeValue(signals)}`, signals);
  }
  if (signals.length === 0) throw new SizewiseError('EMPTY_INPUT', 'signals', 'signals must not be empty', signals);
  const axis = new TimeAxis();
  const start: number[] = [];
  const end: number[] = [];
  const value: number[] = [];
  // An index loop, not forEach: a hole in a sparse array must be an error, not skipped.
  for (let i = 0; i < signals.length; i++) {
    const item: unknown = signals[i];
    const at = `signals[${i}]`;
    if (item === null || typeof item !== 'object') throw new SizewiseError('INVALID_TYPE', at, `${at} must be an object, received ${describeValue(item)}`, item);
    knownKeys(item, at, ['start', 'end', 'signal']);
    const row = item as Record<string, unknown>;
    const a = axis.read(row.start, `${at}.start`);
    const b = axis.read(row.end, `${at}.end`);
    if (b < a) throw new SizewiseError('OUT_OF_RANGE', `${at}.end`, `${at}.end precedes ${at}.start`, row.end);
    start.push(a);
    end.push(b);
    value.push(finite(row.signal, `${at}.signal`));
  }
  return { start, end, value };
}

/** Indices of `xs` in ascending order of value. */
function order(xs: readonly number[]): Int32Array {
  return Int32Array.from(xs.keys()).sort((a, b) => xs[a] - xs[b]);
}
