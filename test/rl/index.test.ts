import { describe, expect, it } from 'vitest';
import * as sizewise from '../../src/index.js';

describe('what the package exports from src/rl', () => {
  it('keeps test helpers, twins and the reference-strategy study out of the API', () => {
    const removed = [
      'qUpdateTwin', 'qReplayTwin', 'SyntheticSizingEnv', 'SYNTHETIC_STATES', 'pickState', 'tradeSamples',
      'extendedTrainingSamples', 'exitGridOutcome', 'qLearningWalkForward', 'WALK_FORWARD_DEFAULTS', 'randomTransitionBatch',
      'ActionSpace', 'StateEncoder',
    ];
    for (const name of removed) expect(name in sizewise, name).toBe(false);
  });

  it('exports the agent, its column allocator, its limits and its reward functions', () => {
    for (const name of ['QLearningSizer', 'allocateTransitions', 'allocateTransitionsSync', 'MAX_REWARD', 'MAX_REPLAY', 'MAX_EPOCHS', 'seedReward', 'logGrowthReward', 'rlMultiplier', 'marketFeatures']) {
      expect(name in sizewise, name).toBe(true);
    }
  });
});
