import type { Command } from 'commander';
import { SizewiseError, toMoney, type EstimateEdgeOptions, type PositionSizer, type SizingEdge, type SizingRequest } from '../../index.js';
import { num, pct } from '../format.js';
import { decisionLine, formatFactorTable } from '../decisionTable.js';
import type { CliIo } from '../io.js';
import { sizerFrom } from '../loadConfig.js';
import { noteIgnoredColumns, note } from '../notes.js';
import { integerArg, moneyArg, numberArg } from '../options.js';
import { printJson } from '../printJson.js';
import { readTrades } from '../readTrades.js';
import { edgeInputs, type EdgeInputFlags } from '../edgeInputs.js';
import { UsageError } from '../UsageError.js';

interface SizeFlags extends EdgeInputFlags {
  balance?: string;
  price?: string;
  stop?: string;
  stopDistance?: string;
  lot?: string;
  minNotional?: string;
  confidence?: number;
  conviction?: string;
  regime?: string;
  atrRatio?: number;
  drawdown?: number;
  tier?: string;
  banditWeight?: number;
  correlation?: number;
  rlMultiplier?: number;
  window?: number;
  strategy?: string;
  config?: string;
  json?: boolean;
  quiet?: boolean;
}

/** `sizewise size`: one sized order with every factor and its reason. */
export function sizeCommand(program: Command, io: CliIo): void {
  const command = program
    .command('size')
    .summary('one sized order with every factor and its reason')
    .description(
      'One order through the sizing layers: the Kelly base from a trades file (or from --win-rate, --avg-win, ' +
        '--avg-loss), then confidence, conviction, volatility, regime, bandit, correlation, RL and drawdown, the ' +
        "tier's bounds, and money: quantity rounded down to the lot step. Every factor is printed with its reason.",
    );
  edgeInputs(command);
  command
    .option('--balance <amount>', 'account equity, e.g. 100000 (required)', moneyArg)
    .option('--price <amount>', 'price of one unit (required)', moneyArg)
    .option('--stop <price>', 'stop price: sizing becomes risk-based (a stop-out loses the risk fraction)', moneyArg)
    .option('--stop-distance <amount>', 'distance from the price to the stop, instead of --stop', moneyArg)
    .option('--lot <step>', 'smallest quantity increment', moneyArg, '1')
    .option('--min-notional <amount>', 'smallest order notional', moneyArg)
    .option('--confidence <c>', 'signal confidence (or meta-label probability) in [0, 1]', numberArg(0, 1))
    .option('--conviction <level>', "trader's conviction, e.g. LOW, MEDIUM, HIGH (as the config names them)")
    .option('--regime <name>', 'market regime, e.g. TRENDING, HIGH_VOL, LOW_VOL, MEAN_REVERTING, NORMAL')
    .option('--atr-ratio <x>', 'current ATR ÷ its average', numberArg(0, 1e6, { min: true }))
    .option('--drawdown <d>', "account's drawdown from its peak, a fraction in [0, 1)", numberArg(0, 1, { max: true }))
    .option('--tier <name>', "account tier (a key of the config's position boundaries)")
    .option('--bandit-weight <w>', 'bandit weight of the strategy, ≥ 0', numberArg(0, 1e6))
    .option('--correlation <c>', 'correlation penalty with open positions, in [0, 1]', numberArg(0, 1))
    .option('--rl-multiplier <m>', "the RL agent's size multiplier", numberArg(0, 1e6, { min: true }))
    .option('--window <n>', 'estimate the edge from the last N trades only', integerArg(1))
    .option('--strategy <id>', "only this strategyId's trades")
    .option('--config <file>', 'sizer config, YAML or JSON (as config/trading_rules.yaml)')
    .option('--json', 'print one JSON document: the SizingDecision, money as decimal strings')
    .option('--quiet', 'no notes on stderr')
    .addHelpText(
      'after',
      '\nExamples:\n  $ sizewise size --trades trades.csv --balance 100000 --price 412.37 --stop 398.50 --confidence 0.8\n' +
        '  $ sizewise size --win-rate 0.55 --avg-win 0.032 --avg-loss 0.018 --balance 25000 --price 57.10 --lot 1 --json',
    )
    .action(async (flags: SizeFlags) => {
      // Checked here rather than by commander, so that an unknown option is reported first.
      if (flags.balance === undefined || flags.price === undefined) throw new UsageError(`--${flags.balance === undefined ? 'balance' : 'price'} <amount> is required`);
      const { balance, price } = flags;
      const sizer = await sizerFrom(flags.config);
      const { edge, description } = await edgeFor(flags, sizer, io);
      const request: SizingRequest = { balance, price, edge, lotStep: flags.lot ?? '1' };
      if (flags.stop !== undefined && flags.stopDistance !== undefined) throw new UsageError('give --stop or --stop-distance, not both');
      if (flags.stop !== undefined) {
        const distance = toMoney(price, '--price').minus(toMoney(flags.stop, '--stop')).abs();
        if (distance.isZero()) throw new UsageError(`--stop ${flags.stop}: the stop must differ from --price`);
        request.stopDistance = distance;
      }
      if (flags.stopDistance !== undefined) request.stopDistance = flags.stopDistance;
      const copy = { minNotional: flags.minNotional, confidence: flags.confidence, conviction: flags.conviction, regime: flags.regime, atrRatio: flags.atrRatio, drawdown: flags.drawdown, tier: flags.tier, banditWeight: flags.banditWeight, correlation: flags.correlation, rlMultiplier: flags.rlMultiplier };
      for (const [key, value] of Object.entries(copy)) if (value !== undefined) (request as unknown as Record<string, unknown>)[key] = value;
      let decision;
      try {
        decision = sizer.size(request);
      } catch (error) {
        if (error instanceof SizewiseError) throw new UsageError(sizeMessage(error));
        throw error;
      }
      if (flags.json === true) {
        printJson(io, decision);
        return;
      }
      io.out(
        [
          `# Order: balance ${balance}, price ${price}${request.stopDistance === undefined ? '' : `, stop ${request.stopDistance.toString()} away`}, lot ${request.lotStep?.toString()}`,
          '',
          `Edge: ${description}.`,
          '',
          formatFactorTable(decision.factors),
          decisionLine(decision, price),
          ...decision.warnings.map((w) => `warning: ${w}`),
          '',
        ].join('\n'),
      );
    });

  async function edgeFor(flags: SizeFlags, sizer: PositionSizer, io: CliIo): Promise<{ edge: SizingEdge; description: string }> {
    if (flags.trades === undefined) {
      if (flags.winRate === undefined || flags.avgWin === undefined || flags.avgLoss === undefined) {
        throw new UsageError('give --trades <file>, or all of --win-rate, --avg-win and --avg-loss');
      }
      const edge = { winProbability: flags.winRate, winReturn: flags.avgWin, lossReturn: flags.avgLoss };
      return { edge, description: `binary, win ${pct(edge.winProbability)} of trades for +${pct(edge.winReturn)}, else −${pct(edge.lossReturn)}` };
    }
    if (flags.winRate !== undefined || flags.avgWin !== undefined || flags.avgLoss !== undefined) throw new UsageError('give --trades or the --win-rate/--avg-win/--avg-loss statistics, not both');
    const input = await readTrades(flags.trades);
    if (flags.quiet !== true) noteIgnoredColumns(io, input);
    let trades = input.trades;
    if (flags.strategy !== undefined) {
      trades = trades.filter((t) => t.strategyId === flags.strategy);
      if (trades.length === 0) throw new UsageError(`--strategy ${flags.strategy}: no trade in ${input.file} has that strategyId${input.strategies.length > 0 ? ` (found: ${input.strategies.join(', ')})` : ''}`);
    }
    const options: EstimateEdgeOptions = {};
    if (flags.window !== undefined) options.window = flags.window;
    const days = sizer.config.lookbackWindowDays;
    if (!input.dated) {
      options.windowDays = undefined; // the config's look-back in days needs dates: every trade counts
      if (flags.quiet !== true) note(io, `${input.file}: no closedAt on every trade, so the config's look-back of ${days} days is not applied`);
    }
    try {
      const edge = sizer.estimateEdge(trades, options);
      const window = [input.dated ? `closed within the config's look-back of ${days} days` : '', flags.window === undefined ? '' : `the last ${flags.window}`].filter((w) => w !== '').join(', ');
      return { edge, description: `${edge.trades} of the ${trades.length} trades in ${input.file}${window === '' ? '' : ` (${window})`}; Kelly exposure ${num(edge.kelly.exposure)}×${edge.reliable ? '' : ', not reliable yet'}` };
    } catch (error) {
      if (error instanceof SizewiseError) throw new UsageError(`${input.file}: ${error.message}`);
      throw error;
    }
  }
}

/** The library's message with the request field named as the option the user typed. */
function sizeMessage(error: SizewiseError): string {
  if (!error.field.startsWith('request.')) return error.message;
  const flag = error.field.replace(/^request\./, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return `--${flag.split(/[.[]/)[0]}: ${error.message}`;
}
