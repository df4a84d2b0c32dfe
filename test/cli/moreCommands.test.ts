// End-to-end for the commands over the later parts: regime, calibrate, train, track, history. Expected
// numbers come from the library on the same input, in this process.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { breakoutTrades, calibrationReport, estimateEdge, openStore, parseOhlcvCsv, plattCalibration, QLearningSizer, regimeWalkForward, StrategyTracker } from '../../src/index.js';
import { qLearningWalkForward } from '../../src/rl/qLearningWalkForward.js';
import { tradeSamples } from '../../src/rl/tradeSamples.js';
import { fixtureTrades } from './support/fixtureTrades.js';
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

  it('draws the reliability diagram of the held-out predictions with its axis titles', async () => {
    const svg = join(scratch, 'reliability.svg');
    const r = await runBin(['calibrate', fixture('predictions.csv'), '--chart', svg, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const text = readFileSync(svg, 'utf8');
    for (const title of ['Mean predicted probability (per bin)', 'Observed win rate', 'Predictions', 'calibrated (platt)', 'raw scores']) expect(text).toContain(title);
  });

  it('says which column a predictions file lacks', async () => {
    const r = await runBin(['calibrate', fixture('trades.csv')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/trades\.csv: the header has no "score" column/);
  });
});

describe('sizewise train', () => {
  const prices = 'data/sp500_2000-2020_daily_ohlcv.csv';

  it('--json equals qLearningWalkForward on the reference trades, and --save writes the frozen agent', async () => {
    const saved = join(scratch, 'agent.json');
    const r = await runBin(['train', '--prices', prices, '--epochs', '50', '--seed', '7', '--json', '--save', saved]);
    expect(r.code).toBe(0);
    const bars = parseOhlcvCsv(readFileSync(prices, 'utf8'));
    const trades = breakoutTrades(bars);
    const { agent, ...result } = await qLearningWalkForward(bars, tradeSamples(bars, trades), { epochs: 50, agent: { seed: 7 } });
    try {
      expect(JSON.parse(r.stdout)).toEqual({ prices, bars: bars.close.length, trades: trades.length, states: 'compact', epochs: 50, seed: 7, ...JSON.parse(JSON.stringify(result)) });
      const json = JSON.parse(readFileSync(saved, 'utf8'));
      expect(json).toEqual(JSON.parse(JSON.stringify(agent.toJSON())));
      const restored = await QLearningSizer.fromJSON(json);
      expect(restored.policy()).toEqual(agent.policy());
      restored.dispose();
    } finally {
      agent.dispose();
    }
  });

  it('names --train-fraction when it leaves no trade to test on, exit 2, nothing on stdout', async () => {
    const r = await runBin(['train', '--prices', prices, '--train-fraction', '0.9999']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--train-fraction: --train-fraction 0.9999 leaves no trade signalled on or after the split');
  });
});

describe('sizewise track', () => {
  it('closes the trades through a tracker on the journal: Kelly states equal the library tracker\'s, and a re-run records nothing twice', async () => {
    const file = join(scratch, 'tracked.db');
    const args = ['track', fixture('trades.csv'), '--journal', file, '--window', '20', '--json'];
    const first = await runBin(args);
    expect(first.code).toBe(0);
    const out = JSON.parse(first.stdout);
    // The library: the same trades oldest first through an in-memory tracker with the same window.
    const trades = fixtureTrades().sort((a, b) => Date.parse(String(a.closedAt)) - Date.parse(String(b.closedAt)));
    const tracker = new StrategyTracker({ window: 20 });
    for (const t of trades) await tracker.positionClosed({ ...t, strategyId: t.strategyId! });
    expect(out.strategies).toEqual(JSON.parse(JSON.stringify({ pullback: tracker.kelly('pullback'), breakout: tracker.kelly('breakout') })));
    expect(out.strategies.breakout.estimate).toEqual(JSON.parse(JSON.stringify(estimateEdge(trades.filter((t) => t.strategyId === 'breakout'), { window: 20 }))));
    expect([out.trades, out.recorded, out.alreadyRecorded]).toEqual([40, 40, 0]);
    const again = JSON.parse((await runBin(args)).stdout);
    expect([again.recorded, again.alreadyRecorded]).toEqual([0, 40]);
    expect(again.strategies).toEqual(out.strategies);
    const store = await openStore(file);
    try {
      expect((await store.trades('breakout')).length).toBe(26);
      expect((await store.kellyHistory('breakout')).length).toBe(26); // one estimate per close, none from the re-run
    } finally {
      await store.close();
    }
  });

  it('refuses trades without a close time, naming the row and column, and creates no journal', async () => {
    const undated = join(scratch, 'undated.csv');
    writeFileSync(undated, 'closedAt,return\n2024-01-02,0.01\n,-0.02\n');
    const journal = join(scratch, 'never.db');
    const r = await runBin(['track', undated, '--journal', journal]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('undated.csv: row 2, column closedAt: missing');
    expect(existsSync(journal)).toBe(false);
  });
});

describe('sizewise history', () => {
  it('--json reads back what the journal holds, per strategy', async () => {
    const file = join(scratch, 'journal.db');
    const store = await openStore(file);
    const trades = [0.02, -0.01, 0.03, -0.015].map((returnFraction, i) => ({ strategyId: 'breakout', closedAt: `2024-03-0${i + 1}T16:00:00Z`, returnFraction }));
    await store.recordTrades(trades);
    await store.recordKelly('breakout', estimateEdge(trades), '2024-03-04T16:00:00Z');
    await store.recordTrade({ strategyId: 'pullback', closedAt: '2024-03-02T16:00:00Z', returnFraction: 0.01 });
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
