import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { ESTIMATE_EDGE_DEFAULTS, openStore, replayIntoTracker, SizewiseError, StrategyTracker, type KellyState, type SizingStore, type StrategyTrackerOptions, type OutputTrade } from '../../index.js';
import { adjustmentText } from '../adjustmentText.js';
import { formatTable, num, pct } from '../format.js';
import type { CliIo } from '../io.js';
import { note, noteIgnoredColumns } from '../notes.js';
import { integerArg, numberArg } from '../options.js';
import { printJson } from '../printJson.js';
import { progressBar } from '../progress.js';
import { readTrades } from '../readTrades.js';
import { UsageError } from '../UsageError.js';

interface TrackFlags {
  journal?: string;
  strategyId?: string;
  window?: number;
  windowDays?: number;
  minTrades?: number;
  json?: boolean;
  quiet?: boolean;
}

/** The strategy of a file's trades when it has no strategyId column. */
export const DEFAULT_STRATEGY_ID = 'default';

/** Trades per store transaction: each is recorded whole or not at all, and progress is shown between them. */
export const TRACK_BATCH = 1000;

/** `sizewise track <trades> --journal <file.db>`: records a trades file in a journal through a strategy tracker. */
export function trackCommand(program: Command, io: CliIo): void {
  program
    .command('track')
    .summary('record your trades in a journal, re-estimating Kelly at each close')
    .description(
      'Closes the trades of a file, oldest first, through a strategy tracker on a trade journal (a SQLite file, created ' +
        'if missing): each trade is recorded with its strategy\'s re-estimated edge and the performance-adjusted Kelly ' +
        'beside it, as `sizewise history` then shows. Running it again on the same file, or on the file with trades ' +
        'added, records each trade once: a trade\'s id is derived from its strategy, close time, return and R-multiple.',
    )
    .argument('<trades>', 'trades file: CSV with a header, or a JSON array; `return` (a fraction: -0.018 = -1.8 %) and `closedAt` on every trade, optional strategyId, rMultiple')
    .option('--journal <file>', 'the journal file (created if missing); required')
    .option('--strategy-id <id>', `the strategy of the trades when the file has no strategyId column (default: ${DEFAULT_STRATEGY_ID})`)
    .option('--window <n>', 'estimate from the last N trades of each strategy', integerArg(1))
    .option('--window-days <d>', 'estimate from the trades closed within D days of each strategy\'s latest', numberArg(0, 1e6, { min: true }))
    .option('--min-trades <n>', `trades needed before Kelly is trusted (default ${ESTIMATE_EDGE_DEFAULTS.minTrades}; below it the fixed fallback risk applies)`, integerArg(1))
    .option('--json', "print one JSON document: what was recorded and each strategy's Kelly state (raw estimate, adjustment, risk to size from)")
    .option('--quiet', 'no progress and no notes on stderr')
    .addHelpText('after', '\nExamples:\n  $ sizewise track trades.csv --journal journal.db\n  $ sizewise track more-trades.csv --journal journal.db --window 100 --json\n\nGive the same --window, --window-days and --min-trades on every run: the journal keeps trades and estimates, not options.')
    .action(async (file: string, flags: TrackFlags) => {
      // Checked here rather than by commander, so that an unknown option is reported first.
      if (flags.journal === undefined) throw new UsageError('--journal <file> is required');
      const journal = flags.journal;
      const input = await readTrades(file);
      if (flags.quiet !== true) noteIgnoredColumns(io, input);
      const undated = input.trades.findIndex((t) => t.closedAt === undefined);
      if (undated >= 0) throw new UsageError(`${file}: row ${undated + 1}, column closedAt: missing; a journal keeps each trade at its close time (an ISO date such as 2024-03-15)`);
      if (input.strategies.length > 0 && flags.strategyId !== undefined) {
        throw new UsageError(`--strategy-id ${flags.strategyId}: ${file} names each trade's strategy (column strategyId); leave --strategy-id out`);
      }
      const fallbackId = flags.strategyId ?? DEFAULT_STRATEGY_ID;
      const strategies = input.strategies.length > 0 ? input.strategies : [fallbackId];
      // Oldest first (file order among equal times), so each estimate is of the trades closed until then.
      const trades = input.trades.map((t, i) => ({ t, i, time: Date.parse(t.closedAt as string) })).sort((a, b) => a.time - b.time || a.i - b.i);
      const ids = tradeIds(trades.map(({ t }) => t), fallbackId);
      const options: Omit<StrategyTrackerOptions, 'store'> = {};
      if (flags.window !== undefined) options.window = flags.window;
      if (flags.windowDays !== undefined) options.windowDays = flags.windowDays;
      if (flags.minTrades !== undefined) options.minTrades = flags.minTrades;

      if (flags.quiet !== true && !existsSync(journal)) note(io, `creating the journal ${journal}`);
      const store = await openJournal(journal);
      const before = new Set<string>();
      const states: Record<string, KellyState> = {};
      const bar = progressBar(io, 'recording', flags.quiet === true);
      try {
        const tracker = await StrategyTracker.fromStore(store, options);
        for (const id of strategies) for (const t of await store.trades(id)) before.add(t.id);
        for (let start = 0; start < trades.length; start += TRACK_BATCH) {
          const chunk = trades.slice(start, start + TRACK_BATCH).map(({ t }) => t);
          try {
            await replayIntoTracker(chunk, tracker, { strategyId: fallbackId, tradeId: (_, i) => ids[start + i], batch: chunk.length });
          } catch (error) {
            if (error instanceof SizewiseError) throw new UsageError(`${journal}: ${error.message}`);
            throw error;
          }
          bar.update(Math.min(trades.length, start + TRACK_BATCH), trades.length);
        }
        for (const id of strategies) states[id] = tracker.kelly(id)!;
      } finally {
        bar.stop();
        await store.close();
      }
      const recorded = ids.filter((id) => !before.has(id)).length;
      const result = { journal, file, trades: trades.length, recorded, alreadyRecorded: trades.length - recorded, strategies: states };
      if (flags.json === true) {
        printJson(io, result);
        return;
      }
      io.out(`${report(result)}\n`);
    });
}

