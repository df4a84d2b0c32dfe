import { createSizer, probabilityKelly, type SizingDecision } from '../../../src/index.js';
import type { FuzzEntry } from '../entry.js';
import { tracker } from './store.js';

// PositionSizer#size through the base shapes and the layer inputs that carry reasons, and
// sizeBatch with the scaling column. The tracker is the suite's warm one (strategy s1).
const sizer = createSizer();
const BASIC = sizer.config.positionBoundaries.basic;
const bet = () => ({ winReturn: 0.032, lossReturn: 0.018 });
const signal = () => ({
  balance: '100000', price: '412.37', stopDistance: '3.5', lotStep: '1', confidence: 0.8, regime: 'TRENDING', atrRatio: 1.3,
  scaling: { name: 'scaling', value: 0.33, reason: 'tree: ADD_ALLOWED (p 0.62) → AGGRESSIVE' },
  banditWeight: 0.8,
  correlation: { penalty: 0.4, reason: 'A: Kelly weight 7.00 with the other 2 assets vs 11.98 alone', jointWeight: 7, standaloneWeight: 11.98 },
  rlMultiplier: 1.2, drawdown: 0.05,
});
const shrunk = () => probabilityKelly({ probability: { alpha: 27, beta: 19 }, ...bet() });

/** A decision promises a risk in [0, the tier's max], an exposure within its leverage, money ≥ 0, and factors whose product is the risk. */
function decisionCheck(result: unknown, args: unknown[]): void {
  const d = result as SizingDecision;
  const tier = sizer.config.positionBoundaries[((args[0] as { tier?: unknown }).tier as string) ?? 'basic'] ?? BASIC;
  if (!(d.riskFraction >= 0 && d.riskFraction <= tier.maxRisk)) throw new Error(`riskFraction ${d.riskFraction} outside [0, ${tier.maxRisk}]`);
  if (!(d.exposure >= 0 && d.exposure <= tier.maxLeverage)) throw new Error(`exposure ${d.exposure} outside [0, ${tier.maxLeverage}]`);
  for (const money of [d.notional, d.quantity, d.leftover]) if (money.isNegative()) throw new Error('negative money');
  const product = d.factors.reduce((p, f) => p * f.value, 1);
  if (Math.abs(product - d.riskFraction) > 1e-12 * Math.max(1, d.riskFraction)) throw new Error(`factors multiply to ${product}, not ${d.riskFraction}`);
  for (const f of d.factors) if (typeof f.reason !== 'string' || f.reason.length === 0) throw new Error(`factor ${f.name} without a reason`);
}

const size = (name: string, request: () => Record<string, unknown>): FuzzEntry => ({
  name: `PositionSizer#size (${name})`,
  valid: () => [request()],
  call: (r) => sizer.size(r as never),
  check: decisionCheck,
  weight: 0.5,
});

export const sizingEntries: FuzzEntry[] = [
  size('a binary edge, scaling and correlation with reasons', () => ({ ...signal(), edge: { winProbability: 0.55, ...bet() } })),
  size('a posterior as the win probability', () => ({ ...signal(), edge: { winProbability: { alpha: 27, beta: 19, mean: 27 / 46 }, ...bet() } })),
  size('a Kelly result', () => ({ ...signal(), edge: shrunk() })),
  size('an estimate with a shrunk Kelly', () => ({ ...signal(), edge: { trades: 44, reliable: true, expectancy: shrunk().edge, avgLoss: 0.018, kelly: shrunk() } })),
  size('a strategy tracker', () => ({ ...signal(), strategyId: 's1', tracker: tracker() })),
  {
    name: 'PositionSizer#sizeBatch',
    valid: () => [{ baseRisk: [0.01, 0.08, 0], regime: [1, 0, 2], scaling: [0.33, 1, 0.5], correlation: [0.4, 0, 1], lossReturn: [0.02, 0.01, 0.03] }, { tier: 'advanced' }],
    call: (c, o) => sizer.sizeBatch(c as never, o as never),
    check: (result) => {
      const { riskFraction, status } = result as { riskFraction: Float64Array; status: Uint8Array };
      riskFraction.forEach((r, i) => {
        if (!(r >= 0 && r <= BASIC.maxRisk)) throw new Error(`row ${i}: risk ${r} outside [0, ${BASIC.maxRisk}]`);
        if (status[i] !== 0 && r !== 0) throw new Error(`row ${i}: status ${status[i]} with risk ${r}`);
      });
    },
    weight: 0.5,
  },
];
