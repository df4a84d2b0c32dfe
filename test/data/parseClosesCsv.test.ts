import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseClosesCsv } from '../../src/index.js';

describe('parseClosesCsv', () => {
  it('reads the bundled Dow Jones 30 closes: 2,529 days of 30 symbols (data/SOURCES.md)', () => {
    const t = parseClosesCsv(readFileSync(new URL('../../data/dowjones30_1991-2000_daily_close.csv', import.meta.url), 'utf8'));
    expect(t.symbols).toHaveLength(30);
    expect(t.symbols.slice(0, 3)).toEqual(['AA', 'AXP', 'T']);
    expect(t.date).toHaveLength(2529);
    expect(t.date[0]).toBe('1990-12-31');
    expect(t.closes[0][0]).toBe(5.92); // AA's first close in the file
    expect(t.closes.every((c) => c.length === 2529)).toBe(true);
  });

  it('names the data row and the symbol of a bad cell, and refuses ragged rows and empty files', () => {
    expect(() => parseClosesCsv('date,AA,IBM\n2000-01-03,10,100\n2000-01-04,11,x')).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'csv[2].IBM' }));
    expect(() => parseClosesCsv('date,AA,IBM\n2000-01-03,10,0')).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'csv[1].IBM' }));
    expect(() => parseClosesCsv('date,AA,IBM\n2000-01-03,10')).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'csv[1]' }));
    expect(() => parseClosesCsv('date,AA,AA\n2000-01-03,10,11')).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'csv' }));
    expect(() => parseClosesCsv('date,AA')).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'csv' }));
    expect(() => parseClosesCsv(3 as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'csv' }));
  });
});
