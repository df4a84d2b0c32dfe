// A calibrated probability driving size() through the public API only (the package root).
import { describe, expect, it } from 'vitest';
import { createSizer, plattCalibration, probabilityKelly, WinRatePosterior } from '../../src/index.js';

const scores = [-2.1, -1.4, -0.9, -0.3, 0.1, 0.4, 0.8, 1.3, 1.9, 2.4, -1.1, 0.6];
const outcomes = [0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1];
const calibrator = plattCalibration(scores, outcomes);
const account = { balance: '100000', price: '250', lotStep: '1' };

describe('a calibrated probability as a sizing layer', () => {
  it('drives the meta-probability map: factor clamp(0.5 + p, 0.5, 1.5) with its reason', () => {
    const p = calibrator.predict(1.1);
    const sizer = createSizer({ signalQuality: { method: 'metaProbability' } });
    const edge = { winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 };
    const d = sizer.size({ ...account, edge, confidence: p });
    const factor = d.factors.find((f) => f.name === 'metaProbability')!;
    expect(factor.value).toBeCloseTo(Math.min(1.5, Math.max(0.5, 0.5 + p)), 15);
    expect(factor.reason).toContain(`meta-label probability ${p}`);
    const base = d.factors.find((f) => f.name === 'base')!.value;
    expect(d.riskFraction).toBeCloseTo(Math.min(0.05, Math.max(0.002, base * factor.value)), 15);
  });

  it('is the Kelly base when given as the edge’s win probability', () => {
    const p = calibrator.predict(1.1);
    const sizer = createSizer();
    const d = sizer.size({ ...account, edge: { winProbability: p, winReturn: 0.032, lossReturn: 0.018 } });
    const kelly = probabilityKelly({ probability: p, winReturn: 0.032, lossReturn: 0.018 });
    // base = defaultFraction (0.25) × full Kelly risk fraction, capped at 0.5
    expect(d.factors[0]).toMatchObject({ name: 'base', value: Math.min(0.5, 0.25 * kelly.riskFraction) });
  });

  it('passes a shrunk Kelly as the base through the EdgeEstimate shape the sizer reads', () => {
    const posterior = new WinRatePosterior().updateCounts(26, 18);
    const shrunk = probabilityKelly({ probability: posterior, winReturn: 0.032, lossReturn: 0.018 });
    const plain = probabilityKelly({ probability: posterior.mean, winReturn: 0.032, lossReturn: 0.018 });
    const sizer = createSizer();
    const edgeOf = (kelly: typeof shrunk) => ({ trades: 44, reliable: true, expectancy: kelly.edge, avgLoss: 0.018, kelly });
    const shrunkBase = sizer.size({ ...account, edge: edgeOf(shrunk) }).factors[0].value;
    const plainBase = sizer.size({ ...account, edge: edgeOf(plain) }).factors[0].value;
    expect(shrunkBase).toBeCloseTo(0.25 * shrunk.riskFraction, 15);
    expect(shrunkBase / plainBase).toBeCloseTo(shrunk.shrinkage!, 12);
  });
});
