import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { openStore, SizewiseError, type KellyRecord, type SizingStore, type StoredTrade } from '../../index.js';
import { adjustmentText } from '../adjustmentText.js';
import { formatTable, num, pct } from '../format.js';
import type { CliIo } from '../io.js';
import { integerArg } from '../options.js';
import { printJson } from '../printJson.js';
import { UsageError } from '../UsageError.js';

interface HistoryFlags {
  strategy?: string;
  limit?: number;
  json?: boolean;
}

/** Kelly estimates shown per strategy in the text report (the JSON holds them all). */
export const HISTORY_ROWS = 10;

/** `sizewise history <journal.db>`: what a trade journal (openStore) holds, per strategy. */
export function historyCommand(program: Command, io: CliIo): void {
  program
    .command('history')
    .summary("a trade journal's strategies, trades and Kelly estimates over time")
    .description(
      'Reads a trade journal written by the library (openStore, StrategyTracker): per strategy its closed trades and ' +
        'every recorded Kelly re-estimate, oldest first, with the performance adjustment beside it.',
    )
    .argument('<journal>', 'the journal file (a SQLite database written by openStore)')
    .option('--strategy <id>', 'only this strategy')
    .option('--limit <n>', 'only the N most recent trades of each strategy', integerArg(1))
    .option('--json', 'print one JSON document: { strategies: { id: { trades, kellyHistory } } }')
    .addHelpText('after', '\nExamples:\n  $ sizewise history journal.db\n  $ sizewise history journal.db --strategy breakout --json')
    .action(async (file: string, flags: HistoryFlags) => {
      // openStore creates a missing file; reading history from a typo must not.
      if (!existsSync(file)) throw new UsageError(`${file}: no such journal file`);
      let store: SizingStore;
      try {
        store = await openStore(file);
      } catch (error) {
        if (error instanceof SizewiseError) throw new UsageError(`${file}: ${error.message}`);
        throw error;
      }
      const strategies: Record<string, { trades: StoredTrade[]; kellyHistory: KellyRecord[] }> = {};
      try {
        const known = await store.strategies();
        if (flags.strategy !== undefined && !known.includes(flags.strategy)) {
          throw new UsageError(`--strategy ${flags.strategy}: ${file} has no trade of that strategy (found: ${known.join(', ') || 'none'})`);
        }
        for (const id of flags.strategy === undefined ? known : [flags.strategy]) {
          strategies[id] = { trades: await store.trades(id, flags.limit === undefined ? {} : { limit: flags.limit }), kellyHistory: await store.kellyHistory(id) };
        }
      } finally {
        await store.close();
      }
      if (flags.json === true) {
        printJson(io, { strategies });
        return;
      }
      io.out(`${report(file, strategies)}\n`);
    });
}

function report(file: string, strategies: Record<string, { trades: StoredTrade[]; kellyHistory: KellyRecord[] }>): string {
  const ids = Object.keys(strategies);
  if (ids.length === 0) return `# Journal ${file}: no trades recorded yet`;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const lines = [
    `# Journal ${file}: ${ids.length} strateg${ids.length === 1 ? 'y' : 'ies'}`,
    '',
    formatTable([
      ['strategy', 'trades', 'first closed', 'last closed', 'Kelly estimates', 'latest Kelly exposure', 'latest risk fraction'],
      ...ids.map((id) => {
        const { trades, kellyHistory } = strategies[id];
        const last = kellyHistory[kellyHistory.length - 1];
        return [
          id,
          String(trades.length),
          trades.length === 0 ? '' : day(trades[0].closedAt),
          trades.length === 0 ? '' : day(trades[trades.length - 1].closedAt),
          String(kellyHistory.length),
          last === undefined ? 'n/a' : `${num(last.estimate.kelly.exposure)}×`,
          last === undefined ? 'n/a' : pct(last.estimate.kelly.riskFraction),
        ];
      }),
    ]),
  ];
  for (const id of ids) {
    const history = strategies[id].kellyHistory;
    if (history.length === 0) continue;
    const shown = history.slice(-HISTORY_ROWS);
    lines.push('', `## ${id}: Kelly estimates${shown.length < history.length ? ` (last ${shown.length} of ${history.length})` : ''}`, '');
    lines.push(
      formatTable([
        ['at', 'trades', 'win rate', 'payoff', 'Kelly exposure', 'risk fraction', 'adjustment'],
        ...shown.map((k) => [k.at.toISOString().replace('.000Z', 'Z'), String(k.estimate.trades), pct(k.estimate.winRate, 1), num(k.estimate.payoffRatio), `${num(k.estimate.kelly.exposure)}×`, pct(k.estimate.kelly.riskFraction), k.adjustment === undefined ? '' : adjustmentText(k.adjustment)]),
      ]),
    );
  }
  return lines.join('\n');
}
