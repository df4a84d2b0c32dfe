// Main-job section: the Q-learning sizer trained on the first 70 % of the S&P 500
// reference trades, its learned policy, and the held-out comparison against 1.0×.
import { readFile } from 'node:fs/promises';
import { DEFAULT_STATE_SPEC, parseOhlcvCsv, sharpeStandardError, type SizingPerformance } from '../index.js';
// The walk-forward on the reference strategy is not part of the package's API (src/rl/index.ts).
import { extendedTrainingSamples } from '../rl/extendedTrainingSamples.js';
import { qLearningWalkForward, type WalkForwardResult } from '../rl/qLearningWalkForward.js';
import { tradeSamples } from '../rl/tradeSamples.js';
import { bundledDataFile } from './bundledData.js';
import type { ReportContext } from './context.js';
import { heading, num, orNone, pct, table } from './format.js';

const GOOG_FILE = 'goog_2004-2008_daily_ohlcv.csv';

/** Reads `bars` and `trades` from the report context. */
export async function agentSection(ctx: Pick<ReportContext, 'bars' | 'trades'>): Promise<void> {
  const samples = tradeSamples(ctx.bars, ctx.trades);
  const goog = parseOhlcvCsv(await readFile(bundledDataFile(GOOG_FILE), 'utf8'));
  const extra = extendedTrainingSamples(ctx.bars, [goog]);
  // All four variants were fixed before the held-out numbers were first seen; all are shown.
  const reference = await qLearningWalkForward(ctx.bars, samples);
  const variants: [string, WalkForwardResult][] = [
    ['learned: regime × volatility (8 states)', reference],
    ['  same, + second training source', await qLearningWalkForward(ctx.bars, samples, { extra })],
    ['learned: default spec (972 states)', await qLearningWalkForward(ctx.bars, samples, { agent: { states: DEFAULT_STATE_SPEC } })],
    ['  same, + second training source', await qLearningWalkForward(ctx.bars, samples, { extra, agent: { states: DEFAULT_STATE_SPEC } })],
  ];

  heading('Q-learning sizing agent (walk-forward, S&P 500 breakout trades)');
  console.log(
    `Trained on the ${reference.trainTrades} trades closed before ${reference.splitDate} (first 70 % of the bars; ` +
      `${reference.straddling} open across the split left out), frozen, then applied to the ${reference.heldOutTrades} trades signalled after it.`,
  );
  console.log("Reward: the seeds' (pnl% × 10, +5 at R ≥ 2, −10 past −5 % drawdown); each trade teaches every multiplier (counterfactual).\n");
  console.log('Learned policy, regime × volatility (ATR14/ATR100 below or above 1), states seen in training:');
  table(policyRows(reference));
  console.log(
    `\nHeld-out trades (${reference.heldOutTrades}, from ${reference.splitDate}). Second training source: ${variants[1][1].extraTrainTrades} more trades closed ` +
      'before the split (S&P 500 10-day breakouts, GOOG 2004–2008 10- and 20-day breakouts).',
  );
  const rows: [string, SizingPerformance][] = [
    ...variants.map(([name, r]): [string, SizingPerformance] => [name, r.learned]),
    ['constant 1.0×', reference.constant],
    [`constant ${num(reference.learned.averageMultiplier)}× (first row's average)`, reference.constantAtAverage],
  ];
  table(performanceRows(rows));
  console.log(`\n${verdict(reference, rows.map(([, p]) => p), 'the first learned sizing')}`);
  for (const [, r] of variants) r.agent.dispose();
}

/** The learned policy as table rows: each state seen in training (its features), its multiplier, Q and trades. */
export function policyRows(r: WalkForwardResult): string[][] {
  const features = r.policy.length === 0 ? [] : Object.keys(r.policy[0].label);
  const actions = r.agent.shape[1];
  return [
    [...features, 'multiplier', 'Q (reward)', 'trades'],
    ...r.policy.map((p) => [...features.map((f) => p.label[f]), `${num(p.multiplier)}×`, num(p.value), String(p.visits / actions)]),
  ];
}

/** Held-out performance of named sizings as table rows. */
export function performanceRows(rows: readonly (readonly [string, SizingPerformance])[]): string[][] {
  return [
    ['sizing', 'total return', 'max drawdown', 'Sharpe', 'avg multiplier'],
    ...rows.map(([name, p]) => [name, pct(p.totalReturn, 1), pct(-p.maxDrawdown, 1), orNone(p.sharpe), `${num(p.averageMultiplier)}×`]),
  ];
}

/** One sentence on what the held-out numbers show, computed, not chosen; `learnedName` names r.learned. */
export function verdict(r: WalkForwardResult, rows: readonly SizingPerformance[], learnedName: string): string {
  const [learned, constant] = [r.learned.sharpe, r.constant.sharpe];
  const better = learned !== null && constant !== null && learned > constant;
  const bigger = r.learned.totalReturn > r.constant.totalReturn;
  if (better) {
    return `On these ${r.heldOutTrades} held-out trades ${learnedName} has a higher Sharpe ratio than 1.0× (${learned.toFixed(2)} vs ${constant.toFixed(2)}). ${noise(r, rows)}`;
  }
  return (
    `On these ${r.heldOutTrades} held-out trades ${learnedName} shows no risk-adjusted gain (Sharpe ${orNone(learned)} vs ${orNone(constant)} at 1.0×)` +
    (bigger ? '; its higher return comes from sizing bigger on average, with a deeper drawdown' : '') +
    `. ${noise(r, rows)}`
  );
}

/** The noise sentence for the rows of the held-out table. */
function noise(r: WalkForwardResult, rows: readonly SizingPerformance[]): string {
  return sharpeNoise(rows.map((p) => p.sharpe), r.heldOutTrades, r.heldOutYears, r.constant.sharpe);
}

/**
 * Whether the Sharpe ratios of several sizings of the same `trades` differ by more than
 * noise: the sentence compares the largest gap between the defined ratios with two
 * standard errors of an annualised Sharpe ratio from `trades` trades over `years`
 * (sharpeStandardError, Lo 2002, at the `reference` ratio; 0 when it is undefined).
 */
export function sharpeNoise(sharpes: readonly (number | null)[], trades: number, years: number, reference: number | null): string {
  const se = sharpeStandardError(reference ?? 0, trades, trades / years);
  const defined = sharpes.filter((x): x is number => x !== null && Number.isFinite(x));
  const gap = defined.length < 2 ? 0 : Math.max(...defined) - Math.min(...defined);
  const start = `With ${trades} trades an annualised Sharpe ratio has a standard error of about ${se.toFixed(2)} (Lo 2002)`;
  return gap > 2 * se
    ? `${start}; the largest gap between these rows, ${gap.toFixed(2)}, is more than two standard errors, so at least that difference is unlikely to be noise alone.`
    : `${start}; the largest gap between these rows, ${gap.toFixed(2)}, is within two standard errors, so the differences between them are within noise.`;
}
