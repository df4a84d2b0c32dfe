import { describe, expect, it } from 'vitest';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';
import { atr } from '../../src/volatility/atr.js';
import { volatilityRegime } from '../../src/volatility/volatilityRegime.js';
import { breakoutTrades } from '../../src/strategy/breakoutTrades.js';

const HEADER = 'date,open,high,low,close,volume';

describe('parseOhlcvCsv', () => {
  it('reads columns by name in any order, volume optional (NaN without it)', () => {
    const bars = parseOhlcvCsv('Close,Date,Low,High,Open\n10.5,2020-01-02,9,11,10\n11,2020-01-03,10,12,10.5\n');
    expect(Array.from(bars.close)).toEqual([10.5, 11]);
    expect(bars.date).toEqual(['2020-01-02', '2020-01-03']);
    expect(bars.volume.every(Number.isNaN)).toBe(true);
    expect(Number.isNaN(parseOhlcvCsv(`${HEADER}\n2020-01-02,10,11,9,10.5,`).volume[0])).toBe(true);
  });

  it('names data row and column: row 2 is the second line after the header', () => {
    const text = `${HEADER}\n2020-01-02,10,11,9,10.5,100\n2020-01-03,10,11,9,-1,100`;
    expect(() => parseOhlcvCsv(text)).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'csv[2].close' }));
    expect(() => parseOhlcvCsv(`${HEADER}\n2020-01-02,10,9,11,10,1`)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'csv[1].high' }));
  });

  it('refuses what is not a string with a SizewiseError (a TypeError before)', () => {
    expect(() => parseOhlcvCsv(null as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'csv' }));
  });
});

describe('indicators and the reference strategy check their bars', () => {
  // Each of these threw a TypeError on null, or (atr) took high < low as a negative range.
  it('atr refuses null columns, unequal lengths and high below low', () => {
    expect(() => atr(null as never, [1], [1])).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'high' }));
    expect(() => atr([2, 2], [1], [1, 1])).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'low' }));
    expect(() => atr([1, 2], [2, 1], [1, 1], 1)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'high[0]' }));
    expect(() => atr([1, Number.NaN], [1, 1], [1, 1], 1)).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'high[1]' }));
  });

  it('volatilityRegime and breakoutTrades refuse bars that are not OHLCV columns', () => {
    expect(() => volatilityRegime(null as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'bars' }));
    expect(() => breakoutTrades(null as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'bars' }));
    const bars = parseOhlcvCsv(`${HEADER}\n2020-01-02,10,11,9,10.5,100`);
    expect(() => breakoutTrades(bars, { entryPeriods: 20 } as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'options.entryPeriods' }));
  });
});
