// withFieldPrefix re-addresses a callee's error to the caller's names; expected strings written by hand.
import { describe, expect, it } from 'vitest';
import { SizewiseError } from '../src/errors.js';
import { withFieldPrefix } from '../src/withFieldPrefix.js';

describe('withFieldPrefix', () => {
  it('renames the field and every field path under the prefix in the message, not the word', () => {
    const conflict = new SizewiseError('CONFLICTING_INPUT', 'trade.returnPct', 'trade.returnPct (deprecated) is 0.2 but trade.returnFraction is 0.1: give one, a trade has one return', 0.2);
    const renamed = withFieldPrefix(conflict, 'trade', 'trades[7]') as SizewiseError;
    expect(renamed).toBeInstanceOf(SizewiseError);
    expect([renamed.code, renamed.field, renamed.value]).toEqual(['CONFLICTING_INPUT', 'trades[7].returnPct', 0.2]);
    expect(renamed.message).toBe('trades[7].returnPct (deprecated) is 0.2 but trades[7].returnFraction is 0.1: give one, a trade has one return');
  });

  it('keeps paths that only contain the prefix, and replaces a whole indexed segment', () => {
    const e = new SizewiseError('OUT_OF_RANGE', 'bars.close[50]', 'bars.close[50] = 3 is above bars.high[50] = 2 (mybars.close is another thing)', 3);
    const renamed = withFieldPrefix(e, 'bars', 'series[1].bars') as SizewiseError;
    expect(renamed.field).toBe('series[1].bars.close[50]');
    expect(renamed.message).toBe('series[1].bars.close[50] = 3 is above series[1].bars.high[50] = 2 (mybars.close is another thing)');
    const indexed = withFieldPrefix(new SizewiseError('INVALID_TYPE', 'trades[2][0]', 'trades[2][0] bad; trades[20] fine', 1), 'trades[2]', 'trades[7]') as SizewiseError;
    expect([indexed.field, indexed.message]).toEqual(['trades[7][0]', 'trades[7][0] bad; trades[20] fine']);
  });

  it('returns other errors, and errors about other fields, as they are', () => {
    const other = new SizewiseError('OUT_OF_RANGE', 'options.window', 'options.window must be ≥ 1', 0);
    expect(withFieldPrefix(other, 'bars', 'series[0].bars')).toBe(other);
    const longer = new SizewiseError('OUT_OF_RANGE', 'barsPerYear', 'barsPerYear must be positive', 0);
    expect(withFieldPrefix(longer, 'bars', 'y')).toBe(longer);
    const plain = new TypeError('boom');
    expect(withFieldPrefix(plain, 'bars', 'series[0].bars')).toBe(plain);
  });
});
