import type { Command } from 'commander';
import {
  BREAKOUT_DEFAULTS,
  breakoutTrades,
  equityCurvesSpec,
  evaluateSizing,
  parsePricedTradesFile,
  sizeDistributionSpec,
  SizewiseError,
  type ChartSpec,
  type PricedTrade,
  type SizingBacktest,
  type SizingEvaluation,
} from '../../index.js';
import { flatVsDynamic } from '../flatVsDynamic.js';
import { formatTable, num, orNone, pct } from '../format.js';
import type { CliIo } from '../io.js';
import { sizerFrom } from '../loadConfig.js';
import { note } from '../notes.js';
import { readText } from '../readRecords.js';
import { numberArg } from '../options.js';
import { printJson } from '../printJson.js';
import { progressBar } from '../progress.js';
import { readPrices } from '../readPrices.js';
import { chartFormat, chartKinds, PNG_SCALE, stackCharts, writeChart } from '../renderChart.js';
import { UsageError } from '../UsageError.js';

/** Chart kinds of `backtest --chart`. */
export const BACKTEST_CHARTS = Object.freeze(['equity', 'sizes'] as const);

interface BacktestFlags {
  prices?: string;
  trades?: string;
  config?: string;
  risk: number;
  startEquity: number;
  logScale?: boolean;
  chart?: string;
  chartKind?: string;
  pngScale: number;
  json?: boolean;
  quiet?: boolean;
}

/** `sizewise backtest --prices <ohlcv.csv> [--trades <file>]`: the reference strategy's trades, or the user's, under flat vs dynamic sizing. */
export function backtestCommand(program: Command, io: CliIo): void {
  program
    .command('backtest')
    .summary('the reference strategy (or your trades) on your prices under flat vs dynamic sizing')
    .description(
      `Runs the reference strategy on daily OHLCV prices (long a close above the prior ${BREAKOUT_DEFAULTS.entryPeriod}-day high at the next open, ` +
        `stop ${BREAKOUT_DEFAULTS.stopAtr} × ATR(${BREAKOUT_DEFAULTS.atrPeriod}) below, exit on a close below the prior ${BREAKOUT_DEFAULTS.exitPeriod}-day low; a demo trade source, not ` +
        'advice) and replays its trades under flat fixed-fraction risk and under the dynamic sizer (quarter Kelly from ' +
        'the trades closed so far, volatility, regime and drawdown layers), marked to market daily, no costs. With --trades, ' +
        'your own trades on those prices are replayed instead.',
    )
    .option('--prices <file>', 'daily OHLCV CSV with a header: date, open, high, low, close[, volume] (as the files in data/); required')
    .option('--trades <file>', 'your own long trades on these prices, CSV with a header or a JSON array: openedAt, closedAt (bar dates), stop[, entry, exit] (prices; default: the bars\' opens)')
    .option('--config <file>', 'sizer config for the dynamic rule, YAML or JSON (as config/trading_rules.yaml)')
    .option('--risk <fraction>', 'the flat rule risks this fraction of equity per trade', numberArg(0, 1, { min: true }), 0.01)
    .option('--start-equity <amount>', 'starting equity', numberArg(0, 1e15, { min: true }), 100_000)
    .option('--log-scale', 'draw equity on a log axis')
    .option('--chart <file>', 'draw the charts to an .svg or .png file')
    .option('--png-scale <x>', 'a PNG chart is drawn at this multiple of its SVG size', numberArg(0.5, 4), PNG_SCALE)
    .option('--chart-kind <kinds>', `which charts, comma-separated: ${BACKTEST_CHARTS.join(', ')} (default: all, stacked)`)
    .option('--json', 'print one JSON document: each rule\'s SizingBacktest and its per-trade SizingEvaluation')
    .option('--quiet', 'no progress and no notes on stderr')
    .addHelpText('after', '\nExamples:\n  $ sizewise backtest --prices data/sp500_2000-2020_daily_ohlcv.csv\n  $ sizewise backtest --prices prices.csv --config config/trading_rules.yaml --chart equity.png\n  $ sizewise backtest --prices prices.csv --trades my-trades.csv')
    .action(async (options: BacktestFlags) => {
      // Checked here rather than by commander, so that an unknown option is reported first.
      if (options.prices === undefined) throw new UsageError('--prices <file> is required');
      const flags = { ...options, prices: options.prices };
      const kinds = flags.chart === undefined ? [] : chartKinds(flags.chartKind, BACKTEST_CHARTS);
      if (flags.chart !== undefined) chartFormat(flags.chart);
      const bars = await readPrices(flags.prices);
      let given: PricedTrade[] | undefined;
      if (flags.trades !== undefined) {
        const file = flags.trades;
        const text = await readText(file, 'trades');
        let input;
        try {
          input = parsePricedTradesFile(text, bars, file);
        } catch (error) {
          // The prices are checked there too (dates in order, as ISO dates): those errors are the prices file's.
          if (error instanceof SizewiseError && error.field.startsWith('bars')) throw new UsageError(`${flags.prices}: ${error.message}`);
          throw error instanceof SizewiseError ? new UsageError(error.message) : error;
        }
        if (flags.quiet !== true && input.ignoredColumns.length > 0) note(io, `${file}: ignoring columns ${input.ignoredColumns.join(', ')} (backtest --trades reads openedAt, closedAt, stop, entry, exit)`);
        given = input.trades;
      }
      const sizer = await sizerFrom(flags.config);
      const bar = progressBar(io, 'backtesting', flags.quiet === true);
      let trades;
      let result;
      try {
        trades = given ?? breakoutTrades(bars);
        if (trades.length === 0) throw new UsageError(`${flags.prices}: the reference strategy takes no trade on these ${bars.close.length} bars (it needs a breakout above a ${BREAKOUT_DEFAULTS.entryPeriod}-day high)`);
        result = flatVsDynamic(sizer, bars, trades, { risk: flags.risk, startEquity: flags.startEquity, onProgress: (done, total) => bar.update(done, total) });
      } catch (error) {
        if (error instanceof SizewiseError) throw new UsageError(`${flags.prices}: ${error.message}`);
        throw error;
      } finally {
        bar.stop();
      }
      const { flat, dynamic } = result;
      const evaluation = { flat: evaluateSizing(flat.returns, flat.sizes), dynamic: evaluateSizing(dynamic.returns, dynamic.sizes) };
      if (flags.chart !== undefined) {
        const specs: ChartSpec[] = [];
        if (kinds.includes('equity')) {
          specs.push(equityCurvesSpec([{ name: flatName(flags.risk), equity: flat.equity }, { name: 'dynamic sizer', equity: dynamic.equity }], { dates: bars.date, logScale: flags.logScale === true }));
        }
        if (kinds.includes('sizes')) specs.push(sizeDistributionSpec(dynamic.sizes, evaluation.dynamic.sizeBuckets, { title: 'Dynamic sizer: sizes given and how the trades did by size' }));
        await writeChart(stackCharts(specs), flags.chart, flags.pngScale);
        if (flags.quiet !== true) note(io, `chart written to ${flags.chart} (${kinds.join(', ')})`);
      }
      if (flags.json === true) {
        printJson(io, { prices: flags.prices, ...(flags.trades === undefined ? {} : { tradesFile: flags.trades }), bars: bars.close.length, trades: trades.length, startEquity: flags.startEquity, flat: { ...flat, evaluation: evaluation.flat }, dynamic: { ...dynamic, evaluation: evaluation.dynamic } });
        return;
      }
      io.out(`${report(flags, bars.date[0], bars.date[bars.date.length - 1], bars.close.length, trades.length, flat, dynamic, evaluation)}\n`);
    });
}

