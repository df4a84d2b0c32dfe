import { rename, rm, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { BREAKOUT_DEFAULTS, breakoutTrades, COMPACT_STATE_SPEC, DEFAULT_STATE_SPEC, MAX_EPOCHS, SizewiseError, type SizingPerformance } from '../../index.js';
// The walk-forward on the reference strategy is not part of the package's API (src/rl/index.ts).
import { qLearningWalkForward, WALK_FORWARD_DEFAULTS, type WalkForwardResult } from '../../rl/qLearningWalkForward.js';
import { tradeSamples } from '../../rl/tradeSamples.js';
import { performanceRows, policyRows, verdict } from '../agentSection.js';
import { formatTable, num } from '../format.js';
import type { CliIo } from '../io.js';
import { note } from '../notes.js';
import { choiceArg, integerArg, numberArg } from '../options.js';
import { printJson } from '../printJson.js';
import { progressBar } from '../progress.js';
import { readPrices } from '../readPrices.js';
import { UsageError } from '../UsageError.js';

interface TrainFlags {
  prices?: string;
  trainFraction: number;
  epochs: number;
  states: string;
  seed: number;
  save?: string;
  json?: boolean;
  quiet?: boolean;
}

/** The state specs `--states` names: the compact one the report uses, and the agent's default. */
const STATE_SPECS = Object.freeze({
  COMPACT: { spec: COMPACT_STATE_SPEC, description: 'regime × volatility, ATR14 ÷ ATR100 below or above 1' },
  DEFAULT: { spec: DEFAULT_STATE_SPEC, description: 'volatility, trend, momentum, confidence, drawdown and regime' },
});

/** `sizewise train --prices <ohlcv.csv>`: the Q-learning sizer's walk-forward on the reference strategy's trades. */
export function trainCommand(program: Command, io: CliIo): void {
  program
    .command('train')
    .summary('train the Q-learning sizing agent on your prices and test it on held-out trades')
    .description(
      "Trains the Q-learning sizing agent (size multipliers 0.5×–2.0× by market state) on the reference strategy's trades " +
        'that close in the first part of the prices, freezes it, and sizes the trades signalled after the split with it, ' +
        'against a constant 1.0× and a constant at its average multiplier. Reward: the seeds\' (pnl % × 10, +5 at R ≥ 2, ' +
        '−10 past a −5 % drawdown); each trade teaches every multiplier (counterfactual). `--save` writes the frozen agent.',
    )
    .option('--prices <file>', 'daily OHLCV CSV with a header: date, open, high, low, close[, volume] (as the files in data/); required')
    .option('--train-fraction <f>', 'share of the bars (the first ones) whose closed trades train the agent', numberArg(0, 1, { min: true, max: true }), WALK_FORWARD_DEFAULTS.trainFraction)
    .option('--epochs <n>', 'replay epochs over the training transitions', integerArg(1, MAX_EPOCHS), WALK_FORWARD_DEFAULTS.epochs)
    .option('--states <spec>', `market states: COMPACT = ${STATE_SPECS.COMPACT.description}; DEFAULT = ${STATE_SPECS.DEFAULT.description}`, choiceArg(Object.keys(STATE_SPECS)), 'COMPACT')
    .option('--seed <s>', "seed of the agent's random streams (replay draws)", integerArg(0, 0xffff_ffff), WALK_FORWARD_DEFAULTS.agent.seed)
    .option('--save <file>', "write the frozen agent (QLearningSizer's toJSON, for QLearningSizer.fromJSON) to a JSON file")
    .option('--json', 'print one JSON document: the walk-forward result (policy, multipliers, held-out performance)')
    .option('--quiet', 'no progress and no notes on stderr')
    .addHelpText('after', '\nExamples:\n  $ sizewise train --prices data/sp500_2000-2020_daily_ohlcv.csv\n  $ sizewise train --prices prices.csv --states default --epochs 500 --save agent.json')
    .action(async (options: TrainFlags) => {
      // Checked here rather than by commander, so that an unknown option is reported first.
      if (options.prices === undefined) throw new UsageError('--prices <file> is required');
      const flags = { ...options, prices: options.prices };
      const bars = await readPrices(flags.prices);
      const trades = breakoutTrades(bars);
      const samples = tradeSamples(bars, trades);
      if (samples.length === 0) {
        throw new UsageError(`${flags.prices}: the reference strategy takes no trade on these ${bars.close.length} bars once the market features are warm (${trades.length} trades in all); the agent has nothing to learn from`);
      }
      const states = STATE_SPECS[flags.states as keyof typeof STATE_SPECS];
      const bar = progressBar(io, 'training', flags.quiet === true);
      let result: WalkForwardResult;
      try {
        result = await qLearningWalkForward(bars, samples, {
          trainFraction: flags.trainFraction,
          epochs: flags.epochs,
          agent: { seed: flags.seed, states: states.spec },
          onProgress: (done, total) => bar.update(done, total),
        });
      } catch (error) {
        if (error instanceof SizewiseError) {
          const option = error.field === 'options.trainFraction' ? '--train-fraction' : flags.prices;
          throw new UsageError(`${option}: ${error.message.replace(/options\.trainFraction/g, '--train-fraction')} (${samples.length} trades of the reference strategy on ${bars.close.length} bars)`);
        }
        throw error;
      } finally {
        bar.stop();
      }
      try {
        if (result.trainTrades === 0) throw new UsageError(`--train-fraction ${flags.trainFraction}: no trade closes before the split (${result.splitDate}), so there is nothing to train on; use a larger fraction`);
        if (flags.save !== undefined) {
          await saveAgent(flags.save, result);
          if (flags.quiet !== true) note(io, `agent written to ${flags.save}`);
        }
        const { agent: _agent, ...rest } = result;
        if (flags.json === true) {
          printJson(io, { prices: flags.prices, bars: bars.close.length, trades: trades.length, states: flags.states.toLowerCase(), epochs: flags.epochs, seed: flags.seed, ...rest });
          return;
        }
        io.out(`${report(flags, bars.date, trades.length, samples.length, states.description, result)}\n`);
      } finally {
        result.agent.dispose();
      }
    });
}

/** Writes the agent's toJSON whole or not at all. */
async function saveAgent(file: string, result: WalkForwardResult): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  try {
    await writeFile(partial, `${JSON.stringify(result.agent.toJSON())}\n`);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw new UsageError(`--save ${file}: cannot write the agent (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function report(flags: TrainFlags & { prices: string }, dates: readonly string[], trades: number, samples: number, states: string, r: WalkForwardResult): string {
  const rows: [string, SizingPerformance][] = [
    ['learned', r.learned],
    ['constant 1.0×', r.constant],
    [`constant ${num(r.learned.averageMultiplier)}× (learned average)`, r.constantAtAverage],
  ];
  const o = BREAKOUT_DEFAULTS;
  return [
    `# Q-learning sizing agent, walk-forward on ${flags.prices}: ${dates.length} bars, ${dates[0]} to ${dates[dates.length - 1]}`,
    '',
    `Trades: the reference strategy's ${trades} (long a close above the prior ${o.entryPeriod}-day high, stop ${o.stopAtr} × ATR(${o.atrPeriod}), exit below the prior ${o.exitPeriod}-day low; ` +
      `a demo trade source), ${samples} once the market features are warm.`,
    `Trained on the ${r.trainTrades} closed before ${r.splitDate} (first ${num(flags.trainFraction * 100, 0)} % of the bars; ${r.straddling} open across the split left out), ` +
      `${flags.epochs} replay epochs, seed ${flags.seed}; frozen, then applied to the ${r.heldOutTrades} signalled after it.`,
    `States: ${states} (${r.agent.shape[0]} states). Reward: the seeds' (pnl % × 10, +5 at R ≥ 2, −10 past −5 % drawdown); each trade teaches every multiplier.`,
    '',
    'Learned policy, states seen in training:',
    '',
    formatTable(policyRows(r)),
    '',
    `Held-out trades (${r.heldOutTrades}, from ${r.splitDate}):`,
    '',
    formatTable(performanceRows(rows)),
    '',
    verdict(r, rows.map(([, p]) => p), 'the learned sizing'),
  ].join('\n');
}
