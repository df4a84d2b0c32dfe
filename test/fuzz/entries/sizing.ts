import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import {
  allocateScaleColumns,
  allocateScaleColumnsSync,
  createSizer,
  floorToLot,
  loadSizerConfig,
  parseSizerConfig,
  probabilityKelly,
  pyramid,
  scalePositions,
  scalePositionsSync,
  sizeOrder,
  toMoney,
  type SizingDecision,
} from '../../../src/index.js';
import type { FuzzEntry } from '../entry.js';
import { withReturnPct } from '../withReturnPct.js';
import { tracker } from './store.js';

const CONFIG_URL = new URL('../../../config/trading_rules.yaml', import.meta.url);
const CONFIG_TEXT = readFileSync(CONFIG_URL, 'utf8');
const SIZER = createSizer();
const edge = () => ({ winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 });
const request = () => ({
  balance: '100000', price: '412.37', stopDistance: '8.25', lotStep: '1', minNotional: '0', edge: edge(), tier: 'advanced',
  confidence: 0.88, conviction: 'HIGH', atrRatio: 1.15, regime: 'TRENDING', banditWeight: 0.8, correlation: 0.3, rlMultiplier: 1.2, drawdown: 0.04,
});
const columns = () => ({
  position: Float64Array.from([1, -2, 0.5]),
  metaProbability: Float64Array.from([0.6, 0.9, 0.2]),
  banditWeight: Float64Array.from([1, 0.1, 0.5]),
  regime: Uint8Array.from([0, 1, 2]),
  correlationPenalty: Float64Array.from([0, 0.5, 0.9]),
});
const batch = () => ({
  baseRisk: Float64Array.from([0.01, 0.02, 0.005]),
  confidence: Float64Array.from([0.9, 0.7, 0.5]),
  conviction: Uint8Array.from([1, 2, 3]),
  volatility: Float64Array.from([1, 1.3, 1.6]),
  regime: Uint8Array.from([0, 1, 2]),
  drawdown: Float64Array.from([0, 0.12, 0.3]),
  lossReturn: Float64Array.from([0.02, 0.02, 0.05]),
});

const ZERO = new Decimal(0);
/** A decision promises sizes ≥ 0, a risk within the tier's ceiling, and a notional within balance × leverage. */
function decisionCheck(result: unknown, args: unknown[]): void {
  const d = result as SizingDecision;
  if (!(d.riskFraction >= 0 && d.exposure >= 0)) throw new Error(`negative size ${d.riskFraction} / ${d.exposure}`);
  if (d.quantity.lt(ZERO) || d.notional.lt(ZERO) || d.leftover.lt(ZERO)) throw new Error('negative money');
  const tier = SIZER.config.positionBoundaries[d.tier];
  if (d.riskFraction > tier.maxRisk + 1e-12) throw new Error(`risk ${d.riskFraction} above the tier's ${tier.maxRisk}`);
  const balance = toMoney((args[0] as { balance: never }).balance, 'balance', { allowZero: true });
  if (d.notional.gt(balance.mul(tier.maxLeverage))) throw new Error(`notional ${d.notional} above balance × leverage`);
}

/** Row results promise: a status per row, 0 or a finite value within ±cap. */
const rowsCheck = (cap: number) => (result: unknown) => {
  const r = result as { scaled?: Float64Array; riskFraction?: Float64Array; status: Uint8Array };
  const values = r.scaled ?? (r.riskFraction as Float64Array);
  values.forEach((x, i) => {
    if (Math.abs(x) > cap) throw new Error(`row ${i}: ${x} beyond ±${cap}`);
    if (r.status[i] !== 0 && x !== 0) throw new Error(`row ${i}: status ${r.status[i]} with value ${x}`);
  });
};

/** A decision from the explained inputs also promises factors whose product is the risk, each with a reason. */
function explainedDecisionCheck(result: unknown, args: unknown[]): void {
  decisionCheck(result, args);
  const d = result as SizingDecision;
  const product = d.factors.reduce((p, f) => p * f.value, 1);
  if (Math.abs(product - d.riskFraction) > 1e-12 * Math.max(1, d.riskFraction)) throw new Error(`factors multiply to ${product}, not ${d.riskFraction}`);
  for (const f of d.factors) if (typeof f.reason !== 'string' || f.reason.length === 0) throw new Error(`factor ${f.name} without a reason`);
}

// size() through the other parts' inputs: the base shapes (a posterior as p, a Kelly result,
// an estimate with a shrunk Kelly, a strategy tracker — the suite's warm one, strategy s1)
// and the layer inputs that carry reasons (scalingFactor's, correlationPenalty's).
const bet = () => ({ winReturn: 0.032, lossReturn: 0.018 });
const signal = () => ({
  balance: '100000', price: '412.37', stopDistance: '3.5', lotStep: '1', confidence: 0.8, regime: 'TRENDING', atrRatio: 1.3,
  scaling: { name: 'scaling', value: 0.33, reason: 'tree: ADD_ALLOWED (p 0.62) → AGGRESSIVE' },
  banditWeight: 0.8,
  correlation: { penalty: 0.4, reason: 'A: Kelly weight 7.00 with the other 2 assets vs 11.98 alone', jointWeight: 7, standaloneWeight: 11.98 },
  rlMultiplier: 1.2, drawdown: 0.05,
});
const shrunk = () => probabilityKelly({ probability: { alpha: 27, beta: 19 }, ...bet() });
const explained = (name: string, request: () => Record<string, unknown>): FuzzEntry => ({
  name: `PositionSizer#size (${name})`,
  valid: () => [request()],
  call: (r) => SIZER.size(r as never),
  check: explainedDecisionCheck,
  weight: 0.5,
});
const layerInputEntries: FuzzEntry[] = [
  explained('a binary edge, scaling and correlation with reasons', () => ({ ...signal(), edge: edge() })),
  explained('a posterior as the win probability', () => ({ ...signal(), edge: { winProbability: { alpha: 27, beta: 19, mean: 27 / 46 }, ...bet() } })),
  explained('a Kelly result', () => ({ ...signal(), edge: shrunk() })),
  explained('an estimate with a shrunk Kelly', () => ({ ...signal(), edge: { trades: 44, reliable: true, expectancy: shrunk().edge, avgLoss: 0.018, kelly: shrunk() } })),
  explained('a strategy tracker', () => ({ ...signal(), strategyId: 's1', tracker: tracker() })),
  {
    name: 'PositionSizer#sizeBatch (scaling column)',
    valid: () => [{ baseRisk: [0.01, 0.08, 0], regime: [1, 0, 2], scaling: [0.33, 1, 0.5], correlation: [0.4, 0, 1], lossReturn: [0.02, 0.01, 0.03] }, { tier: 'advanced' }],
    call: (c, o) => SIZER.sizeBatch(c as never, o as never),
    check: rowsCheck(0.05),
    weight: 0.5,
  },
];

