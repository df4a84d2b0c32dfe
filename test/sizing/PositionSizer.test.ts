import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';
import { estimateEdge } from '../../src/edge/estimateEdge.js';
import { SizewiseError } from '../../src/errors.js';
import { breakoutTrades } from '../../src/strategy/breakoutTrades.js';
import { StrategyTracker } from '../../src/tracker/StrategyTracker.js';
import { kellyCriterion } from '../../src/kelly/kellyCriterion.js';
import { probabilityKelly } from '../../src/probability/probabilityKelly.js';
import { createSizer, PositionSizer } from '../../src/sizing/PositionSizer.js';
import { SIZER_DEFAULTS } from '../../src/sizing/sizerConfig.js';
import type { DefaultSizerNames, SizingRequest } from '../../src/sizing/sizingTypes.js';
import { CONFIGS, edgeEstimate } from './fixtures.js';

const EDGE = edgeEstimate({ winRate: 0.55, avgWin: 0.032, avgLoss: 0.018, trades: 94 });
const BINARY = { winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 };

/** Every optional layer input of a request, in a form fast-check can vary. */
const layerInputs = (sizer: PositionSizer) =>
  fc.record({
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    conviction: fc.constantFrom(...Object.keys(sizer.config.convictionMultipliers)),
    atr: fc.double({ min: 0.5, max: 20, noNaN: true }),
    atrAverage: fc.double({ min: 0.5, max: 20, noNaN: true }),
    regime: fc.constantFrom(...Object.keys(sizer.config.regimeMultipliers)),
    scaling: fc.double({ min: 0.01, max: 1, noNaN: true }),
    banditWeight: fc.double({ min: 0, max: 2, noNaN: true }),
    correlation: fc.double({ min: 0, max: 1, noNaN: true }),
    rlMultiplier: fc.double({ min: -1, max: 4, noNaN: true }),
    drawdown: fc.double({ min: 0, max: 1, noNaN: true }),
  });

const account = fc.record({
  balance: fc.integer({ min: 1_000, max: 10_000_000 }),
  price: fc.double({ min: 1, max: 5_000, noNaN: true }),
  tier: fc.constantFrom<string | undefined>(undefined),
  withStop: fc.boolean(),
  stopAtr: fc.double({ min: 0.5, max: 4, noNaN: true }),
});

function request(
  sizer: PositionSizer,
  a: { balance: number; price: number; withStop: boolean; stopAtr: number },
  layers: Partial<SizingRequest>,
  edge: SizingRequest['edge'] = EDGE,
): SizingRequest {
  // Volatility targeting reads the ATR alone; the ATR-ratio method reads it with its average.
  const { atrAverage, ...rest } = layers;
  const ratioInputs = sizer.config.volatilityAdjustment.method === 'target' || atrAverage === undefined ? {} : { atrAverage };
  return {
    balance: String(a.balance),
    price: a.price.toFixed(2),
    edge,
    ...(a.withStop ? { stopDistance: (a.stopAtr * (layers.atr ?? 2)).toFixed(4) } : {}),
    lotStep: '0.001',
    ...rest,
    ...ratioInputs,
  };
}