/** The store at `file`, or a usage error that names it (another process holds it, or it is not a journal). */
async function openJournal(file: string): Promise<SizingStore> {
  try {
    return await openStore(file);
  } catch (error) {
    if (error instanceof SizewiseError) throw new UsageError(`--journal ${file}: ${error.message}`);
    throw error;
  }
}

/**
 * An id per trade from what it is — strategy, close time, return, R-multiple — and how many
 * identical trades came before it in the list, so the same trades give the same ids on every
 * run whatever the file's name or order (a SHA-256 prefix: 128 bits).
 */
export function tradeIds(trades: readonly OutputTrade[], fallbackStrategy: string): string[] {
  const seen = new Map<string, number>();
  return trades.map((t) => {
    const key = JSON.stringify([t.strategyId ?? fallbackStrategy, new Date(t.closedAt as string).toISOString(), t.returnFraction, t.rMultiple ?? null]);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}#${n}`).digest('hex').slice(0, 32);
  });
}

function report(r: { journal: string; file: string; trades: number; recorded: number; alreadyRecorded: number; strategies: Record<string, KellyState> }): string {
  const kelly = (x: { exposure: number; riskFraction: number }) => `${num(x.exposure)}× (${pct(x.riskFraction)})`;
  const rows = Object.entries(r.strategies).map(([id, k]) => [
    id,
    String(k.trades),
    k.at.toISOString().slice(0, 10),
    k.estimate === undefined ? 'none (no loss yet)' : kelly(k.estimate.kelly),
    k.adjustment === undefined ? '' : adjustmentText(k.adjustment),
    k.adjustment === undefined ? '' : kelly(k.adjustment.kelly),
    `${pct(k.riskFraction)}${k.usedFallback ? ' fixed' : ''}`,
  ]);
  return [
    `# Journal ${r.journal}: ${r.trades} trades from ${r.file}, ${r.recorded} recorded, ${r.alreadyRecorded} already there`,
    '',
    formatTable([['strategy', 'trades in journal', 'last closed', 'raw Kelly (risk)', 'adjustment', 'adjusted Kelly (risk)', 'risk to size from'], ...rows]),
    '',
    `Kelly: exposure (risk fraction) of full Kelly; "fixed" = the fixed fallback risk while a strategy has too few trades. Every estimate: sizewise history ${r.journal}`,
  ].join('\n');
}