/** An order promises a quantity ≥ 0, on the lot, and a notional within the target. */
function orderCheck(result: unknown): void {
  const o = result as { quantity: Decimal; notional: Decimal; leftover: Decimal; targetNotional: Decimal };
  if (o.quantity.lt(ZERO) || o.leftover.lt(ZERO)) throw new Error('negative quantity or leftover');
  if (o.notional.gt(o.targetNotional)) throw new Error(`notional ${o.notional} above its target ${o.targetNotional}`);
}

export const sizingEntries: FuzzEntry[] = [
  { name: 'createSizer', valid: () => [{ defaultTier: 'advanced', moneyDecimals: 2 }], call: (c) => createSizer(c as never).config.defaultTier, weight: 0.25 },
  { name: 'PositionSizer#size', valid: () => [request()], call: (r) => SIZER.size(r as never), check: decisionCheck },
  {
    name: 'PositionSizer#estimateEdge',
    valid: () => [Array.from({ length: 30 }, (_, i) => ({ returnFraction: i % 4 === 0 ? -0.02 : 0.03, closedAt: new Date(Date.UTC(2024, 0, 1 + i)).toISOString() })), { resamples: 100 }],
    call: (t, o) => SIZER.estimateEdge(t as never, o as never),
    weight: 0.25,
  },
  {
    name: 'PositionSizer#estimateEdge (returnPct)',
    valid: () => [Array.from({ length: 30 }, (_, i) => ({ returnFraction: i % 4 === 0 ? -0.02 : 0.03, closedAt: new Date(Date.UTC(2024, 0, 1 + i)).toISOString() })).map(withReturnPct), { resamples: 100 }],
    call: (t, o) => SIZER.estimateEdge(t as never, o as never),
    weight: 0.1,
  },
  {
    name: 'PositionSizer#allocateBatch',
    valid: () => [8, ['confidence', 'drawdown']],
    call: (n, c) => {
      const cols = SIZER.allocateBatch(n as never, c as never);
      cols.release();
      return cols.length;
    },
    weight: 0.25,
  },
  { name: 'PositionSizer#sizeBatch', valid: () => [batch(), { tier: 'advanced' }], call: (c, o) => SIZER.sizeBatch(c as never, o as never), check: rowsCheck(1) },
  { name: 'scalePositions', valid: () => [columns(), { maxPosition: 3 }], call: (c, o) => scalePositions(c as never, o as never), async: true, check: rowsCheck(3) },
  { name: 'scalePositionsSync', valid: () => [columns(), { maxPosition: 3 }], call: (c, o) => scalePositionsSync(c as never, o as never), check: rowsCheck(3) },
  { name: 'allocateScaleColumns', valid: () => [16], call: (n) => allocateScaleColumns(n as never).then((c) => c.release()), async: true, weight: 0.25 },
  { name: 'allocateScaleColumnsSync', valid: () => [16], call: (n) => allocateScaleColumnsSync(n as never).release(), weight: 0.25 },
  { name: 'pyramid', valid: () => [1, { metaProbability: 0.7, pnl: 0.03, threshold: 0.01 }, {}], call: (p, s, o) => pyramid(p as never, s as never, o as never) },
  { name: 'loadSizerConfig', valid: () => [CONFIG_URL], call: (p) => loadSizerConfig(p as never).then((c) => c.defaultTier), async: true, weight: 0.05 },
  { name: 'parseSizerConfig', valid: () => [CONFIG_TEXT, 'yaml', 'trading_rules.yaml'], call: (t, f, s) => parseSizerConfig(t as never, f as never, s as never).then((c) => c.defaultTier), async: true, weight: 0.1 },
  { name: 'sizeOrder', valid: () => [{ balance: '100000', price: '412.37', lotStep: '1', minNotional: '10', riskFraction: 0.01, stopDistance: '8.25', moneyDecimals: 2 }], call: (r) => sizeOrder(r as never), check: orderCheck },
  {
    name: 'floorToLot',
    valid: () => ['24742.2', '412.37', '0.5'],
    call: (a, p, l) => floorToLot(a as never, p as never, l as never),
    check: (q) => {
      if ((q as Decimal).lt(ZERO)) throw new Error('negative quantity');
    },
  },
  { name: 'toMoney', valid: () => ['412.37', 'price', { allowZero: false }], call: (v, f, o) => toMoney(v as never, f as never, o as never) },
  ...layerInputEntries,
];
