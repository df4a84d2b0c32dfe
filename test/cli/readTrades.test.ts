// The command line's trades reader is the library's parseTradesFile (tested in
// test/data/parseTradesFile.test.ts) with its errors turned into usage errors (exit 2):
// here only that turn, on the same texts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrades, readTrades } from '../../src/cli/readTrades.js';
import { UsageError } from '../../src/cli/UsageError.js';
import { parseTradesFile } from '../../src/data/parseTradesFile.js';
import { SizewiseError } from '../../src/errors.js';

const GOOD = ['return,closedAt,strategyId\n0.02,2024-01-02,a\n-0.01,2024-01-03,a\n', '[{"return": 0.03}, {"return": -0.02}]'];
const BAD = ['return\n0.01\n-1.8%\n', 'return,closedAt\n0.01,2024-01-02\n0.02,yesterday\n', '[{"closedAt": "2024-01-01"}]', ''];

describe('parseTrades (the CLI reader)', () => {
  it('reads what parseTradesFile reads', () => {
    for (const text of GOOD) expect(parseTrades(text, 'f.csv')).toEqual(parseTradesFile(text, 'f.csv'));
  });

  it("turns the library's SizewiseError into a UsageError with the same message (file, row, column)", () => {
    for (const text of BAD) {
      let library: unknown;
      try {
        parseTradesFile(text, 'f.csv');
      } catch (error) {
        library = error;
      }
      expect(library).toBeInstanceOf(SizewiseError);
      expect(() => parseTrades(text, 'f.csv')).toThrow(UsageError);
      expect(() => parseTrades(text, 'f.csv')).toThrow(new UsageError((library as SizewiseError).message));
    }
  });

  it('reads the file from disk and names it in errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sizewise-trades-'));
    try {
      writeFileSync(join(dir, 'good.csv'), GOOD[0]);
      writeFileSync(join(dir, 'bad.csv'), BAD[1]);
      expect(await readTrades(join(dir, 'good.csv'))).toEqual(parseTradesFile(GOOD[0], join(dir, 'good.csv')));
      await expect(readTrades(join(dir, 'bad.csv'))).rejects.toThrow(`${join(dir, 'bad.csv')}: row 2, column closedAt: "yesterday" is not an ISO date`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
