import type { SizingDecision, SizingFactor } from '../index.js';
import { num, pct } from './format.js';

/** Factors as rows: name, value (the base as a percentage, the others as multipliers), reason left-aligned. */
export function formatFactorTable(factors: readonly SizingFactor[]): string {
  const rows = factors.map((f) => [f.name, f.name === 'base' ? pct(f.value) : `×${num(f.value, 3)}`, f.reason]);
  const w0 = Math.max(6, ...rows.map((r) => r[0].length));
  const w1 = Math.max(6, ...rows.map((r) => r[1].length));
  return [
    `${'factor'.padEnd(w0)}  ${'value'.padStart(w1)}  reason`,
    `${'-'.repeat(w0)}  ${'-'.repeat(w1)}  ${'-'.repeat(6)}`,
    ...rows.map((r) => `${r[0].padEnd(w0)}  ${r[1].padStart(w1)}  ${r[2]}`),
  ].join('\n');
}

/** One line: the risk, exposure and the order a decision gives at `price`. */
export function decisionLine(d: SizingDecision, price: string): string {
  const stop = d.riskAmount.lt(d.notional) ? `${d.riskAmount.toFixed(2)} lost at the stop` : `${d.riskAmount.toFixed(2)} at risk, no stop`;
  return (
    `→ risk ${pct(d.riskFraction)} of balance, exposure ${num(d.exposure, 3)}×: buy ${d.quantity.toString()} at ${price} = ` +
    `${d.notional.toFixed(2)} (leftover ${d.leftover.toFixed(2)}, ${stop}) [tier ${d.tier}]` +
    (d.orderReason === undefined ? '' : ` — quantity 0: ${d.orderReason}`)
  );
}
