import { describe, expect, it } from 'vitest';
import { csvRows } from '../../src/data/csvRows.js';
import { parseTrades } from '../../src/cli/readTrades.js';

describe('csvRows', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, CRLF and a BOM, and drops blank lines', () => {
    const text = '\uFEFFa,b\r\n"x, y","say ""hi"""\r\n\r\n"two\nlines",3\n';
    expect(csvRows(text)).toEqual([
      { cells: ['a', 'b'], line: 1 },
      { cells: ['x, y', 'say "hi"'], line: 2 },
      { cells: ['two\nlines', '3'], line: 4 },
    ]);
  });
});

describe('parseTrades', () => {
  it('maps the return column to the library name returnFraction, keeps the optional columns and file order', () => {
    const t = parseTrades('Return,closedAt,strategyId,rMultiple,symbol\n0.02,2024-01-02,a,1.5,SPY\n-0.01,2024-01-03T16:00:00Z,a,-1,SPY\n', 'f.csv');
    expect(t.trades).toEqual([
      { returnFraction: 0.02, returnPct: 0.02, closedAt: '2024-01-02', strategyId: 'a', rMultiple: 1.5 },
      { returnFraction: -0.01, returnPct: -0.01, closedAt: '2024-01-03T16:00:00Z', strategyId: 'a', rMultiple: -1 },
    ]);
    expect(t.returns).toEqual([0.02, -0.01]);
    expect(t.dated).toBe(true);
    expect(t.strategies).toEqual(['a']);
    expect(t.ignoredColumns).toEqual(['symbol']);
  });

  it('reads a JSON array, leaving out null fields', () => {
    const t = parseTrades('[{"return": 0.03, "closedAt": null}, {"return": -0.02, "note": "x"}]', 'f.json');
    expect(t.trades).toEqual([{ returnFraction: 0.03, returnPct: 0.03 }, { returnFraction: -0.02, returnPct: -0.02 }]);
    expect(t.dated).toBe(false);
    expect(t.ignoredColumns).toEqual(['note']);
  });

  it('refuses percents: a percent sign, every |return| above 1, or a loss below −100 %, naming row and column', () => {
    expect(() => parseTrades('return\n0.01\n-1.8%\n', 'f.csv')).toThrow(/f\.csv: row 2, column return: "-1\.8%" is a percent; .*divide them by 100/);
    expect(() => parseTrades('return\n1.8\n-2.5\n3\n', 'f.csv')).toThrow(/column return: every value's magnitude is above 1 .* looks like percents/);
    expect(() => parseTrades('return\n0.5\n-1.01\n', 'f.csv')).toThrow(/row 2, column return: -1\.01 is a loss of more than 100 %/);
    // Some returns above 1 among small ones are real (a doubling), not percents.
    expect(parseTrades('return\n1.5\n-0.2\n', 'f.csv').returns).toEqual([1.5, -0.2]);
  });

  it('names the file, the data row (from 1 after the header) and the column of a bad cell', () => {
    expect(() => parseTrades('return,closedAt\n0.01,2024-01-02\n0.02,yesterday\n', 'f.csv')).toThrow('f.csv: row 2, column closedAt: "yesterday" is not an ISO date');
    expect(() => parseTrades('return\n0.01\n\n1e\n', 'f.csv')).toThrow('f.csv: row 2, column return: "1e" is not a number');
    expect(() => parseTrades('return,strategyId\n0.01\n', 'f.csv')).toThrow('f.csv: row 1 (line 2): 1 cells, the header has 2');
    expect(() => parseTrades('[{"return": "x"}]', 'f.json')).toThrow('f.json: row 1, column return: "x" is not a number');
    expect(() => parseTrades('[{"closedAt": "2024-01-01"}]', 'f.json')).toThrow('f.json: row 1, column return: missing');
    expect(() => parseTrades('[1]', 'f.json')).toThrow('f.json: row 1: expected an object');
    expect(() => parseTrades('{"return": 1}', 'f.json')).toThrow('expected a JSON array');
    expect(() => parseTrades('return\n', 'f.csv')).toThrow('f.csv: no data rows');
    expect(() => parseTrades('', 'f.csv')).toThrow('f.csv: the file is empty');
    expect(() => parseTrades('return,strategyId\n0.01,a\n0.02,\n', 'f.csv')).toThrow('f.csv: row 2, column strategyId: empty');
  });
});
