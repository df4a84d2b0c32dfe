// End-to-end for the commands over the later parts: regime, calibrate, history. Expected
// numbers come from the library on the same input, in this process.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrationReport, estimateEdge, openStore, parseOhlcvCsv, plattCalibration, regimeWalkForward } from '../../src/index.js';
import { fixture, runBin } from './support/runBin.js';

const scratch = mkdtempSync(join(tmpdir(), 'sizewise-cli-more-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('sizewise regime', () => {
  it('--json equals regimeWalkForward on the same bars', async () => {
    const prices = 'data/goog_2004-2008_daily_ohlcv.csv';
    const r = await runBin(['regime', '--prices', prices, '--json']);
    expect(r.code).toBe(0);
    const expected = regimeWalkForward([parseOhlcvCsv(readFileSync(prices, 'utf8'))], { names: ['goog_2004-2008_daily_ohlcv.csv'] });
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});

describe('sizewise calibrate', () => {
  it('fits Platt on the first 70 % and reports the held-out calibration, as the library does', async () => {
    const r = await runBin(['calibrate', fixture('predictions.csv'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const rows = readFileSync(fixture('predictions.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    const split = Math.floor(rows.length * 0.7);
    const fit = plattCalibration(rows.slice(0, split).map((x) => x[0]), rows.slice(0, split).map((x) => x[1]));
    const test = rows.slice(split);
    expect([out.train, out.test]).toEqual([split, rows.length - split]);
    expect(out.calibrator).toEqual(JSON.parse(JSON.stringify(fit.toJSON())));
    expect(out.calibrated).toEqual(calibrationReport(fit.predictMany(test.map((x) => x[0])), test.map((x) => x[1])));
    expect(out.raw).toEqual(calibrationReport(test.map((x) => x[0]), test.map((x) => x[1])));
  });

  it('says which column a predictions file lacks', async () => {
    const r = await runBin(['calibrate', fixture('trades.csv')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/trades\.csv: the header has no "score" column/);
  });
});

describe('sizewise history', () => {
  it('--json reads back what the journal holds, per strategy', async () => {
    const file = join(scratch, 'journal.db');
    const store = await openStore(file);
    const trades = [0.02, -0.01, 0.03, -0.015].map((returnPct, i) => ({ strategyId: 'breakout', closedAt: `2024-03-0${i + 1}T16:00:00Z`, returnPct }));
    await store.recordTrades(trades);
    await store.recordKelly('breakout', estimateEdge(trades), '2024-03-04T16:00:00Z');
    await store.recordTrade({ strategyId: 'pullback', closedAt: '2024-03-02T16:00:00Z', returnPct: 0.01 });
    const expected = { breakout: { trades: await store.trades('breakout'), kellyHistory: await store.kellyHistory('breakout') }, pullback: { trades: await store.trades('pullback'), kellyHistory: [] } };
    await store.close();
    const r = await runBin(['history', file, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ strategies: JSON.parse(JSON.stringify(expected)) });
    const text = await runBin(['history', file]);
    expect(text.stdout).toMatch(/^breakout\s+4\s+2024-03-01\s+2024-03-04\s+1\s+\d+\.\d\d×/m);
  });

  it('refuses a journal file that does not exist, rather than creating one', async () => {
    const r = await runBin(['history', join(scratch, 'typo.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('typo.db: no such journal file');
  });
});
