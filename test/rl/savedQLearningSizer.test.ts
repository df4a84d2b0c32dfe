import { beforeAll, describe, expect, it } from 'vitest';
import { SizewiseError } from '../../src/errors.js';
import { Xoshiro128 } from '../../src/random/xoshiro128.js';
import { ready } from '../../src/runtime/wasm.js';
import { QLearningSizer } from '../../src/rl/QLearningSizer.js';
import type { SavedQLearningSizer } from '../../src/rl/savedQLearningSizer.js';

beforeAll(() => ready());

/** A small agent that explored, observed and replayed (γ > 0, so the next state's max matters): every part of a save is non-trivial. */
function trainedAgent(): QLearningSizer {
  const agent = new QLearningSizer({ states: 6, actions: [0.5, 1, 2], gamma: 0.8, epsilon: { start: 0.9, end: 0.2, decaySteps: 50 }, replay: 8, seed: 4 });
  const rng = new Xoshiro128(1, 9);
  for (let i = 0; i < 30; i++) {
    const state = rng.nextIndex(6);
    const { action } = agent.act(state, { explore: true });
    agent.observe({ state, action, reward: rng.nextFloat() - 0.3 });
  }
  agent.train([], { epochs: 2, batchSize: 4 });
  return agent;
}

/** A deep copy of a save as plain JSON, to corrupt. */
function saved(agent: QLearningSizer): SavedQLearningSizer & Record<string, unknown> {
  return JSON.parse(JSON.stringify(agent));
}

async function rejects(json: unknown, field: string, code?: string): Promise<void> {
  const p = QLearningSizer.fromJSON(json);
  await expect(p).rejects.toBeInstanceOf(SizewiseError);
  await expect(p).rejects.toMatchObject(code === undefined ? { field } : { field, code });
}

