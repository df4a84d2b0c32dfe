import { fractionalKelly } from '../kelly/fractionalKelly.js';
import { riskConstrainedKelly } from '../kelly/riskConstrainedKelly.js';
import { sizeOrder } from '../money/sizeOrder.js';
import { BREAKOUT_DEFAULTS } from '../strategy/breakoutTrades.js';
import type { ReportContext } from './context.js';
import { heading, interval, num, pct, table } from './format.js';

/** The reference strategy's edge, Kelly in both units, and an order for the example account. */
export async function edgeSection(ctx: ReportContext): Promise<void> {
  const { edge } = ctx;
  const o = BREAKOUT_DEFAULTS;
  console.log('# sizewise — main job');
  console.log(`\nData: ${ctx.dataName} (data/SOURCES.md).`);
  console.log(
    `Reference strategy (a demo trade source, not advice): long a close above the prior ${o.entryPeriod}-day high at the next open,` +
      ` stop ${o.stopAtr} × ATR(${o.atrPeriod}) below, exit on a close below the prior ${o.exitPeriod}-day low.`,
  );

  heading('Edge from the closed trades');
  table([
    ['statistic', 'value', `${pct(0.95, 0)} interval`],
    ['trades (wins / losses)', `${edge.trades} (${edge.wins} / ${edge.losses})`, ''],
    ['win rate', pct(edge.winRate), `${interval(edge.winRateInterval, pct)} Wilson`],
    ['average win', pct(edge.avgWin), ''],
    ['average loss', pct(edge.avgLoss), ''],
    ['payoff ratio', num(edge.payoffRatio), ''],
    ['expectancy per trade', pct(edge.expectancy, 3), ''],
    ['profit factor', num(edge.profitFactor), ''],
    ['Kelly exposure', `${num(edge.kelly.exposure)}×`, `${interval(edge.kellyInterval)} bootstrap`],
    ['reliable (≥ 20 trades)', edge.reliable ? 'yes' : 'no', ''],
  ]);
  for (const w of edge.warnings) console.log(`warning: ${w}`);

  heading('Kelly sizing (binary approximation of the trades)');
  console.log('exposure = notional ÷ equity; risk fraction = equity lost if a trade loses its average loss ("Kelly %").\n');
  const riskConstrained = riskConstrainedKelly(
    { winProbability: edge.winRate, winReturn: edge.avgWin, lossReturn: edge.avgLoss },
    { wealthFloor: 0.7, probability: 0.1 },
  );
  const rows: [string, typeof edge.kelly][] = [
    ['full Kelly', edge.kelly],
    ['half Kelly', fractionalKelly(edge.kelly, { fraction: 0.5, cap: 1 })],
    ['quarter Kelly', fractionalKelly(edge.kelly, { fraction: 0.25, cap: 1 })],
    ['risk-constrained (α 0.7, β 0.1)', riskConstrained],
  ];
  table([
    ['sizing', 'exposure', 'risk fraction', 'growth / trade', '× full Kelly'],
    ...rows.map(([name, k]) => [name, `${num(k.exposure)}×`, pct(k.riskFraction), pct(k.growthRate, 3), num(k.kellyMultiple)]),
  ]);

  heading(`Order for a ${ctx.balance.toFixed(0)} account at ${ctx.price.toFixed(2)} (quarter Kelly)`);
  const quarter = rows[2][1];
  const byExposure = sizeOrder({ balance: ctx.balance, price: ctx.price, lotStep: ctx.lotStep, exposure: quarter.exposure });
  const byRisk = sizeOrder({
    balance: ctx.balance,
    price: ctx.price,
    lotStep: ctx.lotStep,
    riskFraction: quarter.riskFraction,
    stopDistance: ctx.stopDistance,
  });
  table([
    ['method', 'quantity', 'notional', 'leftover', 'risk amount'],
    ['exposure-based', byExposure.quantity.toString(), byExposure.notional.toFixed(2), byExposure.leftover.toFixed(2), byExposure.riskAmount.toFixed(2)],
    [
      `risk-based, stop ${ctx.stopDistance.toFixed(2)} away`,
      byRisk.quantity.toString(),
      byRisk.notional.toFixed(2),
      byRisk.leftover.toFixed(2),
      byRisk.riskAmount.toFixed(2),
    ],
  ]);
  console.log('\nQuantities are rounded down to the lot step; leftover is the target notional the rounding left unspent.');
console.log('Risk amount: loss if the stop is hit (risk-based), or the whole notional (exposure-based, no stop).');
}