describe.each(Object.entries(CONFIGS))('PositionSizer contract with %s', (_name, config) => {
  const sizer = createSizer(config);
  const tier = sizer.config.positionBoundaries[sizer.config.defaultTier];
  const run = <T extends [unknown, ...unknown[]]>(prop: fc.IPropertyWithHooks<T>) => fc.assert(prop, { seed: 20261121, numRuns: 150 });

  it('sizes 0 when a reliable edge is ≤ 0, whatever the layers', () => {
    const losing = edgeEstimate({ winRate: 0.4, avgWin: 0.02, avgLoss: 0.02, trades: 60 });
    const losingBet = { winProbability: 0.4, winReturn: 0.02, lossReturn: 0.02 };
    run(
      fc.property(account, layerInputs(sizer), (a, layers) => {
        for (const edge of [losing, losingBet]) {
          const d = sizer.size(request(sizer, a, layers, edge));
          expect(d.riskFraction).toBe(0);
          expect(d.quantity.isZero()).toBe(true);
          expect(d.notional.isZero()).toBe(true);
        }
      }),
    );
  });

  it('never exceeds the tier\'s max risk or leverage, and is never negative', () => {
    run(
      fc.property(account, layerInputs(sizer), (a, layers) => {
        const d = sizer.size(request(sizer, a, layers));
        expect(d.riskFraction).toBeGreaterThanOrEqual(0);
        expect(d.riskFraction).toBeLessThanOrEqual(tier.maxRisk);
        expect(d.exposure).toBeLessThanOrEqual(tier.maxLeverage * (1 + 1e-12));
        for (const money of [d.notional, d.quantity, d.leftover, d.targetNotional]) expect(money.isNegative()).toBe(false);
        expect(d.notional.lessThanOrEqualTo(d.targetNotional)).toBe(true);
      }),
    );
  });

  it('is non-decreasing in confidence', () => {
    run(
      fc.property(account, layerInputs(sizer), fc.double({ min: 0, max: 1, noNaN: true }), (a, layers, other) => {
        const [lo, hi] = [Math.min(layers.confidence, other), Math.max(layers.confidence, other)];
        const low = sizer.size(request(sizer, a, { ...layers, confidence: lo }));
        const high = sizer.size(request(sizer, a, { ...layers, confidence: hi }));
        expect(high.riskFraction).toBeGreaterThanOrEqual(low.riskFraction);
      }),
    );
  });

  it('doubles the notional before lot rounding when the balance doubles (to the cent)', () => {
    run(
      fc.property(account, layerInputs(sizer), (a, layers) => {
        const one = sizer.size(request(sizer, a, layers));
        const two = sizer.size(request(sizer, { ...a, balance: 2 * a.balance }, layers));
        // Targets are rounded to the cent (half-even): round(2x) and 2·round(x) are both on the
        // cent grid and within 1.5 cents of each other, so they differ by at most one cent.
        const diff = two.targetNotional.minus(one.targetNotional.times(2)).abs();
        expect(diff.lessThanOrEqualTo('0.01')).toBe(true);
        expect(two.riskFraction).toBe(one.riskFraction);
      }),
    );
  });

  it('removing a layer\'s input removes exactly its factor', () => {
    const factorOf: Record<string, string> = {
      confidence: sizer.config.signalQuality.method === 'metaProbability' ? 'metaProbability' : 'confidence',
      conviction: 'conviction',
      atr: 'volatility',
      regime: 'regime',
      scaling: 'scaling',
      banditWeight: 'bandit',
      correlation: 'correlation',
      rlMultiplier: 'rl',
      drawdown: 'drawdown',
    };
    run(
      fc.property(account, layerInputs(sizer), fc.constantFrom(...Object.keys(factorOf)), (a, layers, dropped) => {
        const full = sizer.size(request(sizer, { ...a, withStop: false }, layers));
        const less = { ...layers } as Record<string, unknown>;
        delete less[dropped];
        if (dropped === 'atr') delete less.atrAverage;
        const without = sizer.size(request(sizer, { ...a, withStop: false }, less as Partial<SizingRequest>));
        const names = (d: typeof full) => d.factors.map((f) => f.name);
        expect(names(without)).toEqual(names(full).filter((n) => n !== factorOf[dropped]));
        const keep = (d: typeof full) => d.factors.filter((f) => f.name !== 'bounds' && f.name !== factorOf[dropped]);
        expect(keep(without)).toEqual(keep(full));
      }),
    );
  });

  it('reports factors whose product is the risk fraction', () => {
    run(
      fc.property(account, layerInputs(sizer), (a, layers) => {
        const d = sizer.size(request(sizer, a, layers));
        const product = d.factors.reduce((p, f) => p * f.value, 1);
        expect(d.riskFraction).toBeCloseTo(product, 12);
        for (const f of d.factors) expect(f.reason.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('the seeds\' worked scenarios (mechanism, not their totals)', () => {
  const sizer = createSizer();
  const base = { balance: '100000', price: '100', edge: EDGE };
  const factor = (req: Partial<SizingRequest<DefaultSizerNames>>, name: string) => sizer.size({ ...base, ...req }).factors.find((f) => f.name === name);

  it('gives an 88 % confidence signal 2.0× and a 67 % one 1.0× (≥ 0.65)', () => {
    expect(factor({ confidence: 0.88 }, 'confidence')?.value).toBe(2.0);
    expect(factor({ confidence: 0.67 }, 'confidence')?.value).toBe(1.0);
    expect(factor({ confidence: 0.75 }, 'confidence')?.value).toBe(1.5);
    expect(factor({ confidence: 0.6 }, 'confidence')?.value).toBe(0.5);
  });

  it('cuts an ATR ratio of 1.6 by 30 % and one of 1.3 by 15 %', () => {
    expect(factor({ atr: 3.2, atrAverage: 2 }, 'volatility')?.value).toBe(0.7);
    expect(factor({ atrRatio: 1.3 }, 'volatility')?.value).toBe(0.85);
    expect(factor({ atrRatio: 1.1 }, 'volatility')?.value).toBe(1);
  });

  it('halves the size when drawdown passes 10 %', () => {
    expect(factor({ drawdown: 0.12 }, 'drawdown')?.value).toBe(0.5);
    expect(factor({ drawdown: 0.1 }, 'drawdown')?.value).toBe(1);
  });

  it('takes quarter Kelly of the edge as the base: 0.25 × (p − q/b)', () => {
    // Kelly % = p − q/b with b = 0.032/0.018 (Thorp 2006), a quarter of it.
    const kellyPct = 0.55 - 0.45 / (0.032 / 0.018);
    expect(factor({}, 'base')?.value).toBeCloseTo(0.25 * kellyPct, 14);
    expect(sizer.size({ ...base, edge: BINARY }).factors[0].value).toBeCloseTo(0.25 * kellyPct, 14);
  });

  it('falls back to 1 % risk with a warning below 20 trades', () => {
    const d = sizer.size({ ...base, edge: edgeEstimate({ winRate: 0.6, avgWin: 0.03, avgLoss: 0.02, trades: 12 }) });
    expect(d.factors[0].value).toBe(0.01);
    expect(d.warnings.join(' ')).toMatch(/12 closed trades/);
    expect(d.usedFallback).toBe(true);
    expect(sizer.size({ ...base }).usedFallback).toBe(false);
  });

  it('maps a meta-probability p to 0.5 + p', () => {
    const meta = createSizer({ signalQuality: { method: 'metaProbability' } });
    const f = (p: number) => meta.size({ ...base, confidence: p }).factors.find((x) => x.name === 'metaProbability')?.value;
    expect(f(0)).toBe(0.5);
    expect(f(0.7)).toBeCloseTo(1.2, 15);
    expect(f(1)).toBe(1.5);
  });

  it('applies conviction only on tiers that allow overrides', () => {
    expect(factor({ conviction: 'HIGH', tier: 'advanced' }, 'conviction')?.value).toBe(1.5);
    const basic = sizer.size({ ...base, conviction: 'HIGH', tier: 'basic' });
    expect(basic.factors.find((f) => f.name === 'conviction')?.value).toBe(1);
    expect(basic.warnings.join(' ')).toMatch(/ignored/);
  });

  it('applies the regime table, bandit and correlation floors, and clamps the RL multiplier', () => {
    expect(factor({ regime: 'TRENDING' }, 'regime')?.value).toBe(1.4);
    expect(factor({ regime: 'HIGH_VOL' }, 'regime')?.value).toBe(0.7);
    expect(factor({ regime: 'LOW_VOL' }, 'regime')?.value).toBe(1.2);
    expect(factor({ banditWeight: 0.05 }, 'bandit')?.value).toBe(0.2);
    expect(factor({ correlation: 0.95 }, 'correlation')?.value).toBe(0.2);
    expect(factor({ correlation: 0.3 }, 'correlation')?.value).toBeCloseTo(0.7, 15);
    expect(factor({ rlMultiplier: 3 }, 'rl')?.value).toBe(2);
    expect(factor({ rlMultiplier: 0.1 }, 'rl')?.value).toBe(0.5);
  });

  it('targets volatility with a floor on ATR so a near-zero ATR cannot blow up the size', () => {
    const target = createSizer({ volatilityAdjustment: { method: 'target', targetVolatility: 0.01, maxMultiplier: 2, atrFloor: 0.002 } });
    const f = (atr: number) => target.size({ ...base, atr }).factors.find((x) => x.name === 'volatility')?.value;
    expect(f(2)).toBeCloseTo(0.5, 15); // 1 % ÷ 2 %
    expect(f(0.8)).toBeCloseTo(1.25, 15);
    expect(f(0)).toBe(2); // 1 % ÷ floor 0.2 % = 5, capped at 2
    const uncapped = createSizer({ volatilityAdjustment: { method: 'target', maxMultiplier: 100, atrFloor: 0.002 } });
    expect(uncapped.size({ ...base, atr: 1e-9 }).factors.find((x) => x.name === 'volatility')?.value).toBeCloseTo(5, 12);
  });

  it('sizes money from the stop when one is given: a stop-out loses the risk fraction', () => {
    const d = sizer.size({ ...base, stopDistance: '4', lotStep: '1' });
    // Quarter Kelly is 7.42 %, above the basic tier's 5 %: risk 5 %, quantity = 100000 × 0.05 ÷ 4.
    const risk = 0.05;
    expect(d.riskFraction).toBe(risk);
    expect(d.quantity.toNumber()).toBe(1250);
    expect(d.riskAmount.toNumber()).toBe(d.quantity.toNumber() * 4);
    expect(d.exposure).toBeCloseTo((risk * 100) / 4, 12);
  });

  it('clamps to the tier\'s 0.2 %–5 % and caps leverage', () => {
    // Kelly % = 0.7 − 0.3/2.5 = 0.58; a quarter is 14.5 %, clamped to 5 % (exposure 2.5×, under the 3× cap).
    expect(sizer.size({ ...base, edge: edgeEstimate({ winRate: 0.7, avgWin: 0.05, avgLoss: 0.02, trades: 50 }) }).riskFraction).toBe(0.05);
    expect(sizer.size({ ...base, edge: edgeEstimate({ winRate: 0.5004, avgWin: 0.02, avgLoss: 0.02, trades: 50 }) }).riskFraction).toBe(0.002);
    // Risk 5 % with a 1 % stop would be 5× exposure: capped at 3×, so risk 3 %.
    const capped = sizer.size({ ...base, edge: edgeEstimate({ winRate: 0.7, avgWin: 0.05, avgLoss: 0.01, trades: 50 }), stopDistance: '1' });
    expect(capped.exposure).toBeCloseTo(3, 12);
    expect(capped.riskFraction).toBeCloseTo(0.03, 12);
    expect(capped.factors.at(-1)?.reason).toMatch(/leverage/);
  });

  it('rounds the quantity down to the lot step and returns the leftover', () => {
    const d = sizer.size({ ...base, price: '412.37', lotStep: '1' });
    expect(d.quantity.isInteger()).toBe(true);
    expect(d.notional.plus(d.leftover).toString()).toBe(d.targetNotional.toString());
    expect(d.leftover.lessThan('412.37')).toBe(true);
  });

  it('sizes an unknown regime as the configured default, with a warning', () => {
    const lenient = createSizer({ defaultRegime: 'NORMAL' });
    const d = lenient.size({ ...base, regime: 'SIDEWAYS' });
    expect(d.factors.find((f) => f.name === 'regime')?.value).toBe(1);
    expect(d.warnings.join(' ')).toMatch(/SIDEWAYS/);
  });
});

// Found by the fuzz suite: a scaling of 1e-320 made the unbounded risk subnormal; the tier's floor
// raised it to 0.2 % and the bounds factor, floor ÷ risk, overflowed to Infinity.
describe('a risk too small to size', () => {
  const sizer = createSizer();
  const base = { balance: '100000', price: '100', stopDistance: '2', edge: BINARY };

  it('is no trade below the smallest normal double (2⁻¹⁰²²), with finite factors', () => {
    for (const request of [
      { ...base, scaling: 1e-320 },
      { ...base, edge: { ...EDGE, kelly: { ...EDGE.kelly, riskFraction: 1e-320 } } },
    ]) {
      const d = sizer.size(request);
      expect(d.riskFraction).toBe(0);
      expect(d.quantity.isZero()).toBe(true);
      for (const f of d.factors) expect(Number.isFinite(f.value)).toBe(true);
      expect(d.factors.at(-1)).toMatchObject({ name: 'bounds', value: 0 });
      expect(d.factors.at(-1)!.reason).toMatch(/below the smallest sized/);
    }
  });

  it('is raised to the tier\'s floor from 2⁻¹⁰²² up, with a finite bounds factor', () => {
    // 2⁻¹⁰²² ÷ quarter Kelly (0.07421875 = 0.25 × 0.296875) is a share a little above 2⁻¹⁰¹⁹.
    const share = 2 ** -1022 / (0.25 * 0.296875) * (1 + 1e-12);
    const d = sizer.size({ ...base, scaling: share });
    expect(d.riskFraction).toBe(0.002);
    expect(Number.isFinite(d.factors.at(-1)!.value)).toBe(true);
    expect(d.factors.reduce((p, f) => p * f.value, 1)).toBeCloseTo(0.002, 15);
  });
});

describe('bad input to size()', () => {
  const sizer = createSizer();
  const good: SizingRequest<DefaultSizerNames> = { balance: '100000', price: '100', edge: EDGE, confidence: 0.7 };
  const tracker = new StrategyTracker();
  const posterior = { alpha: 27, beta: 19 };
  const kelly = probabilityKelly({ probability: posterior, winReturn: 0.032, lossReturn: 0.018 });
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['NaN confidence', { confidence: Number.NaN }, 'request.confidence', 'NON_FINITE'],
    ['confidence above 1', { confidence: 1.2 }, 'request.confidence', 'INVALID_PROBABILITY'],
    ['confidence below 0', { confidence: -0.1 }, 'request.confidence', 'INVALID_PROBABILITY'],
    ['negative balance', { balance: '-5' }, 'request.balance', 'OUT_OF_RANGE'],
    ['infinite balance', { balance: Infinity }, 'request.balance', 'NON_FINITE'],
    ['zero price', { price: 0 }, 'request.price', 'OUT_OF_RANGE'],
    ['negative price', { price: '-1' }, 'request.price', 'OUT_OF_RANGE'],
    ['lot step 0', { lotStep: '0' }, 'request.lotStep', 'OUT_OF_RANGE'],
    ['negative lot step', { lotStep: -1 }, 'request.lotStep', 'OUT_OF_RANGE'],
    ['stop distance 0', { stopDistance: 0 }, 'request.stopDistance', 'OUT_OF_RANGE'],
    ['NaN stop distance', { stopDistance: Number.NaN }, 'request.stopDistance', 'NON_FINITE'],
    ['unknown conviction', { conviction: 'EXTREME' }, 'request.conviction', 'UNKNOWN_VALUE'],
    ['unknown regime', { regime: 'SIDEWAYS' }, 'request.regime', 'UNKNOWN_VALUE'],
    ['unknown tier', { tier: 'platinum' }, 'request.tier', 'UNKNOWN_VALUE'],
    ['∞ ATR ratio', { atrRatio: Infinity }, 'request.atrRatio', 'NON_FINITE'],
    ['ATR without its average', { atr: 2 }, 'request.atrAverage', 'INVALID_TYPE'],
    ['zero ATR average', { atr: 2, atrAverage: 0 }, 'request.atrAverage', 'OUT_OF_RANGE'],
    ['negative bandit weight', { banditWeight: -0.1 }, 'request.banditWeight', 'OUT_OF_RANGE'],
    ['NaN bandit weight', { banditWeight: Number.NaN }, 'request.banditWeight', 'NON_FINITE'],
    ['correlation above 1', { correlation: 1.5 }, 'request.correlation', 'OUT_OF_RANGE'],
    ['-∞ RL multiplier', { rlMultiplier: -Infinity }, 'request.rlMultiplier', 'NON_FINITE'],
    ['drawdown above 1', { drawdown: 1.2 }, 'request.drawdown', 'OUT_OF_RANGE'],
    ['NaN win probability', { edge: { ...BINARY, winProbability: Number.NaN } }, 'request.edge.winProbability', 'NON_FINITE'],
    ['NaN Kelly in the edge', { edge: { ...EDGE, kelly: { ...EDGE.kelly, riskFraction: Number.NaN } } }, 'request.edge.kelly.riskFraction', 'NON_FINITE'],
    ['not an edge', { edge: { foo: 1 } }, 'request.edge', 'INVALID_TYPE'],
    ['a misspelt key', { confidance: 0.7 } as never, 'request.confidance', 'UNKNOWN_KEY'],
    // The scaling layer (a share of the full position in (0, 1], or scalingFactor's { value, reason }).
    ['NaN scaling', { scaling: Number.NaN }, 'request.scaling', 'NON_FINITE'],
    ['scaling 0', { scaling: 0 }, 'request.scaling', 'OUT_OF_RANGE'],
    ['scaling above 1', { scaling: 1.01 }, 'request.scaling', 'OUT_OF_RANGE'],
    ['scaling as a string', { scaling: '0.5' }, 'request.scaling', 'INVALID_TYPE'],
    ['null scaling', { scaling: null }, 'request.scaling', 'INVALID_TYPE'],
    ['scaling value ∞', { scaling: { value: Infinity, reason: 'x' } }, 'request.scaling.value', 'NON_FINITE'],
    ['scaling value negative', { scaling: { value: -0.5, reason: 'x' } }, 'request.scaling.value', 'OUT_OF_RANGE'],
    ['scaling without a reason', { scaling: { value: 0.5 } }, 'request.scaling.reason', 'INVALID_TYPE'],
    ['scaling with an empty reason', { scaling: { value: 0.5, reason: ' ' } }, 'request.scaling.reason', 'EMPTY_INPUT'],
    ['scaling named otherwise', { scaling: { name: 'regime', value: 0.5, reason: 'x' } }, 'request.scaling.name', 'UNKNOWN_VALUE'],
    ['scaling with an unknown key', { scaling: { value: 0.5, reason: 'x', size: 1 } }, 'request.scaling.size', 'UNKNOWN_KEY'],
    // The correlation layer given with its reason (correlationPenalty's result).
    ['correlation penalty above 1', { correlation: { penalty: 1.5, reason: 'x' } }, 'request.correlation.penalty', 'OUT_OF_RANGE'],
    ['correlation penalty NaN', { correlation: { penalty: Number.NaN, reason: 'x' } }, 'request.correlation.penalty', 'NON_FINITE'],
    ['correlation without a reason', { correlation: { penalty: 0.3 } }, 'request.correlation.reason', 'INVALID_TYPE'],
    ['correlation with a NaN joint weight', { correlation: { penalty: 0.3, reason: 'x', jointWeight: Number.NaN } }, 'request.correlation.jointWeight', 'NON_FINITE'],
    ['correlation with an unknown key', { correlation: { penalty: 0.3, reason: 'x', weight: 1 } }, 'request.correlation.weight', 'UNKNOWN_KEY'],
    ['correlation as an array', { correlation: [0.3] }, 'request.correlation', 'INVALID_TYPE'],
    // A strategy's tracker in place of the edge.
    ['a strategy id without a tracker', { edge: undefined, strategyId: 's' }, 'request.tracker', 'INVALID_TYPE'],
    ['a tracker without a strategy id', { edge: undefined, tracker }, 'request.strategyId', 'INVALID_TYPE'],
    ['a tracker that is not one', { edge: undefined, strategyId: 's', tracker: { kelly: 1 } }, 'request.tracker', 'INVALID_TYPE'],
    ['a null tracker', { edge: undefined, strategyId: 's', tracker: null }, 'request.tracker', 'INVALID_TYPE'],
    ['an empty strategy id', { edge: undefined, strategyId: '', tracker }, 'request.strategyId', 'EMPTY_INPUT'],
    ['a numeric strategy id', { edge: undefined, strategyId: 5, tracker }, 'request.strategyId', 'INVALID_TYPE'],
    ['both an edge and a tracker', { strategyId: 's', tracker }, 'request.edge', 'INVALID_TYPE'],
    ['a stand-in tracker with a NaN fallback risk', { edge: undefined, strategyId: 's', tracker: { kelly: () => ({ trades: 3, riskFraction: Number.NaN }), sizingEdge: () => undefined } }, 'request.tracker.kelly("s").riskFraction', 'NON_FINITE'],
    ['a stand-in tracker with a null adjustment', { edge: undefined, strategyId: 's', tracker: { kelly: () => ({ trades: 30, riskFraction: 0.1, estimate: EDGE, adjustment: null }), sizingEdge: () => EDGE } }, 'request.tracker.kelly("s").adjustment', 'INVALID_TYPE'],
    ['a stand-in tracker whose edge has a negative loss', { edge: undefined, strategyId: 's', tracker: { kelly: () => ({ trades: 30, riskFraction: 0.1, estimate: EDGE, adjustment: { factor: 1, reason: 'none', maxDrawdown: 0, trades: 20 } }), sizingEdge: () => ({ ...EDGE, avgLoss: -1 }) } }, 'request.tracker.sizingEdge("s").avgLoss', 'OUT_OF_RANGE'],
    // A posterior as the win probability; a Kelly result as the edge; a shrunk Kelly inside an estimate.
    ['a posterior with alpha 0', { edge: { ...BINARY, winProbability: { alpha: 0, beta: 2 } } }, 'request.edge.winProbability.alpha', 'OUT_OF_RANGE'],
    ['a posterior with a wrong mean', { edge: { ...BINARY, winProbability: { alpha: 3, beta: 2, mean: 0.5 } } }, 'request.edge.winProbability.mean', 'OUT_OF_RANGE'],
    ['a posterior with an unknown key', { edge: { ...BINARY, winProbability: { alpha: 3, beta: 2, n: 3 } } }, 'request.edge.winProbability.n', 'UNKNOWN_KEY'],
    ['a posterior edge with no win return', { edge: { winProbability: posterior, winReturn: 0, lossReturn: 0.018 } }, 'request.edge.winReturn', 'OUT_OF_RANGE'],
    ['a Kelly result with shrinkage above 1', { edge: { ...kelly, shrinkage: 1.5 } }, 'request.edge.shrinkage', 'OUT_OF_RANGE'],
    ['a Kelly result with a NaN risk', { edge: { ...kelly, riskFraction: Number.NaN } }, 'request.edge.riskFraction', 'NON_FINITE'],
    ['a Kelly result with p above 1', { edge: { ...kelly, winProbability: 1.2 } }, 'request.edge.winProbability', 'INVALID_PROBABILITY'],
    ['a Kelly result with a negative variance', { edge: { ...kelly, probabilityVariance: -1 } }, 'request.edge.probabilityVariance', 'OUT_OF_RANGE'],
    ['a Kelly result without its model', { edge: { ...kellyCriterion(BINARY), model: undefined } }, 'request.edge.model', 'INVALID_TYPE'],
    ['a shrinkage of 0 in an estimate', { edge: { ...EDGE, kelly: { ...EDGE.kelly, shrinkage: 0 } } }, 'request.edge.kelly.shrinkage', 'OUT_OF_RANGE'],
    ['a NaN Kelly multiple in an estimate', { edge: { ...EDGE, kelly: { ...EDGE.kelly, kellyMultiple: Number.NaN } } }, 'request.edge.kelly.kellyMultiple', 'NON_FINITE'],
  ];
  it.each(cases)('rejects %s', (_what, change, field, code) => {
    let error: unknown;
    try {
      sizer.size({ ...good, ...change } as SizingRequest<DefaultSizerNames>);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SizewiseError);
    expect(error).toMatchObject({ field, code });
  });

  it('needs a stop when the edge has no average loss', () => {
    const noLoss = { ...EDGE, avgLoss: 0 };
    expect(() => sizer.size({ ...good, edge: noLoss })).toThrow(expect.objectContaining({ field: 'request.stopDistance' }));
    expect(sizer.size({ ...good, edge: noLoss, stopDistance: '2' }).riskFraction).toBeGreaterThan(0);
  });

  it('exports the defaults frozen', () => {
    expect(Object.isFrozen(SIZER_DEFAULTS)).toBe(true);
    expect(Object.isFrozen(SIZER_DEFAULTS.positionBoundaries.basic)).toBe(true);
    expect(Object.isFrozen(createSizer().config)).toBe(true);
  });
});

describe('sizing from the reference strategy\'s trades', () => {
  const bars = parseOhlcvCsv(readFileSync(new URL('../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8'));
  const trades = breakoutTrades(bars);

  it('estimates the edge over the configured lookback and trusts it from the configured count', () => {
    const sizer = createSizer({ lookbackWindowDays: 3650, minTradesForCalculation: 30 });
    const edge = sizer.estimateEdge(trades);
    const last = Date.parse(trades.at(-1)!.closedAt);
    const inWindow = trades.filter((t) => Date.parse(t.closedAt) > last - 3650 * 86_400_000).length;
    expect(edge.trades).toBe(inWindow);
    expect(edge.reliable).toBe(inWindow >= 30);
    const all = sizer.estimateEdge(trades, { windowDays: undefined });
    expect(all.trades).toBe(trades.length);
  });

  it('sizes a whole-history EdgeEstimate as quarter Kelly of its Kelly risk, bounded', () => {
    const sizer = createSizer();
    const edge = estimateEdge(trades, { seed: 1 });
    const d = sizer.size({ balance: '100000', price: '3000', edge, stopDistance: '100' });
    // The specification (issue 4, layers 1 and 9; seeds' defaults): ¼ Kelly risk capped at 0.5,
    // clamped to the basic tier's 0.2 %–5 %, then exposure ≤ 3× (risk ≤ 3 × stop ÷ price).
    const expected = edge.expectancy > 0 ? Math.min(Math.max(Math.min(0.25 * edge.kelly.riskFraction, 0.5), 0.002), 0.05) : 0;
    expect(d.factors[0].value).toBeCloseTo(edge.expectancy > 0 ? Math.min(0.25 * edge.kelly.riskFraction, 0.5) : 0, 14);
    expect(d.riskFraction).toBeCloseTo(Math.min(expected, 3 * (100 / 3000)), 14);
  });
});

describe('money in a decision', () => {
  const sizer = createSizer();
  const base = { balance: '100000', price: '412.37', edge: EDGE };

  it('leaves rounded to the cent by default, notional + leftover = target exactly', () => {
    const d = sizer.size({ ...base, stopDistance: '3.33', confidence: 0.8 });
    for (const money of [d.notional, d.leftover, d.targetNotional, d.riskAmount]) expect(money.decimalPlaces()).toBeLessThanOrEqual(2);
    expect(d.notional.plus(d.leftover).eq(d.targetNotional)).toBe(true);
    expect(d.leftover.isNegative()).toBe(false);
  });

  it('leaves with the config\'s moneyDecimals', () => {
    const fine = createSizer({ moneyDecimals: 6 });
    const d = fine.size({ ...base, price: '0.123457', stopDistance: '0.004321', lotStep: '0.1' });
    expect(d.targetNotional.decimalPlaces()).toBeGreaterThan(2);
    expect(d.targetNotional.decimalPlaces()).toBeLessThanOrEqual(6);
    expect(() => createSizer({ moneyDecimals: 2.5 })).toThrow(expect.objectContaining({ field: 'config.moneyDecimals' }));
    expect(() => createSizer({ moneyDecimals: 31 })).toThrow(expect.objectContaining({ field: 'config.moneyDecimals' }));
  });

  it('says why an order is empty as orderReason, the name sizeOrder uses', () => {
    const d = sizer.size({ ...base, price: '1000000' });
    expect(d.quantity.isZero()).toBe(true);
    expect(d.orderReason).toBe('BELOW_LOT_STEP');
  });

  // Issue 9, item 8: a stop of 1e-320 made stop ÷ price a subnormal float; the leverage cap
  // computed from it let the quantity's notional reach 1.48× balance × maxLeverage.
  it('refuses a stop too small to size from instead of ordering above the leverage cap', () => {
    let error: unknown;
    try {
      sizer.size({ ...base, price: '3000', stopDistance: 1e-320 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SizewiseError);
    expect(error).toMatchObject({ code: 'OUT_OF_RANGE', field: 'request.stopDistance' });
  });

  it('never orders a notional above balance × maxLeverage, however tight the stop (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000, max: 10_000_000 }), fc.double({ min: 1, max: 5_000, noNaN: true }), fc.integer({ min: 2, max: 300 }), (balance, price, digits) => {
        const d = sizer.size({ balance: String(balance), price: price.toFixed(2), stopDistance: `${price.toFixed(2)}e-${digits}`, lotStep: '1e-12', edge: EDGE });
        const cap = new Decimal(balance).times(sizer.config.positionBoundaries.basic.maxLeverage);
        expect(d.notional.lessThanOrEqualTo(cap)).toBe(true);
        expect(d.targetNotional.lessThanOrEqualTo(cap)).toBe(true);
        expect(d.exposure).toBeLessThanOrEqual(sizer.config.positionBoundaries.basic.maxLeverage);
      }),
      { seed: 8, numRuns: 200 },
    );
  });
});

describe('sizer.estimateEdge and the config\'s lookback window', () => {
  // 50 trades a week apart: the 90-day lookback keeps the last 13 (days 0, 7, …, 84 before the latest).
  const latest = Date.parse('2024-06-28T00:00:00Z');
  const trades = Array.from({ length: 50 }, (_, i) => ({
    closedAt: new Date(latest - (49 - i) * 7 * 86_400_000).toISOString(),
    returnFraction: i % 3 === 0 ? -0.01 : 0.02,
  }));

  it('says how many trades the window left out, and why', () => {
    const edge = createSizer().estimateEdge(trades);
    expect(edge.trades).toBe(13);
    // The count and the reason are estimateEdge's note; the sizer names the config as the window's source.
    expect(edge.warnings).toContain('37 of 50 trades left out: closed outside the 90 days up to 2024-06-28 (the latest closedAt)');
    expect(edge.warnings).toContain('the 90-day window is config.lookbackWindowDays; pass { windowDays: undefined } to estimate from every trade');
    // A window by count cuts after the days: its own note, not blamed on the days.
    const both = createSizer().estimateEdge(trades, { window: 5 });
    expect(both.warnings).toEqual(expect.arrayContaining(['37 of 50 trades left out: closed outside the 90 days up to 2024-06-28 (the latest closedAt)', '8 older trades left out: the window keeps the last 5']));
    expect(createSizer().estimateEdge(trades, { windowDays: undefined }).trades).toBe(50);
  });

  // Issue 9: trades without closedAt failed with an error about options.windowDays, which the caller never passed.
  it('uses every trade when they have no dates, with a warning, instead of failing', () => {
    const undated = trades.map(({ returnFraction }) => ({ returnFraction }));
    const edge = createSizer().estimateEdge(undated);
    expect(edge.trades).toBe(50);
    expect(edge.warnings.join('\n')).toMatch(/lookbackWindowDays \(90\) not applied/);
  });

  it('names the config when its window leaves no trade', () => {
    const old = trades.map((t) => ({ ...t }));
    expect(() => createSizer().estimateEdge(old, { asOf: '2030-01-01' })).toThrow(expect.objectContaining({ field: 'config.lookbackWindowDays' }));
  });
});

describe('bad input to allocateBatch and the config', () => {
  const sizer = createSizer();

  // Issue 9, item 12: a non-array `columns` threw a TypeError.
  it.each([
    ['a string', 'confidence', 'columns'],
    ['null', null, 'columns'],
    ['an object', { confidence: true }, 'columns'],
    ['a sparse array', [, 'confidence'], 'columns[0]'], // eslint-disable-line no-sparse-arrays
  ])('rejects %s as the list of columns', async (_what, columns, field) => {
    const { ready } = await import('../../src/runtime/wasm.js');
    await ready();
    let error: unknown;
    try {
      sizer.allocateBatch(8, columns as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SizewiseError);
    expect(error).toMatchObject({ field });
  });

  // Issue 9, item 13: a sparse list in a config threw TypeErrors.
  it('rejects a hole in a config list, naming the entry', () => {
    let error: unknown;
    try {
      createSizer({ drawdownSchedule: new Array(2) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SizewiseError);
    expect(error).toMatchObject({ field: 'config.drawdownSchedule[0]' });
  });
});