describe('the save format', () => {
  it('saves both random streams as their state words (version 3) and continues them', async () => {
    const agent = trainedAgent();
    const json = saved(agent);
    expect(json.version).toBe(3);
    expect(json.streams.explore).toHaveLength(4);
    const loaded = await QLearningSizer.fromJSON(json);
    const next = (a: QLearningSizer) => Array.from({ length: 200 }, (_, i) => a.act(i % 6, { explore: true }));
    expect(next(loaded)).toEqual(next(agent));
    expect(loaded.train([], { epochs: 3, batchSize: 2 })).toEqual(agent.train([], { epochs: 3, batchSize: 2 }));
    const more = { state: Int32Array.of(0, 1, 2), action: Int32Array.of(2, 0, 1), reward: Float64Array.of(-1, 2, 0.5), nextState: Int32Array.of(3, 4, 5), done: Uint8Array.of(0, 0, 0) };
    loaded.update(more);
    agent.update(more);
    expect(loaded.toJSON()).toEqual(agent.toJSON());
    for (const a of [agent, loaded]) a.dispose();
  });

  it('loads a version-2 save, whose exploration stream is a count of words drawn, at the same point of the stream', async () => {
    const agent = trainedAgent();
    const { explore: _e, ...streams } = saved(agent).streams;
    const draws = 37; // any count ≤ 2 × steps (30 exploring decisions)
    const v2 = { ...saved(agent), version: 2, streams: { ...streams, exploreDraws: draws } };
    const loaded = await QLearningSizer.fromJSON(v2);
    const drawn = new Xoshiro128(4, 3); // (seed, 3): the exploration stream of a fresh agent
    for (let i = 0; i < draws; i++) drawn.nextU32();
    expect(loaded.toJSON().streams.explore).toEqual(Array.from(drawn.state()));
    expect(loaded.table()).toEqual(agent.table());
    for (const a of [agent, loaded]) a.dispose();
  });

  it('loads a version-2 save of 10¹⁵ exploring decisions at once (it replayed the draws one by one before)', async () => {
    const agent = trainedAgent();
    const { explore: _e, ...streams } = saved(agent).streams;
    const v2 = { ...saved(agent), version: 2, steps: 1e15, streams: { ...streams, exploreDraws: 2e15 } };
    const loaded = await QLearningSizer.fromJSON(v2);
    expect(loaded.toJSON().streams.explore).toEqual(Array.from(new Xoshiro128(4, 3).advance(2e15).state()));
    expect(loaded.metrics()).toMatchObject({ steps: 1e15, epsilon: 0.2 });
    await rejects({ ...v2, streams: { ...v2.streams, exploreDraws: 2e15 + 2 } }, 'json.streams.exploreDraws', 'OUT_OF_RANGE'); // at most 2 per decision
    // A count beyond 2⁵³ (no counter could have kept it exactly) is refused under its own name,
    // not as the generator's internal 'steps'.
    const most = Number.MAX_SAFE_INTEGER;
    await rejects({ ...v2, steps: most, streams: { ...v2.streams, exploreDraws: most + 3 } }, 'json.streams.exploreDraws', 'OUT_OF_RANGE');
    for (const a of [agent, loaded]) a.dispose();
  });

  it('rejects a hole in any saved array instead of loading zeros or NaN', async () => {
    const agent = trainedAgent();
    const holes: [(j: SavedQLearningSizer) => void, string][] = [
      [(j) => delete j.rewards[2], 'json.rewards[2]'],
      [(j) => delete j.replay.action[1], 'json.replay.action[1]'],
      [(j) => delete j.replay.reward[0], 'json.replay.reward[0]'],
      [(j) => delete j.streams.replay[3], 'json.streams.replay[3]'],
      [(j) => delete j.streams.explore[0], 'json.streams.explore[0]'],
      [(j) => delete j.table[5], 'json.table[5]'],
      [(j) => delete j.visits[0], 'json.visits[0]'],
    ];
    for (const [corrupt, field] of holes) {
      const json = saved(agent);
      corrupt(json);
      await rejects(json, field, 'INVALID_TYPE');
    }
    agent.dispose();
  });

  it('rejects extra keys and missing fields at every level, including spec.epsilon.start', async () => {
    const agent = trainedAgent();
    const cases: [(j: Record<string, any>) => void, string, string][] = [
      [(j) => (j.extra = 1), 'json.extra', 'UNKNOWN_KEY'],
      [(j) => (j.spec.extra = 1), 'json.spec.extra', 'UNKNOWN_KEY'],
      [(j) => (j.spec.epsilon.extra = 1), 'json.spec.epsilon.extra', 'UNKNOWN_KEY'],
      [(j) => (j.streams.exploreDraws = 1), 'json.streams.exploreDraws', 'UNKNOWN_KEY'],
      [(j) => (j.replay.extra = []), 'json.replay.extra', 'UNKNOWN_KEY'],
      [(j) => delete j.spec.epsilon.start, 'json.spec.epsilon.start', 'INVALID_STATE'],
      [(j) => delete j.spec.alpha, 'json.spec.alpha', 'INVALID_STATE'],
      [(j) => delete j.spec.range, 'json.spec.range', 'INVALID_STATE'],
      [(j) => delete j.steps, 'json.steps', 'INVALID_STATE'],
      [(j) => delete j.rewards, 'json.rewards', 'INVALID_STATE'],
      [(j) => delete j.replay.head, 'json.replay.head', 'INVALID_STATE'],
      [(j) => delete j.streams.explore, 'json.streams.explore', 'INVALID_STATE'],
      [(j) => (j.spec.epsilon = null), 'json.spec.epsilon', 'INVALID_STATE'],
      [(j) => (j.spec.alpha = 2), 'json.spec.alpha', 'OUT_OF_RANGE'],
      [(j) => (j.table[0] = 1e300), 'json.table[0]', 'OUT_OF_RANGE'], // beyond any table an agent can reach
      [(j) => (j.replay.reward[0] = 1e300), 'json.replay.reward[0]', 'OUT_OF_RANGE'],
      [(j) => (j.rewards[0] = '1'), 'json.rewards[0]', 'INVALID_TYPE'],
      [(j) => (j.version = 4), 'json.version', 'INVALID_STATE'],
    ];
    for (const [corrupt, field, code] of cases) {
      const json = saved(agent);
      corrupt(json);
      await rejects(json, field, code);
    }
    await rejects([], 'json', 'INVALID_TYPE');
    await expect(QLearningSizer.fromJSON(saved(agent), { expect: null as never })).rejects.toMatchObject({ field: 'opts.expect', code: 'INVALID_TYPE' });
    await expect(QLearningSizer.fromJSON(saved(agent), { reward: 1 as never })).rejects.toMatchObject({ field: 'opts.reward', code: 'INVALID_TYPE' });
    agent.dispose();
  });

  it('a version-1 save needs exactly its own keys', async () => {
    const agent = trainedAgent();
    const { streams: _s, replay: _r, rewards: _w, ...v1 } = { ...saved(agent), version: 1 };
    const loaded = await QLearningSizer.fromJSON(v1);
    expect(loaded.table()).toEqual(agent.table());
    // Version 1 continued exploring from stream (seed, 3 + steps).
    expect(loaded.toJSON().streams.explore).toEqual(Array.from(new Xoshiro128(4, 3 + 30).state()));
    await rejects({ ...v1, rewards: [] }, 'json.rewards', 'UNKNOWN_KEY');
    for (const a of [agent, loaded]) a.dispose();
  });
});
