// End-to-end: the built `sizewise` bin run as a child process (test/cli/support/buildBin.ts
// builds it once per run). Expected numbers come from calling the library on the same input
// in this process: the command line only reads files, calls the library and formats.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countingFallbacks, dynamicRisk } from '../../src/cli/dynamicRisk.js';
import {
  backtestSizing,
  breakoutTrades,
  closePool,
  createSizer,
  estimateEdge,
  exactBinary,
  flatRisk,
  kellyFromStats,
  parseOhlcvCsv,
  recommendExposure,
  simulate,
  type ExposureOutcome,
} from '../../src/index.js';
import { fixtureTrades } from './support/fixtureTrades.js';
import { fixture, runBin } from './support/runBin.js';

const scratch = mkdtempSync(join(tmpdir(), 'sizewise-cli-'));
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await closePool();
});

/** The drawdown levels `simulate` always reports: a 5 % grid (docs/cli.md). */
const GRID = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);

const withoutMultiple = ({ kellyFraction: _k, ...rest }: ExposureOutcome & { kellyFraction?: number }) => rest;

describe('sizewise --help', () => {
  it('lists every command with an example, on stdout, exit 0', async () => {
    const r = await runBin(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const command of ['edge', 'size', 'simulate', 'backtest', 'regime', 'calibrate', 'train', 'track', 'history', 'report']) expect(r.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(r.stdout).toContain('$ sizewise edge trades.csv');
  });

  it.each(['edge', 'size', 'simulate', 'backtest', 'regime', 'calibrate', 'train', 'track', 'history', 'report'])('%s --help shows its options and an example, exit 0', async (command) => {
    const r = await runBin([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: sizewise ${command}`);
    expect(r.stdout).toMatch(/Examples?:\n {2}\$ sizewise /);
  });
});

describe('sizewise edge', () => {
  it('--json prints one JSON document: the library EdgeEstimate of the file, its Kelly sizes and each strategy', async () => {
    const r = await runBin(['edge', fixture('trades.csv'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout); // the whole of stdout is the one document
    const trades = fixtureTrades();
    const expected = estimateEdge(trades);
    const { sizing, strategies, ...edge } = out;
    expect(edge).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(sizing.full).toEqual(expected.kelly);
    expect(sizing.quarter.exposure).toBeCloseTo(expected.kelly.exposure / 4, 12);
    expect(Object.keys(strategies)).toEqual(['pullback', 'breakout']);
    expect(strategies.breakout.winRate).toBe(estimateEdge(trades.filter((t) => t.strategyId === 'breakout')).winRate);
  });

  it('reads the JSON form of the same trades to the same numbers', async () => {
    const [csv, json] = await Promise.all([runBin(['edge', fixture('trades.csv'), '--json']), runBin(['edge', fixture('trades.json'), '--json'])]);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(csv.stdout));
  });

  it('prints readable tables with the window applied', async () => {
    const r = await runBin(['edge', fixture('trades.csv'), '--window', '30']);
    expect(r.code).toBe(0);
    const expected = estimateEdge(fixtureTrades(), { window: 30 });
    expect(r.stdout).toContain('30 of 40 trades (last 30 trades)');
    expect(r.stdout).toContain(`${(expected.winRate * 100).toFixed(2)} %`);
    expect(r.stdout).toMatch(/quarter Kelly\s+\d+\.\d\d×/);
    expect(r.stdout).toContain('## Per strategy');
  });
});

describe('sizewise size', () => {
  it('--json prints the SizingDecision of the library, money as decimal strings', async () => {
    const args = ['--win-rate', '0.55', '--avg-win', '0.032', '--avg-loss', '0.018', '--balance', '25000', '--price', '57.10', '--stop', '55.00', '--confidence', '0.8', '--regime', 'TRENDING'];
    const r = await runBin(['size', ...args, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const d = createSizer().size({
      balance: '25000',
      price: '57.10',
      edge: { winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 },
      lotStep: '1',
      stopDistance: '2.10',
      confidence: 0.8,
      regime: 'TRENDING',
    });
    expect(out).toEqual(JSON.parse(JSON.stringify(d)));
    expect(typeof out.quantity).toBe('string');
    expect(out.quantity).toBe(d.quantity.toString());
    expect(typeof out.riskFraction).toBe('number');
  });

  it('prints every factor with its reason for a trades file', async () => {
    const r = await runBin(['size', '--trades', fixture('trades.csv'), '--balance', '100000', '--price', '412.37', '--stop', '398.50', '--conviction', 'HIGH', '--tier', 'advanced']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^base\s+\d+\.\d\d %\s+0\.25 × full Kelly/m);
    expect(r.stdout).toMatch(/^conviction\s+×1\.500\s+conviction HIGH/m);
    expect(r.stdout).toMatch(/→ risk .* buy \d+ at 412\.37/);
  });
});

describe('sizewise simulate', () => {
  it('--json equals the library: a bootstrap of the returns in file order at m × the Kelly exposure of estimateEdge', async () => {
    const r = await runBin(['simulate', '--trades', fixture('trades.csv'), '--kelly', '0.25,0.5', '--paths', '2000', '--trades-per-path', '200', '--seed', '7', '--sweep', '6', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const trades = fixtureTrades();
    const kelly = estimateEdge(trades).kelly.exposure;
    const model = { kind: 'bootstrap', returns: trades.map((t) => t.returnFraction) } as const;
    const common = { paths: 2000, trades: 200, seed: 7, ruinLevel: 0.5 };
    const lib = await simulate(model, { ...common, exposures: [0.25 * kelly, 0.5 * kelly], drawdownLevels: GRID, checkpoints: 50 });
    expect(out.kellyExposure).toBe(kelly);
    expect(out.outcomes.map(withoutMultiple)).toEqual(JSON.parse(JSON.stringify(lib.outcomes)));
    expect(out.outcomes.map((o: { kellyFraction: number }) => o.kellyFraction)).toEqual([0.25, 0.5].map((m) => expect.closeTo(m, 12)));
    // The sweep: the library at the same exposures gives the same outcomes and the same pick.
    const exposures = out.sweep.outcomes.map((o: ExposureOutcome) => o.exposure);
    expect(exposures).toHaveLength(6);
    const sweep = await simulate(model, { ...common, exposures, drawdownLevels: [0.2, 0.5] });
    expect(out.sweep.outcomes.map(withoutMultiple)).toEqual(JSON.parse(JSON.stringify(sweep.outcomes)));
    expect(out.recommendation.exposure).toBe(recommendExposure(sweep, { maxDrawdown: 0.5, probability: 0.1 }).exposure);
  });

  it('puts the exact lattice beside the binary model', async () => {
    const r = await runBin(['simulate', '--win-rate', '0.55', '--avg-win', '0.03', '--avg-loss', '0.02', '--kelly', '0.5,1', '--paths', '1000', '--trades-per-path', '100', '--sweep', '0', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const edge = { winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 };
    const kelly = kellyFromStats({ winRate: 0.55, avgWin: 0.03, avgLoss: 0.02 }).exposure;
    const exposures = [0.5 * kelly, kelly];
    const lib = await simulate({ kind: 'binary', ...edge }, { exposures, paths: 1000, trades: 100, seed: 1, ruinLevel: 0.5, drawdownLevels: GRID, checkpoints: 50 });
    expect(out.outcomes.map(withoutMultiple)).toEqual(JSON.parse(JSON.stringify(lib.outcomes)));
    expect(out.exact).toEqual(exposures.map((f) => JSON.parse(JSON.stringify(exactBinary(edge, { exposure: f, trades: 100, ruinLevel: 0.5, drawdownLevels: [0.2, 0.5] })))));
    expect(out.sweep).toBeUndefined();
  });

  it('prints the table, the recommendation and its reason', async () => {
    const r = await runBin(['simulate', '--trades', fixture('trades.json'), '--paths', '1000', '--trades-per-path', '100', '--sweep', '4']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('bootstrap of the 40 trade returns');
    expect(r.stdout).toMatch(/^0\.25\s+\d+\.\d\d×/m);
    expect(r.stdout).toMatch(/Recommended from a sweep of 4 exposures/);
    expect(r.stdout).toMatch(/^Why: exposure /m);
  });

  it('draws a PNG of the expected size and an SVG with the axis titles', async () => {
    const png = join(scratch, 'fan.png');
    const svg = join(scratch, 'fan.svg');
    const args = ['simulate', '--trades', fixture('trades.csv'), '--paths', '500', '--trades-per-path', '100', '--sweep', '5', '--chart-kind', 'fan,kelly,drawdown', '--quiet'];
    const [a, b] = await Promise.all([runBin([...args, '--chart', png]), runBin([...args, '--chart', svg])]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
    const text = readFileSync(svg, 'utf8');
    for (const title of ['Trade', 'Wealth (× starting equity, log scale)', 'Median growth per trade', 'Probability', 'P(max drawdown ≥ x)', 'recommended']) {
      expect(text).toContain(title);
    }
    const bytes = readFileSync(png);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])); // the PNG signature
    expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const [width, height] = [Number(text.match(/<svg[^>]* width="([\d.]+)"/)?.[1]), Number(text.match(/<svg[^>]* height="([\d.]+)"/)?.[1])];
    expect(bytes.readUInt32BE(16)).toBe(Math.round(width * 2)); // PNG_SCALE
    expect(bytes.readUInt32BE(20)).toBe(Math.round(height * 2));
  });
});

describe('sizewise backtest', () => {
  it('--json equals backtestSizing of flat 1 % risk and the dynamic sizer on the same bars', async () => {
    const prices = 'data/goog_2004-2008_daily_ohlcv.csv';
    const r = await runBin(['backtest', '--prices', prices, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const bars = parseOhlcvCsv(readFileSync(prices, 'utf8'));
    const trades = breakoutTrades(bars);
    const sizer = createSizer();
    const flat = backtestSizing(bars, trades, flatRisk(trades, 0.01, { maxLeverage: sizer.config.positionBoundaries.basic.maxLeverage }));
    const rule = countingFallbacks(dynamicRisk(sizer, bars, trades));
    const dynamic = backtestSizing(bars, trades, rule.size);
    expect(out.trades).toBe(trades.length);
    for (const [got, want] of [[out.flat, flat], [out.dynamic, dynamic]] as const) {
      expect(got.finalEquity).toBe(want.finalEquity);
      expect(got.maxDrawdown).toBe(want.maxDrawdown);
      expect(got.sharpe).toBe(want.sharpe);
      expect(got.sizes).toEqual(Array.from(want.sizes));
      expect(got.equity).toEqual(Array.from(want.equity));
    }
    expect(out.dynamic.fallbackTrades).toBe(rule.fallbacks());
  });

  it('draws the equity curves with drawdown below, and the size distribution, as SVG with axis titles', async () => {
    const svg = join(scratch, 'backtest.svg');
    const r = await runBin(['backtest', '--prices', 'data/goog_2004-2008_daily_ohlcv.csv', '--chart', svg]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^dynamic sizer\s+\d+/m);
    expect(r.stderr).toContain(`chart written to ${svg}`);
    const text = readFileSync(svg, 'utf8');
    for (const title of ['Equity', 'Drawdown', 'Date', 'Trades', 'Win rate', 'Exposure (notional ÷ equity)']) expect(text).toContain(title);
  });
});

describe('bad usage and bad input: exit 2, nothing on stdout, a message that names what is wrong', () => {
  const cases: [string, string[], RegExp[]][] = [
    ['an unknown option, as typed', ['edge', fixture('trades.csv'), '--frobnicate'], [/unknown option '--frobnicate'/]],
    ['an unknown command', ['frobnicate'], [/unknown command 'frobnicate'/]],
    ['a bad option value', ['simulate', '--trades', fixture('trades.csv'), '--kelly', '0.5,abc'], [/--kelly/, /abc/]],
    ['a percent in an option', ['size', '--win-rate', '55%', '--avg-win', '0.03', '--avg-loss', '0.02', '--balance', '1000', '--price', '10'], [/--win-rate/, /fraction/]],
    ['a missing file', ['edge', 'no-such-file.csv'], [/no-such-file\.csv: cannot read the trades file \(ENOENT\)/]],
    ['percents instead of fractions', ['edge', fixture('percent.csv')], [/percent\.csv: column return/, /looks like percents/, /divide them by 100/]],
    ['one loss of more than 100 %', ['edge', fixture('below-minus-one.csv')], [/below-minus-one\.csv: row 3, column return: -1\.8 is a loss of more than 100 %/, /divide them by 100/]],
    ['a cell that is not a number', ['edge', fixture('bad-cell.csv')], [/bad-cell\.csv: row 3, column return: "abc" is not a number/]],
    ['a date that is not ISO', ['edge', fixture('bad-date.json')], [/bad-date\.json: row 2, column closedAt/, /ISO date/]],
    ['no return column', ['edge', fixture('no-return.csv')], [/no-return\.csv: the header has no "return" column \(found: closedAt, pnl\)/]],
    ['a bad price cell', ['backtest', '--prices', fixture('bad-prices.csv')], [/bad-prices\.csv: row 2, column close/]],
    ['a chart file of an unknown kind', ['simulate', '--trades', fixture('trades.csv'), '--chart', 'out.txt'], [/--chart out\.txt: the file must end in \.svg or \.png/]],
    ['a required option left out', ['backtest'], [/--prices <file> is required/]],
    ['a Kelly multiple that is certain ruin', ['simulate', '--trades', fixture('trades.csv'), '--kelly', '50'], [/--kelly 50: .* of equity on the worst trade/]],
  ];
  it.each(cases)('%s', async (_name, args, messages) => {
    const r = await runBin(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    for (const m of messages) expect(r.stderr).toMatch(m);
  });
});
