import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { journalSection } from '../../src/cli/journalSection.js';
import { adjustKellyForPerformance, breakoutTrades, estimateEdge, parseOhlcvCsv } from '../../src/index.js';

afterEach(() => vi.restoreAllMocks());

describe('the journal section of the main job', () => {
  it('replays the reference trades through a tracker on a file store, shows the Kelly history as the library computes it, and removes the file', async () => {
    const bars = parseOhlcvCsv(readFileSync(new URL('../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8'));
    const trades = breakoutTrades(bars);
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    // A private temporary folder, so that what the section leaves behind can be seen.
    const scratch = mkdtempSync(join(tmpdir(), 'sizewise-journal-test-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
    try {
      await journalSection({ trades });
      expect(readdirSync(scratch)).toEqual([]);
    } finally {
      process.env.TMPDIR = saved;
      rmSync(scratch, { recursive: true, force: true });
    }
    const text = lines.join('\n');
    // The last row: estimateEdge of all the trades (its point estimate does not depend on the
    // bootstrap's resamples) and the performance adjustment over the last 20 returns.
    const edge = estimateEdge(trades);
    const adjusted = adjustKellyForPerformance(edge.kelly, trades.map((t) => t.returnFraction));
    const k = (x: { exposure: number; riskFraction: number }) => `${x.exposure.toFixed(2)}× \\(${(x.riskFraction * 100).toFixed(2)} %\\)`;
    const last = new RegExp(`^${trades[trades.length - 1].closedAt}\\s+${trades.length}\\s+${(edge.winRate * 100).toFixed(1)} %\\s+${edge.payoffRatio.toFixed(2)}\\s+${k(edge.kelly)}\\s+×${adjusted.factor.toFixed(2)} \\(${adjusted.reason}\\)\\s+${k(adjusted.kelly)}`, 'm');
    expect(text).toMatch(last);
    // First, every 10th and last estimate of the 94: rows at 1, 10, 20, …, 90 and 94 trades.
    expect(text.split('\n').filter((l) => /^\d{4}-\d\d-\d\d\s/.test(l)).map((l) => Number(l.split(/\s+/)[1]))).toEqual([1, 10, 20, 30, 40, 50, 60, 70, 80, 90, 94]);
    expect(text).toContain(`Read back from the file: ${trades.length} Kelly estimates, identical to the tracker's`);
    expect(text).toContain('the tracker restored from the file has the same state');
  });
});
