import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { agentSection } from '../../src/cli/agentSection.js';
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
