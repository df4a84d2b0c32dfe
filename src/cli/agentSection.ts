// Main-job section: the Q-learning sizer trained on the first 70 % of the S&P 500
// reference trades, its learned policy, and the held-out comparison against 1.0×.
import { readFile } from 'node:fs/promises';
import { parseOhlcvCsv, type OhlcvColumns } from '../data/parseOhlcvCsv.js';
import { extendedTrainingSamples } from '../rl/extendedTrainingSamples.js';
import { qLearningWalkForward, type WalkForwardResult } from '../rl/qLearningWalkForward.js';
import type { SizingPerformance } from '../rl/sizingPerformance.js';
import { tradeSamples } from '../rl/tradeSamples.js';
import type { BreakoutTrade } from '../strategy/breakoutTrades.js';

/** What this section reads from the report context (bars and the reference strategy's trades). */
export interface AgentSectionContext {
  bars: OhlcvColumns;
  trades: readonly BreakoutTrade[];
}

const GOOG_URL = new URL('../../data/goog_2004-2008_daily_ohlcv.csv', import.meta.url);

export async function agentSection(ctx: AgentSectionContext): Promise<void> {
  const samples = tradeSamples(ctx.bars, ctx.trades);
  const reference = await qLearningWalkForward(ctx.bars, samples);
  const goog = parseOhlcvCsv(await readFile(GOOG_URL, 'utf8'));
  const extended = await qLearningWalkForward(ctx.bars, samples, { extra: extendedTrainingSamples(ctx.bars, [goog]) });

  console.log('\n## Q-learning sizing agent (walk-forward, S&P 500 breakout trades)\n');
  console.log(
    `Trained on the ${reference.trainTrades} trades closed before ${reference.splitDate} (first 70 % of the bars; ` +
      `${reference.straddling} open across the split left out), frozen, then applied to the ${reference.heldOutTrades} trades signalled after it.`,
  );
  console.log('State: regime × volatility (ATR14/ATR100 below or above 1); reward: the seeds\' (pnl% × 10, +5 at R ≥ 2, −10 past −5 % drawdown).\n');
  console.log('Learned policy (states seen in training):');
  console.log(table(
    ['regime', 'volatility', 'multiplier', 'Q (reward)', 'trades'],
    // Each training trade teaches every multiplier once (counterfactual transitions).
    reference.policy.map((p) => [p.label.regime, p.label.volatility, `${p.multiplier.toFixed(2)}×`, p.value.toFixed(2), String(p.visits / reference.agent.shape[1])]),
  ));
  console.log('\nHeld-out trades:');
  console.log(comparison(reference));
  console.log(
    `\nWith a second training source (${extended.extraTrainTrades} more trades closed before the split: S&P 500 10-day breakouts, GOOG 2004–2008 10- and 20-day breakouts):`,
  );
  console.log(comparison(extended));
  console.log(`\n${verdict(reference)}`);
  reference.agent.dispose();
  extended.agent.dispose();
}

function comparison(r: WalkForwardResult): string {
  const row = (name: string, p: SizingPerformance) => [
    name,
    pct(p.totalReturn),
    pct(-p.maxDrawdown),
    p.sharpe.toFixed(2),
    `${p.averageMultiplier.toFixed(2)}×`,
  ];
  return table(
    ['sizing', 'total return', 'max drawdown', 'Sharpe', 'avg multiplier'],
    [row('learned (frozen)', r.learned), row('constant 1.0×', r.constant), row(`constant ${r.learned.averageMultiplier.toFixed(2)}×`, r.constantAtAverage)],
  );
}

/** One sentence on what the held-out numbers show, computed, not chosen. */
function verdict(r: WalkForwardResult): string {
  const better = r.learned.sharpe > r.constant.sharpe;
  const bigger = r.learned.totalReturn > r.constant.totalReturn;
  if (better) {
    return `On these ${r.heldOutTrades} held-out trades the learned sizing has a higher Sharpe ratio than 1.0× (${r.learned.sharpe.toFixed(2)} vs ${r.constant.sharpe.toFixed(2)}); with so few trades that is weak evidence.`;
  }
  return (
    `On these ${r.heldOutTrades} held-out trades the learned sizing shows no risk-adjusted gain (Sharpe ${r.learned.sharpe.toFixed(2)} vs ${r.constant.sharpe.toFixed(2)} at 1.0×)` +
    (bigger ? '; its higher return comes from sizing bigger on average, with a deeper drawdown.' : '.')
  );
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
