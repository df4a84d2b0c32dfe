import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../../src/runtime/wasm.js';
import { QLearningSizer } from '../../src/rl/QLearningSizer.js';
import { rlMultiplier } from '../../src/rl/rlMultiplier.js';

beforeAll(() => ready());

const fails = (fn: () => unknown, field: string, code: string) =>
  expect(fn).toThrow(expect.objectContaining({ name: 'SizewiseError', field, code }));

describe('rlMultiplier', () => {
  it('takes only an agent, and the agent checks the rest', () => {
    fails(() => rlMultiplier(null as never, 0), 'agent', 'INVALID_TYPE');
    fails(() => rlMultiplier({ multiplier: () => 1 } as never, 0), 'agent', 'INVALID_TYPE');
    const agent = new QLearningSizer({ states: 2, actions: [0.5, 1, 2] });
    expect(rlMultiplier(agent, 1)).toBe(1);
    fails(() => rlMultiplier(agent, 2), 'state', 'OUT_OF_RANGE');
    fails(() => rlMultiplier(agent, 0, { range: [2, 1] }), 'opts.range[1]', 'OUT_OF_RANGE');
    fails(() => rlMultiplier(agent, 0, { ranges: [0, 1] } as never), 'opts.ranges', 'UNKNOWN_KEY');
    agent.dispose();
  });
});
