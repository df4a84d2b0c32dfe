// Main-job section: the trade journal. The S&P 500 reference trades are replayed through a
// StrategyTracker backed by a file store (in a temporary folder, removed afterwards); the
// Kelly history it recorded is read back from the file and shown, raw Kelly beside the
// performance-adjusted one with the adjustment's reason; the file is then reopened and the
// tracker restored from it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { openStore, PERFORMANCE_ADJUSTMENT_DEFAULTS, replayIntoTracker, STRATEGY_TRACKER_DEFAULTS, StrategyTracker, type KellyState, type ReplayStep } from '../index.js';
import type { ReportContext } from './context.js';
import { heading, num, pct, table } from './format.js';
import { adjustmentText } from './adjustmentText.js';

/** The strategy id the reference trades are journalled under. */
export const JOURNAL_STRATEGY = 'breakout';

/** Every this many estimates one row of the Kelly history is shown (with the first and the last). */
export const JOURNAL_ROW_EVERY = 10;

/**
 * Resamples of each estimate's Kelly bootstrap interval. The interval is not shown here and
 * the point estimates do not depend on it; 200 instead of the default 2,000 makes the
 * replay about five times faster.
 */
export const JOURNAL_RESAMPLES = 200;

/** Reads `trades` from the report context. */
export async function journalSection(ctx: Pick<ReportContext, 'trades'>): Promise<void> {
  heading('Trade journal: the reference trades replayed through a strategy tracker on a file store');
  const dir = await mkdtemp(join(tmpdir(), 'sizewise-journal-'));
  try {
    const file = join(dir, 'journal.db');
    const started = performance.now();
    const store = await openStore(file);
    let steps: ReplayStep[];
    let readBack;
    try {
      const tracker = new StrategyTracker({ store, resamples: JOURNAL_RESAMPLES });
      // One transaction for the whole replay, as a catch-up would run (positionsClosed).
      steps = await replayIntoTracker(ctx.trades, tracker, { strategyId: JOURNAL_STRATEGY, batch: Math.max(1, ctx.trades.length) });
      readBack = await store.kellyHistory(JOURNAL_STRATEGY);
    } finally {
      await store.close();
    }
    const replayMs = performance.now() - started;
    const reopened = await openStore(file);
    let restored: KellyState | undefined;
    try {
      restored = (await StrategyTracker.fromStore(reopened, { resamples: JOURNAL_RESAMPLES })).kelly(JOURNAL_STRATEGY);
    } finally {
      await reopened.close();
    }
    const estimated = steps.filter((s) => s.estimate !== undefined);
    const live = steps[steps.length - 1].kelly;
    const p = PERFORMANCE_ADJUSTMENT_DEFAULTS;
    console.log(
      `The ${steps.length} trades, oldest first, closed one by one through StrategyTracker (estimateEdge over all trades so far, ` +
        `Kelly trusted from 20 trades, ${pct(STRATEGY_TRACKER_DEFAULTS.fallbackRiskFraction, 0)} fixed risk before), recorded with each re-estimate in a SQLite file ` +
        `in one transaction (${Math.round(replayMs)} ms, open included). Adjustment (the source's adjust_kelly_for_performance): over the last ${p.window} trades, ` +
        `a drawdown above ${pct(p.drawdownThreshold, 0)} cuts Kelly to (1 − drawdown); else ${p.streakWins} wins in the last ${p.streakTrades} raise it ×${p.streakBoost}; nothing before ${Math.floor(p.window / 2)} trades.\n`,
    );
    const shown = estimated.filter((_, i) => i === 0 || (i + 1) % JOURNAL_ROW_EVERY === 0 || i === estimated.length - 1);
    const kelly = (x: { exposure: number; riskFraction: number }) => `${num(x.exposure)}× (${pct(x.riskFraction)})`;
    table([
      ['closed', 'trades', 'win rate', 'payoff', 'raw Kelly (risk)', 'adjustment', 'adjusted Kelly (risk)', 'risk to size from'],
      ...shown.map(({ kelly: k }) => [
        k.at.toISOString().slice(0, 10),
        String(k.trades),
        pct(k.estimate!.winRate, 1),
        num(k.estimate!.payoffRatio),
        kelly(k.estimate!.kelly),
        adjustmentText(k.adjustment!),
        kelly(k.adjustment!.kelly),
        `${pct(k.riskFraction)}${k.usedFallback ? ' fixed' : ''}`,
      ]),
    ]);
    const reasons = new Map<string, number>();
    for (const s of estimated) reasons.set(s.kelly.adjustment!.reason, (reasons.get(s.kelly.adjustment!.reason) ?? 0) + 1);
    console.log(
      `\nShown: the first estimate, every ${JOURNAL_ROW_EVERY}th and the last, of ${estimated.length}` +
        `${estimated.length < steps.length ? ` (none for the ${steps.length - estimated.length} trades before the first loss: Kelly is unbounded without one)` : ''}; ` +
        `"fixed" = the fixed risk while the estimate rests on fewer than 20 trades. ` +
        `Adjustments: ${[...reasons].map(([reason, n]) => `${reason} ${n}`).join(', ')}.`,
    );
    const sameHistory = isDeepStrictEqual(
      readBack.map((r) => [r.at, r.estimate, r.adjustment]),
      estimated.map((s) => [s.kelly.at, s.kelly.estimate, s.kelly.adjustment]),
    );
    const sameState = restored !== undefined && isDeepStrictEqual([restored.estimate, restored.adjustment, restored.riskFraction], [live.estimate, live.adjustment, live.riskFraction]);
    console.log(
      `Read back from the file: ${readBack.length} Kelly estimates, ${sameHistory ? 'identical to' : 'DIFFERENT from'} the tracker's. ` +
        `Reopened, the tracker restored from the file has ${sameState ? 'the same' : 'a DIFFERENT'} state: raw Kelly ${num(restored?.estimate?.kelly.exposure ?? 0)}×, ` +
        `risk to size from ${pct(restored?.riskFraction ?? 0)}.`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
