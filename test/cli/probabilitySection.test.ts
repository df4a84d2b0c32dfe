import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { probabilitySection } from '../../src/cli/probabilitySection.js';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';
import { estimateEdge } from '../../src/edge/estimateEdge.js';
import { breakoutTrades } from '../../src/strategy/breakoutTrades.js';

afterEach(() => vi.restoreAllMocks());

describe('the probability section of the main job', () => {
  it('prints the posterior, the shrunk Kelly, the held-out calibration table, reliability tables and the sizing comparison', async () => {
    const bars = parseOhlcvCsv(readFileSync(new URL('../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8'));
    const edge = estimateEdge(breakoutTrades(bars), { seed: 2026 });
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await probabilitySection({ bars, edge });
    const text = lines.join('\n');
    expect(text).toContain(`Beta(${edge.winRatePosterior.alpha}, ${edge.winRatePosterior.beta})`);
    expect(text).toContain('shrunk for the uncertainty (Baker & McHale 2013)');
    expect(text).toMatch(/model, calibrated\s+0\.\d{4}/);
    expect(text).toContain('Reliability of the calibrated model');
    expect(text).toMatch(/mean forecast\s+observed win rate\s+trades/);
    for (const rule of ['flat', 'uncalibrated', 'calibrated', 'ensemble']) expect(text).toMatch(new RegExp(`^${rule}\\s`, 'm'));
    expect(text).toContain('Diebold–Mariano');
  });
});