function flatName(risk: number): string {
  return `flat ${pct(risk, risk * 100 === Math.round(risk * 100) ? 0 : 2)} risk`;
}

function report(
  flags: BacktestFlags & { prices: string },
  from: string,
  to: string,
  bars: number,
  trades: number,
  flat: SizingBacktest,
  dynamic: SizingBacktest & { fallbackTrades: number },
  evaluation: { flat: SizingEvaluation; dynamic: SizingEvaluation },
): string {
  const start = flags.startEquity;
  const row = (name: string, r: SizingBacktest, fallbacks: number) => [
    name,
    r.finalEquity.toFixed(0),
    pct(r.finalEquity / start - 1, 1),
    orNone(r.cagr, (x) => pct(x, 2)),
    pct(r.maxDrawdown, 1),
    orNone(r.sharpe),
    orNone(r.sortino),
    orNone(r.meanRisk, pct),
    String(r.tradesTaken),
    String(fallbacks),
  ];
  const buckets = evaluation.dynamic.sizeBuckets.map((b, i, all) => [
    `[${num(b.lower)}, ${num(b.upper)}${i === all.length - 1 ? ']' : ')'}`,
    String(b.count),
    orNone(b.winRate, (x) => pct(x, 1)),
    orNone(b.meanReturn, (x) => pct(x, 2)),
    orNone(b.meanAccountReturn, (x) => pct(x, 3)),
  ]);
  return [
    `# Backtest of ${flags.trades === undefined ? 'the reference strategy' : `the trades of ${flags.trades}`} on ${flags.prices}: ${bars} bars, ${from} to ${to}, ${trades} trades`,
    '',
    `Both rules risk a fraction of equity at each trade's stop, one position at a time, daily mark-to-market, no costs; start ${start}.`,
    `Dynamic = quarter Kelly from the trades closed before each entry (fixed fallback while too few), × volatility, regime and drawdown layers${flags.config === undefined ? ' (default config)' : ` (config ${flags.config})`}.`,
    '',
    formatTable([
      ['rule', 'final equity', 'return', 'CAGR', 'max drawdown', 'Sharpe', 'Sortino', 'mean risk', 'trades', 'fallback trades'],
      row(flatName(flags.risk), flat, 0),
      row('dynamic sizer', dynamic, dynamic.fallbackTrades),
    ]),
    '',
    'Dynamic sizer by size bucket (exposure = notional ÷ equity; win rate and mean return of the trades themselves):',
    '',
    formatTable([['exposure', 'trades', 'win rate', 'mean return', 'mean account return'], ...buckets]),
    '',
    `This is one path of one market (${trades} trades, no costs): an illustration of the mechanism, not evidence that either rule will do better.`,
  ].join('\n');
}
