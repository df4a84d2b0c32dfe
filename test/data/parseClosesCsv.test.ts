import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseClosesCsv } from '../../src/data/parseClosesCsv.js';

describe('parseClosesCsv', () => {
  it('reads the bundled Dow Jones 30 closes as 30 closes-only series', () => {
    const dow = parseClosesCsv(readFileSync(new URL('../../data/dowjones30_1991-2000_daily_close.csv', import.meta.url), 'utf8'));
    expect(dow.size).toBe(30);
    expect([...dow.keys()].slice(0, 3)).toEqual(['AA', 'AXP', 'T']);
    const aa = dow.get('AA');
    // First data row of the file: 1990-12-31, AA 5.92 (data/dowjones30_1991-2000_daily_close.csv); 2,529 rows (data/SOURCES.md).
    expect(aa?.date[0]).toBe('1990-12-31');
    expect(aa?.close[0]).toBe(5.92);
    expect(aa?.close.length).toBe(2529);
    expect(Array.from(aa?.high ?? [])).toEqual(Array.from(aa?.close ?? []));
    expect(Array.from(aa?.low ?? [])).toEqual(Array.from(aa?.open ?? []));
    expect(aa?.volume.every(Number.isNaN)).toBe(true);
  });

  it('names the line and symbol of a bad close', () => {
    expect(() => parseClosesCsv('date,A,B\n2020-01-02,1,2\n2020-01-03,1,x')).toThrow(expect.objectContaining({ field: 'csv.B', message: expect.stringContaining('line 3') }));
    expect(() => parseClosesCsv('date,A\n2020-01-02,0')).toThrow(expect.objectContaining({ field: 'csv.A' }));
    expect(() => parseClosesCsv('date,A\n2020-01-02,')).toThrow(expect.objectContaining({ field: 'csv.A' }));
    expect(() => parseClosesCsv('day,A\n2020-01-02,1')).toThrow(expect.objectContaining({ field: 'csv.date' }));
    expect(() => parseClosesCsv('date,A,B\n2020-01-02,1')).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH' }));
    expect(() => parseClosesCsv('date,A')).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });
});
