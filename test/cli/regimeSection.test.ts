import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { regimeSection } from '../../src/cli/regimeSection.js';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';

afterEach(() => vi.restoreAllMocks());

describe('the regime section of the main job', () => {
  it('prints both walk-forward tables, the accuracy against the majority rate, the success test and the rules', async () => {
    const bars = parseOhlcvCsv(readFileSync(new URL('../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8'));
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await regimeSection({ bars });
    const text = lines.join('\n');
    expect(text).toContain('S&P 500 breakout trades');
    expect(text).toContain('Dow Jones 30 stocks');
    for (const row of ['baseline: NORMAL always', 'full position, no scaling', 'oracle: best per trade (hindsight)', "model: the trees' choice"]) {
      expect(text.split(row).length - 1).toBe(2); // once per data set
    }
    expect(text).toMatch(/Tree accuracy on the held-out labels \d+ % vs \d+ % for always [A-Z_]+/);
    expect(text).toMatch(/paired bootstrap interval \[-?\d+\.\d{3}, -?\d+\.\d{3}\]/);
    expect(text.match(/Model − baseline, Sharpe: -?\d+\.\d\d, 95 % paired bootstrap interval \[-?\d+\.\d\d, -?\d+\.\d\d\]/g)).toHaveLength(2);
    expect(text).toMatch(/Success test .* → (holds|does not hold)\./);
    expect(text).toMatch(/Scaling tree:\n {4}if \w+ <= /);
    for (const symbol of ['AA', 'MSFT', 'DIS']) expect(text).toMatch(new RegExp(`\\n${symbol} +\\d+ `));
  });
});
