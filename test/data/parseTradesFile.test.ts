// The trades-file reader shared by the command line and the browser page. Expected values
// are the files' own cells, written out by hand.
import { describe, expect, it } from 'vitest';
import { thrownError } from '../support/thrownError.js';
import { csvRows } from '../../src/data/csvRows.js';
import { parseTradesFile } from '../../src/data/parseTradesFile.js';

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

describe('parseTradesFile', () => {
  it('maps the return column to returnFraction, keeps the optional columns and the file order', () => {
    const t = parseTradesFile('Return,closedAt,strategyId,rMultiple,symbol\n0.02,2024-01-02,a,1.5,SPY\n-0.01,2024-01-03T16:00:00Z,a,-1,SPY\n', 'f.csv');
    expect(t.trades).toEqual([
      { returnFraction: 0.02, returnPct: 0.02, closedAt: '2024-01-02', strategyId: 'a', rMultiple: 1.5 },
      { returnFraction: -0.01, returnPct: -0.01, closedAt: '2024-01-03T16:00:00Z', strategyId: 'a', rMultiple: -1 },
    ]);
    expect(t).toMatchObject({ file: 'f.csv', returns: [0.02, -0.01], dated: true, strategies: ['a'], ignoredColumns: ['symbol'] });
  });

  it('reads every double exactly as written (String(x) round-trips)', () => {
    const x = [-0.04304293396660064, 0.036449969362957885, 1e-7, -0.5];
    expect(parseTradesFile(`return\n${x.map(String).join('\n')}\n`).returns).toEqual(x);
  });

  it('reads a JSON array (by name or by its first character), leaving out null fields', () => {
    const t = parseTradesFile('[{"return": 0.03, "closedAt": null}, {"return": -0.02, "note": "x"}]', 'f.json');
    expect(t.trades).toEqual([{ returnFraction: 0.03, returnPct: 0.03 }, { returnFraction: -0.02, returnPct: -0.02 }]);
    expect(t.dated).toBe(false);
    expect(t.ignoredColumns).toEqual(['note']);
    expect(parseTradesFile('  [{"return": "0.01"}]', 'upload').returns).toEqual([0.01]);
  });

  it('refuses percents: a percent sign, every |return| above 1, or a loss below −100 %, naming row and column', () => {
    expect(thrownError(() => parseTradesFile('return\n0.01\n-1.8%\n', 'f.csv'))).toMatchObject({ code: 'OUT_OF_RANGE', field: 'file[2].return', message: expect.stringMatching(/^f\.csv: row 2, column return: "-1\.8%" is a percent; .*divide them by 100/) });
    expect(thrownError(() => parseTradesFile('return\n1.8\n-2.5\n3\n', 'f.csv')).message).toMatch(/column return: every value's magnitude is above 1 .* looks like percents/);
    expect(thrownError(() => parseTradesFile('return\n0.5\n-1.01\n', 'f.csv'))).toMatchObject({ field: 'file[2].return', message: expect.stringContaining('row 2, column return: -1.01 is a loss of more than 100 %') });
    // Some returns above 1 among small ones are real (a doubling), not percents.
    expect(parseTradesFile('return\n1.5\n-0.2\n', 'f.csv').returns).toEqual([1.5, -0.2]);
  });

  it('names the file, the data row (from 1 after the header) and the column of a bad cell', () => {
    const cases: [string, string, string, string][] = [
      ['return,closedAt\n0.01,2024-01-02\n0.02,yesterday\n', 'f.csv', 'file[2].closedAt', 'f.csv: row 2, column closedAt: "yesterday" is not an ISO date'],
      ['return\n0.01\n\n1e\n', 'f.csv', 'file[2].return', 'f.csv: row 2, column return: "1e" is not a number'],
      ['closedAt,return\n2020-01-02,0.01\n2020-01-03,-0.02\n2020-01-06,abc\n', 'f.csv', 'file[3].return', 'f.csv: row 3, column return: "abc" is not a number'],
      ['return,rMultiple\n0.01,1\n0.02,two\n', 'f.csv', 'file[2].rMultiple', 'f.csv: row 2, column rMultiple: "two" is not a number'],
      ['return,strategyId\n0.01\n', 'f.csv', 'file[1]', 'f.csv: row 1 (line 2): 1 cells, the header has 2'],
      ['[{"return": "x"}]', 'f.json', 'file[1].return', 'f.json: row 1, column return: "x" is not a number'],
      ['[{"closedAt": "2024-01-01"}]', 'f.json', 'file[1].return', 'f.json: row 1, column return: missing'],
      ['[{"return": 0.01, "strategyId": {}}]', 'f.json', 'file[1].strategyId', 'f.json: row 1, column strategyId: expected a name'],
      ['[1]', 'f.json', 'file[1]', 'f.json: row 1: expected an object'],
      ['{"return": 1}', 'f.json', 'file', 'expected a JSON array'],
      ['[{"return": 0.01}', 'f.json', 'file', 'f.json: not valid JSON'],
      ['return\n', 'f.csv', 'file', 'f.csv: no data rows'],
      ['', 'f.csv', 'file', 'f.csv: the file is empty'],
      ['\u0000\u0001PK\u0003 binary\nnoise', 'f.csv', 'file.return', 'f.csv: the header has no "return" column'],
      ['return,Return\n0.01,0.02\n', 'f.csv', 'file.return', 'f.csv: the header names the column return twice'],
      ['return,strategyId\n0.01,a\n0.02,\n', 'f.csv', 'file[2].strategyId', 'f.csv: row 2, column strategyId: empty'],
    ];
    for (const [text, file, field, message] of cases) {
      const error = thrownError(() => parseTradesFile(text, file));
      expect(error.field, text).toBe(field);
      expect(error.message, text).toContain(message);
    }
  });

  it('rejects a text or a file name of the wrong type with INVALID_TYPE', () => {
    for (const bad of [undefined, null, 3, NaN, {}, [], new Uint8Array(2)]) {
      expect(thrownError(() => parseTradesFile(bad as never, 'f.csv'))).toMatchObject({ code: 'INVALID_TYPE', field: 'text' });
    }
    for (const bad of ['', null, 1, {}]) {
      expect(thrownError(() => parseTradesFile('return\n0.01\n', bad as never))).toMatchObject({ code: 'INVALID_TYPE', field: 'file' });
    }
  });
});
