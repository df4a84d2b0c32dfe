import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../../src/runtime/wasm.js';
import { DEFAULT_ACTIONS } from '../../src/rl/ActionSpace.js';
import { QLearningSizer } from '../../src/rl/QLearningSizer.js';
import { logGrowthReward } from '../../src/rl/logGrowthReward.js';
import { SYNTHETIC_STATES, SyntheticSizingEnv } from '../../src/rl/SyntheticSizingEnv.js';

beforeAll(() => ready());

describe('learning in a synthetic environment with a known optimum', () => {
  it('the optima differ by state (closed-form Kelly growth over the default multipliers)', () => {
    const env = new SyntheticSizingEnv();
    const best = SYNTHETIC_STATES.map((_, s) => DEFAULT_ACTIONS[env.optimalAction(s, DEFAULT_ACTIONS)]);
    expect(best).toEqual([0.5, 1, 1.5, 2]);
  });

  it('reaches the growth-optimal multiplier in every state it visited enough', () => {
    // States 0–3 are the environment's; state 4 exists in the table but never occurs.
    const agent = new QLearningSizer({ states: 5, actions: DEFAULT_ACTIONS, alpha: 5e-4, reward: logGrowthReward, seed: 1 });
    const env = new SyntheticSizingEnv(SYNTHETIC_STATES, 2024);
    // 120 000 trades ≈ 30 000 per state ≫ 1/α = 2 000; each trade teaches every multiplier.
    for (let chunk = 0; chunk < 12; chunk++) {
      const samples = Array.from({ length: 10_000 }, () => env.next());
      agent.update(agent.counterfactualBatch(samples));
    }
    const visits = agent.visitCounts();
    const policy = agent.policy();
    expect(policy.map((p) => p.state)).toEqual([0, 1, 2, 3]);
    for (const row of policy) {
      expect(visits[row.state * 6]).toBeGreaterThan(25_000); // visited enough
      expect(row.multiplier).toBe(DEFAULT_ACTIONS[env.optimalAction(row.state, DEFAULT_ACTIONS)]);
    }
    // The learned values estimate the expected log growth: a constant-α average has a
    // stationary standard deviation σ·√(α/(2 − α)); each Q is within 5 of those of the closed form.
    const q = agent.table();
    const alpha = 5e-4;
    for (let s = 0; s < 4; s++) {
      const { winProbability: p, winReturn: w, lossReturn: l } = SYNTHETIC_STATES[s];
      const g = env.expectedReward(s, DEFAULT_ACTIONS);
      DEFAULT_ACTIONS.forEach((m, a) => {
        const sd = Math.sqrt(p * (1 - p)) * Math.abs(Math.log1p(m * w) - Math.log1p(-m * l));
        expect(Math.abs(q[s * 6 + a] - g[a])).toBeLessThan(5 * sd * Math.sqrt(alpha / (2 - alpha)));
      });
    }
    expect(agent.act(4).multiplier).toBe(1); // never seen: neutral
    agent.dispose();
  });

  it('also learns from its own ε-greedy decisions with partial feedback, replayed', () => {
    // Two states with clear-cut optima (a losing bet → 0.5×, a strong one → 2×); the agent
    // only sees the reward of the multiplier it chose, then replays its experience.
    const states = [
      { winProbability: 0.4, winReturn: 0.5, lossReturn: 0.4 },
      { winProbability: 0.8, winReturn: 1, lossReturn: 0.3 },
    ];
    const env = new SyntheticSizingEnv(states, 7);
    const agent = new QLearningSizer({
      states: 2, actions: DEFAULT_ACTIONS, alpha: 5e-4, reward: logGrowthReward, seed: 3, replay: 100_000,
      epsilon: { start: 1, end: 0.3, decaySteps: 20_000 },
    });
    for (let t = 0; t < 60_000; t++) {
      const { state, outcome } = env.next();
      const { action } = agent.act(state, { explore: true });
      agent.observe({ state, action, outcome });
    }
    agent.train([], { epochs: 10, batchSize: 1_000 });
    expect(env.optimalAction(0, DEFAULT_ACTIONS)).toBe(0);
    expect(env.optimalAction(1, DEFAULT_ACTIONS)).toBe(5);
    expect(agent.act(0).multiplier).toBe(0.5);
    expect(agent.act(1).multiplier).toBe(2);
    agent.dispose();
  });
});
