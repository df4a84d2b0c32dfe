// correlationPenalty's result as the correlation layer's input, with its reason, through the public API only.
import { describe, expect, it } from 'vitest';
import { correlationPenalty, createSizer } from '../../src/index.js';

// Two assets over four days, built so the Gaussian Kelly weights are simple by hand (Σ with divisor T):
// A: mean 0.01, deviations ±0.02 → var 4e-4.  B: mean 0.004, deviations (0.01, −0.01, 0, 0) → var 5e-5.
// cov(A, B) = (0.02·0.01 + (−0.02)(−0.01)) / 4 = 1e-4, det Σ = 4e-4·5e-5 − 1e-8 = 1e-8.
// Joint: w_A = (5e-5·0.01 − 1e-4·0.004) / 1e-8 = 10. Alone: w_A = 0.01 / 4e-4 = 25.
// Penalty (docs/kelly.md): 1 − joint ÷ alone = 1 − 10/25 = 0.6.
const A = [0.03, -0.01, 0.03, -0.01];
const B = [0.014, -0.006, 0.004, 0.004];
const EDGE = { winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 };
const QUARTER_KELLY = 0.25 * (0.55 - 0.45 / (0.032 / 0.018)); // 0.25 (p − q/b), Thorp 2006
const account = { balance: '100000', price: '250', lotStep: '1', edge: EDGE };

describe('correlationPenalty as the correlation layer', () => {
  const penalty = correlationPenalty([A, B], 0, { method: 'gaussian', name: 'A' });

  it('computes the hand-worked penalty', () => {
    expect(penalty.jointWeight).toBeCloseTo(10, 9);
    expect(penalty.standaloneWeight).toBeCloseTo(25, 9);
    expect(penalty.penalty).toBeCloseTo(0.6, 12);
  });

  it('takes the whole result, so the factor says why and not just the number', () => {
    const d = createSizer().size({ ...account, correlation: penalty });
    const factor = d.factors.find((f) => f.name === 'correlation')!;
    expect(factor.value).toBeCloseTo(0.4, 12); // max(0.2, 1 − 0.6)
    expect(factor.reason).toBe('correlation penalty 0.6: ×max(0.2, 1 − 0.6) = ×0.4 (A: Kelly weight 10.00 with the other 1 asset vs 25.00 alone: correlated holdings carry 60 % of its bet)');
    expect(d.riskFraction).toBeCloseTo(QUARTER_KELLY * 0.4, 14);
  });

  it('takes { penalty, reason } and equals the bare number in value', () => {
    const explained = createSizer().size({ ...account, correlation: { penalty: 0.3, reason: 'long two oil producers' } });
    const bare = createSizer().size({ ...account, correlation: 0.3 });
    expect(explained.riskFraction).toBe(bare.riskFraction);
    expect(explained.factors[1].reason).toBe('correlation penalty 0.3: ×max(0.2, 1 − 0.3) = ×0.7 (long two oil producers)');
    expect(bare.factors[1].reason).toBe('correlation penalty 0.3: ×max(0.2, 1 − 0.3) = ×0.7');
  });
});
