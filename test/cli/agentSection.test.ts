import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { agentSection, sharpeNoise } from '../../src/cli/agentSection.js';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';
import { breakoutTrades } from '../../src/strategy/breakoutTrades.js';

afterEach(() => vi.restoreAllMocks());

describe('the agent section of the main job', () => {
  it('prints the learned policy and the held-out comparison against 1.0×', async () => {
    const bars = parseOhlcvCsv(readFileSync(new URL('../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8'));
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await agentSection({ bars, trades: breakoutTrades(bars) });
    const text = lines.join('\n');
    expect(text).toContain('Learned policy');
    expect(text).toContain('learned: regime × volatility');
    expect(text).toContain('learned: default spec');
    expect(text).toMatch(/constant 1\.0×/);
    expect(text).toContain(bars.date[Math.floor(bars.close.length * 0.7)]); // the split date
  });
});

describe('sharpeNoise', () => {
  // 100 trades over 4 years (25 a year), reference Sharpe 0: SE = √(1/100) × √25 = 0.5 (Lo 2002).
  it('calls gaps within two standard errors noise', () => {
    const text = sharpeNoise([0.5, 0.9, 0.6], 100, 4, 0);
    expect(text).toContain('standard error of about 0.50');
    expect(text).toContain('largest gap between these rows, 0.40, is within two standard errors');
    expect(text).toContain('within noise');
  });

  it('says so when the largest gap exceeds two standard errors, ignoring a missing (NaN) ratio', () => {
    const text = sharpeNoise([0, 1.5, Number.NaN], 100, 4, 0);
    expect(text).toContain('largest gap between these rows, 1.50, is more than two standard errors');
    expect(text).not.toContain('within noise');
  });

  it('reads an undefined (null) ratio as missing, and an undefined reference as 0', () => {
    // Reference null → SR 0: the same 0.50 as above; the gap is between the defined 0.5 and 0.9.
    const text = sharpeNoise([0.5, null, 0.9], 100, 4, null);
    expect(text).toContain('standard error of about 0.50');
    expect(text).toContain('largest gap between these rows, 0.40');
  });
});
