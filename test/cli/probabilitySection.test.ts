import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { probabilitySection, sizingLabel, verdict } from '../../src/cli/probabilitySection.js';
import { parseClosesCsv } from '../../src/data/parseClosesCsv.js';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';
import { estimateEdge } from '../../src/edge/estimateEdge.js';
import { probabilityWalkForward } from '../../src/probability/probabilityWalkForward.js';
import { breakoutTrades } from '../../src/strategy/breakoutTrades.js';

afterEach(() => vi.restoreAllMocks());

describe('the probability section of the main job', () => {
  it('prints the posterior, the shrunk Kelly, the held-out calibration table, reliability tables and the sizing comparison', async () => {
    const read = (file: string) => readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8');
    const bars = parseOhlcvCsv(read('sp500_2000-2020_daily_ohlcv.csv'));
    const edge = estimateEdge(breakoutTrades(bars), { seed: 2026 });
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await probabilitySection({ bars, edge });
    const text = lines.join('\n');
    expect(text).toContain(`Beta(${edge.winRatePosterior.alpha}, ${edge.winRatePosterior.beta})`);
    expect(text).toContain('shrunk for the uncertainty (Baker & McHale 2013)');
    // The same walk-forward, called here on the same bundled series: the section prints its numbers.
    const r = probabilityWalkForward(
      [
        { name: 'S&P 500', bars },
        { name: 'GOOG', bars: parseOhlcvCsv(read('goog_2004-2008_daily_ohlcv.csv')) },
        ...[...parseClosesCsv(read('dowjones30_1991-2000_daily_close.csv'))].map(([name, b]) => ({ name, bars: b })),
      ],
      { bins: 20 },
    );
    expect(text).toContain(`Features at the signal bar: ${r.featureNames.join(', ')}.`);
    for (const [label, report] of [
      ['logistic, uncalibrated', r.heldOut.raw],
      ['logistic, calibrated', r.heldOut.calibrated],
      ['tree, uncalibrated', r.heldOut.treeRaw],
      ['tree, calibrated', r.heldOut.treeCalibrated],
      ['ensemble', r.heldOut.ensemble],
    ] as const) {
      expect(text).toMatch(new RegExp(`^${label}\\s+${report.brier.toFixed(4)}\\s+${report.logLoss.toFixed(4)}\\s+${report.ece.toFixed(4)}`, 'm'));
    }
    for (const name of ['calibrated logistic regression', 'calibrated tree']) expect(text).toContain(`Reliability of the ${name}`);
    expect(text).toMatch(/mean forecast\s+observed win rate\s+trades/);
    for (const rule of r.sizing.map((s) => s.name)) expect(text).toMatch(new RegExp(`^${sizingLabel(rule)}\\s`, 'm'));
    expect(r.sizing.map((s) => s.name)).toContain('treeCalibrated');
    expect(text).toContain(verdict(r));
  });
});
