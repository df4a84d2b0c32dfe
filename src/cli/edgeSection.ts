import { BREAKOUT_DEFAULTS, sizeOrder } from '../index.js';
import type { ReportContext } from './context.js';
import { edgeRows, kellyRows, kellySizes } from './edgeTables.js';
import { heading, table } from './format.js';

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
  table(edgeRows(edge, 20, 0.95));
  for (const w of edge.warnings) console.log(`warning: ${w}`);

  heading('Kelly sizing (binary approximation of the trades)');
  console.log('exposure = notional ÷ equity; risk fraction = equity lost if a trade loses its average loss ("Kelly %").\n');
  const sizes = kellySizes(edge);
  table(kellyRows(sizes));

  heading(`Order for a ${ctx.balance.toFixed(0)} account at ${ctx.price.toFixed(2)} (quarter Kelly)`);
  const quarter = sizes.quarter;
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
