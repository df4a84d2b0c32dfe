import type { Command } from 'commander';
import { ESTIMATE_EDGE_DEFAULTS, estimateEdge, SizewiseError, type EdgeEstimate, type EstimateEdgeOptions, type Trade } from '../../index.js';
import { edgeRows, kellyRows, kellySizes, type KellySizes } from '../edgeTables.js';
import { formatTable, num, pct } from '../format.js';
import type { CliIo } from '../io.js';
import { integerArg, numberArg } from '../options.js';
import { printJson } from '../printJson.js';
import { readTrades, type TradesFile } from '../readTrades.js';
import { noteIgnoredColumns } from '../notes.js';
import { UsageError } from '../UsageError.js';

interface EdgeFlags {
  window?: number;
  windowDays?: number;
  minTrades: number;
  confidence: number;
  seed: number;
  json?: boolean;
  quiet?: boolean;
}

/** A strategy's edge with its Kelly sizes, or why it has none. */
type StrategyEdge = (EdgeEstimate & { sizing: KellySizes }) | { error: { code: string; message: string } };

/** `sizewise edge <trades>`: the edge with its intervals and Kelly in both units, overall and per strategy. */
export function edgeCommand(program: Command, io: CliIo): void {
  program
    .command('edge')
    .summary('the edge of a trades file: win rate, payoff, Kelly in both units, per strategy')
    .description(
      'The edge of closed trades: win rate (Wilson interval), average win and loss, payoff ratio, expectancy, ' +
        'profit factor, Kelly exposure (bootstrap interval), and full / half / quarter / risk-constrained Kelly as ' +
        'exposure and as risk fraction; per strategy when the file has a strategyId column.',
    )
    .argument('<trades>', 'trades file: CSV with a header, or a JSON array; a `return` column (a fraction: -0.018 = -1.8 %), optional closedAt, strategyId, rMultiple')
    .option('--window <n>', 'only the last N trades (by closedAt when every trade has one, else file order)', integerArg(1))
    .option('--window-days <d>', 'only the trades closed within D days of the latest closedAt', numberArg(0, 1e6, { min: true }))
    .option('--min-trades <n>', 'trades needed before Kelly is called reliable', integerArg(1), ESTIMATE_EDGE_DEFAULTS.minTrades)
    .option('--confidence <c>', 'two-sided confidence of the intervals', numberArg(0, 1, { min: true, max: true }), ESTIMATE_EDGE_DEFAULTS.confidence)
    .option('--seed <s>', 'seed of the Kelly bootstrap', integerArg(0, 0xffff_ffff), ESTIMATE_EDGE_DEFAULTS.seed)
    .option('--json', 'print one JSON document: the EdgeEstimate, its Kelly sizes and the strategies')
    .option('--quiet', 'no notes on stderr')
    .addHelpText('after', '\nExamples:\n  $ sizewise edge trades.csv\n  $ sizewise edge trades.json --window 50 --json')
    .action(async (file: string, flags: EdgeFlags) => {
      const input = await readTrades(file);
      if (flags.quiet !== true) noteIgnoredColumns(io, input);
      const options: EstimateEdgeOptions = { minTrades: flags.minTrades, confidence: flags.confidence, seed: flags.seed };
      if (flags.window !== undefined) options.window = flags.window;
      if (flags.windowDays !== undefined) {
        if (!input.dated) throw new UsageError(`${file}: --window-days needs a closedAt on every trade`);
        options.windowDays = flags.windowDays;
      }
      const overall = edgeOf(input.trades, options, file);
      const strategies: Record<string, StrategyEdge> = {};
      for (const id of input.strategies) {
        const trades = input.trades.filter((t) => t.strategyId === id);
        try {
          const e = estimateEdge(trades, options);
          strategies[id] = { ...e, sizing: kellySizes(e) };
        } catch (error) {
          if (!(error instanceof SizewiseError)) throw error;
          strategies[id] = { error: { code: error.code, message: error.message } };
        }
      }
      const sizing = kellySizes(overall);
      if (flags.json === true) {
        printJson(io, { ...overall, sizing, ...(input.strategies.length > 0 ? { strategies } : {}) });
        return;
      }
      io.out(`${edgeReport(input, overall, sizing, strategies, flags)}\n`);
    });
}

/** estimateEdge on the file's trades; its refusals (no losses, an empty window) are bad input. */
function edgeOf(trades: readonly Trade[], options: EstimateEdgeOptions, file: string): EdgeEstimate {
  try {
    return estimateEdge(trades, options);
  } catch (error) {
    if (error instanceof SizewiseError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}

function edgeReport(input: TradesFile, edge: EdgeEstimate, sizing: KellySizes, strategies: Record<string, StrategyEdge>, flags: EdgeFlags): string {
  const window = [flags.window === undefined ? '' : `last ${flags.window} trades`, flags.windowDays === undefined ? '' : `last ${flags.windowDays} days`].filter((s) => s !== '').join(', ');
  const parts = [
    `# Edge of ${input.file}: ${edge.trades} of ${input.trades.length} trades${window === '' ? '' : ` (${window})`}`,
    '',
    formatTable(edgeRows(edge, flags.minTrades, flags.confidence)),
    ...edge.warnings.map((w) => `warning: ${w}`),
    '',
    '## Kelly sizing (binary approximation of the trades)',
    '',
    'exposure = notional ÷ equity; risk fraction = equity lost if a trade loses its average loss ("Kelly %").',
    '',
    formatTable(kellyRows(sizing)),
  ];
  const ids = Object.keys(strategies);
  if (ids.length > 0) {
    parts.push('', '## Per strategy', '');
    const rows = ids.map((id) => {
      const s = strategies[id];
      if ('error' in s) return [id, '', '', '', '', '', '', '', s.error.code === 'NO_LOSSES' ? 'no losses: Kelly unbounded' : s.error.message];
      return [id, String(s.trades), pct(s.winRate, 1), pct(s.avgWin), pct(s.avgLoss), pct(s.expectancy, 3), `${num(s.kelly.exposure)}×`, pct(s.sizing.quarter.riskFraction), s.reliable ? 'yes' : 'no'];
    });
    parts.push(formatTable([['strategy', 'trades', 'win rate', 'avg win', 'avg loss', 'expectancy', 'Kelly exposure', '¼ Kelly risk', 'reliable'], ...rows]));
  }
  return parts.join('\n');
}
