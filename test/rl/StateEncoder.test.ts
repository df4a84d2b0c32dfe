import { describe, expect, it } from 'vitest';
import { DEFAULT_ACTIONS } from '../../src/rl/ActionSpace.js';
import { StateEncoder } from '../../src/rl/StateEncoder.js';
import { DEFAULT_STATE_SPEC, isCategorical } from '../../src/rl/stateSpec.js';
import { seedReward } from '../../src/rl/seedReward.js';

describe('StateEncoder', () => {
  const encoder = new StateEncoder(DEFAULT_STATE_SPEC);

  it('maps every combination of bins and categories to a distinct index in [0, size)', () => {
    // Brute force: one representative value per bin (below, between and above the edges).
    const choices = DEFAULT_STATE_SPEC.features.map((f) =>
      isCategorical(f) ? [...f.categories] : [f.edges[0] - 1, ...f.edges.slice(1).map((e, i) => (e + f.edges[i]) / 2), f.edges[f.edges.length - 1] + 1],
    );
    const seen = new Set<number>();
    const walk = (k: number, state: Record<string, number | string>) => {
      if (k === choices.length) {
        seen.add(encoder.encode(state));
        return;
      }
      for (const v of choices[k]) walk(k + 1, { ...state, [DEFAULT_STATE_SPEC.features[k].name]: v });
    };
    walk(0, {});
    expect(encoder.size).toBe(3 ** 5 * 4);
    expect(seen.size).toBe(encoder.size);
    expect(Math.min(...seen)).toBe(0);
    expect(Math.max(...seen)).toBe(encoder.size - 1);
  });

  it('puts out-of-range values in the edge bins and a value on an edge in the upper bin', () => {
    const base = { volatility: 1, trend: 0.3, momentum: 1, confidence: 0.7, drawdown: 0.07, regime: 'MEAN_REVERTING' };
    expect(encoder.describe(encoder.encode({ ...base, volatility: -1e9 })).volatility).toBe('<0.8');
    expect(encoder.describe(encoder.encode({ ...base, volatility: 1e9 })).volatility).toBe('≥1.25');
    expect(encoder.describe(encoder.encode({ ...base, volatility: 0.8 })).volatility).toBe('0.8–1.25');
    expect(encoder.describe(encoder.encode({ ...base, volatility: 1.25 })).volatility).toBe('≥1.25');
  });
});

describe('seedReward', () => {
  const one = { action: 2, multiplier: DEFAULT_ACTIONS[2] };
  it('pays pnl% × 10, +5 from R = 2 on, −10 only past −5 % of sized drawdown', () => {
    expect(seedReward({ returnFraction: 0.01 }, one)).toBeCloseTo(10, 12);
    expect(seedReward({ returnFraction: 0.01, rMultiple: 2 }, one)).toBeCloseTo(15, 12);
    expect(seedReward({ returnFraction: 0.01, rMultiple: 1.99 }, one)).toBeCloseTo(10, 12);
    expect(seedReward({ returnFraction: -0.01, maxAdverseExcursion: -0.05 }, one)).toBeCloseTo(-10, 12);
    expect(seedReward({ returnFraction: -0.01, maxAdverseExcursion: -0.03 }, { action: 5, multiplier: 2 })).toBeCloseTo(-30, 12);
  });
});
