import { beforeAll, describe, expect, it } from 'vitest';
import { SizewiseError } from '../../src/errors.js';
import { Xoshiro128 } from '../../src/random/xoshiro128.js';
import { ready } from '../../src/runtime/wasm.js';
import type { Transition } from '../../src/rl/checkTransition.js';
import { QLearningSizer } from '../../src/rl/QLearningSizer.js';
import type { TransitionBatch } from '../../src/rl/qUpdate.js';
import { qReplayTwin, qUpdateTwin } from '../../src/rl/qUpdateTwin.js';
import { randomTransitionBatch } from '../../src/rl/randomTransitionBatch.js';
import { DEFAULT_STATE_SPEC } from '../../src/rl/stateSpec.js';

beforeAll(() => ready());

function expectError(fn: () => unknown, field: string, code?: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SizewiseError);
    expect((error as SizewiseError).field).toBe(field);
    if (code !== undefined) expect((error as SizewiseError).code).toBe(code);
    return;
  }
  throw new Error(`expected a SizewiseError on ${field}`);
}

async function expectReject(p: Promise<unknown>, field: string): Promise<void> {
  await expect(p).rejects.toBeInstanceOf(SizewiseError);
  await expect(p).rejects.toMatchObject({ field });
}

const market = { volatility: 1.4, trend: 0.5, momentum: 2, confidence: 0.9, drawdown: 0.02, regime: 'TRENDING' };

/** A little episode stream: ε-greedy decisions in random states with made-up rewards. */
function play(agent: QLearningSizer, seed: number, n: number): void {
  const rng = new Xoshiro128(seed, 7);
  for (let i = 0; i < n; i++) {
    const state = rng.nextIndex(agent.shape[0]);
    const { action, multiplier } = agent.act(state, { explore: true });
    agent.observe({ state, action, reward: (rng.nextFloat() - 0.4) * multiplier * (state % 3) });
  }
}

describe('QLearningSizer', () => {
  it('update() gives the same table as the twin on the same batch', () => {
    const agent = new QLearningSizer({ states: 50, actions: [0.5, 0.75, 1, 1.25, 1.5, 2], alpha: 0.2, gamma: 0.8 });
    const rng = new Xoshiro128(4);
    const n = 5_000;
    const batch: TransitionBatch = {
      state: Int32Array.from({ length: n }, () => rng.nextIndex(50)),
      action: Int32Array.from({ length: n }, () => rng.nextIndex(6)),
      reward: Float64Array.from({ length: n }, () => rng.nextFloat() * 2 - 1),
      nextState: Int32Array.from({ length: n }, () => rng.nextIndex(50)),
      done: Uint8Array.from({ length: n }, () => (rng.nextFloat() < 0.5 ? 1 : 0)),
    };
    agent.update(batch);
    const twin = new Float64Array(300);
    qUpdateTwin(twin, 6, batch, 0.2, 0.8);
    expect(agent.table()).toEqual(twin);
    agent.dispose();
  });

  it('update() adds its rewards to the reward moving average', () => {
    const agent = new QLearningSizer({ states: 2, actions: [1, 2] });
    const batch = (reward: number[]): TransitionBatch => ({
      state: new Int32Array(reward.length), action: new Int32Array(reward.length), reward: Float64Array.from(reward),
      nextState: new Int32Array(reward.length), done: new Uint8Array(reward.length).fill(1),
    });
    agent.update(batch([1, 2, 6]));
    expect(agent.metrics().rewardAverage).toBe(3); // (1 + 2 + 6) / 3
    agent.update(batch(Array.from({ length: 150 }, (_, i) => i))); // only the last 100: 50 … 149, mean 99.5
    expect(agent.metrics().rewardAverage).toBe(99.5);
    agent.dispose();
  });

  it('table() is a copy', () => {
    const agent = new QLearningSizer({ states: 2, actions: [1, 2] });
    agent.table()[0] = 5;
    expect(agent.table()[0]).toBe(0);
    agent.dispose();
  });

  it('observe() stores the transition and applies it once', () => {
    const agent = new QLearningSizer({ states: 3, actions: [0.5, 1, 2], alpha: 0.5 });
    expect(agent.observe({ state: 1, action: 2, reward: 4 })).toBe(4);
    expect(Array.from(agent.table())).toEqual([0, 0, 0, 0, 0, 2, 0, 0, 0]);
    expect(agent.metrics()).toMatchObject({ visitedPairs: 1, visitedStates: 1, replaySize: 1, updates: 1, rewardAverage: 4 });
    expect(agent.act(1)).toMatchObject({ action: 2, multiplier: 2, value: 2, explored: false });
    agent.dispose();
  });

  it('computes the reward from an outcome with the seeds\' function or a user function', async () => {
    const seeds = new QLearningSizer({ states: 1, actions: [1, 2], alpha: 1 });
    // +1 % at 2× = 2 % → 20 points; R = 2.5 → +5; MAE −3 % at 2× = −6 % → −10. Total 15.
    expect(seeds.observe({ state: 0, action: 1, outcome: { returnFraction: 0.01, rMultiple: 2.5, maxAdverseExcursion: -0.03 } })).toBeCloseTo(15, 12);
    seeds.dispose();
    const custom = await QLearningSizer.create({ states: 1, actions: [1, 2], reward: (o, a) => Math.log1p(a.multiplier * o.returnFraction) });
    expect(custom.observe({ state: 0, action: 1, outcome: { returnFraction: 0.1 } })).toBeCloseTo(Math.log(1.2), 14);
    custom.dispose();
  });

  it('encodes a feature record into the same index as the state index', () => {
    const agent = new QLearningSizer({ states: DEFAULT_STATE_SPEC, actions: [1, 2] });
    expect(agent.shape).toEqual([972, 2]);
    const s = agent.states.encode(market);
    expect(agent.states.describe(s)).toEqual({ volatility: '≥1.25', trend: '≥0.4', momentum: '≥1.5', confidence: '≥0.85', drawdown: '<0.05', regime: 'TRENDING' });
    agent.observe({ state: market, action: 1, reward: 1 });
    expect(agent.act(s).action).toBe(1);
    expect(agent.act(market).action).toBe(1);
    agent.dispose();
  });

  it('decays ε linearly from start to end over decaySteps exploring decisions', () => {
    const agent = new QLearningSizer({ states: 1, actions: [1, 2], epsilon: { start: 0.2, end: 0.05, decaySteps: 100 } });
    expect(agent.epsilon).toBe(0.2);
    for (let i = 0; i < 50; i++) agent.act(0, { explore: true });
    expect(agent.epsilon).toBeCloseTo(0.125, 14);
    for (let i = 0; i < 60; i++) agent.act(0, { explore: true });
    expect(agent.epsilon).toBe(0.05);
    agent.act(0); // greedy decisions do not advance the schedule
    expect(agent.metrics().steps).toBe(110);
    agent.dispose();
  });

  it('explores about ε of the time', () => {
    const agent = new QLearningSizer({ states: 1, actions: [1, 2, 3, 4], epsilon: { start: 0.3, end: 0.3, decaySteps: 1 }, seed: 9 });
    let explored = 0;
    for (let i = 0; i < 20_000; i++) if (agent.act(0, { explore: true }).explored) explored++;
    // binomial(20 000, 0.3): sd ≈ 65
    expect(Math.abs(explored - 6_000)).toBeLessThan(5 * 65);
    agent.dispose();
  });

  it('breaks ties toward the multiplier closest to 1.0, so an unseen state sizes at 1.0×', () => {
    const agent = new QLearningSizer({ states: 2, actions: [0.5, 0.75, 1, 1.5, 2] });
    expect(agent.act(1).multiplier).toBe(1);
    agent.dispose();
  });

  it('clamps the sizing-layer multiplier to the configured range', () => {
    const agent = new QLearningSizer({ states: 1, actions: [0.5, 1, 2], range: [0.75, 1.5], alpha: 1 });
    agent.observe({ state: 0, action: 2, reward: 1 });
    expect(agent.multiplier(0)).toBe(1.5);
    expect(agent.multiplier(0, { range: [0.5, 3] })).toBe(2);
    agent.dispose();
  });

  it('decodes a joint grid of size, stop-loss and take-profit multipliers', () => {
    const agent = new QLearningSizer({ states: 1, actions: [0.5, 1], grid: { stopLoss: [1, 2], takeProfit: [1.5, 3, 5] }, alpha: 1 });
    expect(agent.shape).toEqual([1, 12]);
    // index = (m·2 + stop)·3 + tp: (1·2 + 0)·3 + 2 = 8 → 1×, stop 1, take-profit 5
    agent.observe({ state: 0, action: 8, reward: 1 });
    expect(agent.act(0)).toMatchObject({ action: 8, multiplier: 1, stopLoss: 1, takeProfit: 5 });
    expect(agent.policy()[0]).toMatchObject({ multiplier: 1, stopLoss: 1, takeProfit: 5 });
    agent.dispose();
  });

  it('is deterministic for a seed: the same play and training give the same table', () => {
    const run = (seed: number) => {
      const agent = new QLearningSizer({ states: 20, actions: [0.5, 1, 1.5, 2], seed, gamma: 0.5 });
      play(agent, 1, 2_000);
      agent.train([], { epochs: 5, batchSize: 16 });
      const out = { table: agent.table(), metrics: agent.metrics() };
      agent.dispose();
      return out;
    };
    const a = run(42);
    const b = run(42);
    const c = run(43);
    expect(a.table).toEqual(b.table);
    expect(a.metrics).toEqual(b.metrics);
    expect(c.table).not.toEqual(a.table);
  });

  it('train() replays seeded minibatches exactly as the twin does', () => {
    const agent = new QLearningSizer({ states: 4, actions: [1, 2], seed: 77, alpha: 0.05, gamma: 0.3 });
    const transitions: Transition[] = [];
    const rng = new Xoshiro128(8);
    for (let i = 0; i < 40; i++) {
      transitions.push({ state: i % 4, action: i % 2, reward: rng.nextFloat(), nextState: (i + 1) % 4, done: i % 5 === 0 });
    }
    const deltas = agent.train(transitions, { epochs: 3, batchSize: 7 });
    // Twin: the same buffer, the same stream (seed 77, stream 2), ⌈40/7⌉ = 6 minibatches of 7 draws per epoch.
    const buffer: TransitionBatch = {
      state: Int32Array.from(transitions, (t) => t.state as number),
      action: Int32Array.from(transitions, (t) => t.action),
      reward: Float64Array.from(transitions, (t) => t.reward as number),
      nextState: Int32Array.from(transitions, (t) => t.nextState as number),
      done: Uint8Array.from(transitions, (t) => (t.done ? 1 : 0)),
    };
    const q = new Float64Array(8);
    const twinRng = new Xoshiro128(77, 2);
    const twinDeltas = [0, 1, 2].map(() => qReplayTwin(q, 2, buffer, 40, 42, 0.05, 0.3, twinRng) / 42);
    expect(agent.table()).toEqual(q);
    expect(deltas).toEqual(twinDeltas);
    expect(agent.metrics().meanAbsDeltaQ).toEqual(deltas);
    agent.dispose();
  });

  it('keeps the last `replay` transitions in its ring buffer', () => {
    const agent = new QLearningSizer({ states: 10, actions: [1], replay: 4, alpha: 1 });
    for (let s = 0; s < 10; s++) agent.observe({ state: s, action: 0, reward: s });
    expect(agent.metrics().replaySize).toBe(4);
    // Replaying with α = 1 and done transitions rewrites Q[s] = s only for s in 6…9; zero the rest to see.
    const fresh = new QLearningSizer({ states: 10, actions: [1], replay: 4, alpha: 1 });
    fresh.train(Array.from({ length: 10 }, (_, s) => ({ state: s, action: 0, reward: s + 100 })), { epochs: 20, batchSize: 4 });
    const q = fresh.table();
    for (let s = 0; s < 6; s++) expect(q[s]).toBe(0);
    for (let s = 6; s < 10; s++) expect(q[s]).toBe(s + 100);
    agent.dispose();
    fresh.dispose();
  });

  it('train() takes a column batch exactly as it takes the same rows as Transition objects, ring buffer wrap included', () => {
    const spec = { states: 12, actions: [0.5, 1, 2], replay: 7, alpha: 0.3, gamma: 0.5, seed: 9 };
    const batch = randomTransitionBatch(new Xoshiro128(3), 20, { states: 12, actions: 3, reward: [-1, 1], doneProbability: 0.3 });
    const rows: Transition[] = Array.from(batch.state, (state, i) => ({
      state, action: batch.action[i], reward: batch.reward[i], nextState: batch.nextState[i], done: batch.done[i] === 1,
    }));
    const [byRows, byColumns] = [new QLearningSizer(spec), new QLearningSizer(spec)];
    for (const a of [byRows, byColumns]) for (let s = 0; s < 3; s++) a.observe({ state: s, action: 1, reward: 0.25 }); // head at 3
    const r = byRows.train(rows, { epochs: 5, batchSize: 4 });
    expect(byColumns.train(batch, { epochs: 5, batchSize: 4 })).toEqual(r);
    expect(byColumns.table()).toEqual(byRows.table());
    expect(byColumns.visitCounts()).toEqual(byRows.visitCounts());
    expect(byColumns.metrics()).toEqual(byRows.metrics());
    expect(byColumns.toJSON()).toEqual(byRows.toJSON()); // the same buffer slots and head
    // A bad row throws before anything is stored.
    const bad = { ...batch, action: batch.action.map((a, i) => (i === 5 ? 3 : a)) };
    expectError(() => byColumns.train(bad), 'transitions.action[5]', 'OUT_OF_RANGE');
    expect(byColumns.toJSON()).toEqual(byRows.toJSON());
    for (const a of [byRows, byColumns]) a.dispose();
  });

  it('policy() lists visited states with their best multiplier, readable', () => {
    const agent = new QLearningSizer({ states: { features: [{ name: 'regime', categories: ['TRENDING', 'VOLATILE'] }] }, actions: [0.5, 1, 2], alpha: 1 });
    agent.observe({ state: { regime: 'VOLATILE' }, action: 0, reward: 3 });
    expect(agent.policy()).toEqual([{ state: 1, label: { regime: 'VOLATILE' }, action: 0, multiplier: 0.5, value: 3, visits: 1 }]);
    agent.dispose();
  });

  it('save → load gives the same table, the same decisions and the same exploration', async () => {
    const agent = new QLearningSizer({ states: DEFAULT_STATE_SPEC, seed: 5 });
    play(agent, 2, 3_000);
    const json = JSON.parse(JSON.stringify(agent));
    const loaded = await QLearningSizer.fromJSON(json);
    expect(loaded.table()).toEqual(agent.table());
    expect(loaded.policy()).toEqual(agent.policy());
    for (let s = 0; s < 972; s++) expect(loaded.act(s)).toEqual(agent.act(s));
    expect(loaded.metrics().steps).toBe(agent.metrics().steps);
    for (const a of [agent, loaded]) a.dispose();
  });

  it('save → load continues both random streams: the reloaded agent explores and replays as the original does', async () => {
    const agent = new QLearningSizer({ states: 20, actions: [0.5, 1, 2], epsilon: { start: 0.9, end: 0.3, decaySteps: 500 }, seed: 5 });
    play(agent, 2, 300);
    agent.train([], { epochs: 3, batchSize: 16 }); // advances the replay stream
    const loaded = await QLearningSizer.fromJSON(JSON.parse(JSON.stringify(agent)));
    expect(loaded.metrics()).toEqual({ ...agent.metrics(), meanAbsDeltaQ: [], lastMeanAbsDeltaQ: Number.NaN }); // |ΔQ| history is not saved
    // The original, never stopped, and the reload make the same exploring choices…
    const explored = (a: QLearningSizer) => Array.from({ length: 300 }, (_, i) => a.act(i % 20, { explore: true }));
    const choices = explored(agent);
    expect(choices.some((d) => d.explored)).toBe(true);
    expect(explored(loaded)).toEqual(choices);
    // …and the same replay draws: identical per-epoch |ΔQ| and tables, bit for bit.
    expect(loaded.train([], { epochs: 4, batchSize: 8 })).toEqual(agent.train([], { epochs: 4, batchSize: 8 }));
    expect(loaded.table()).toEqual(agent.table());
    for (const a of [agent, loaded]) a.dispose();
  });

  it('still loads a version-1 file (no saved streams or replay buffer)', async () => {
    const agent = new QLearningSizer({ states: 3, actions: [1, 2], alpha: 1 });
    agent.observe({ state: 1, action: 1, reward: 2 });
    const { streams: _s, replay: _r, rewards: _w, ...v1 } = { ...agent.toJSON(), version: 1 };
    const loaded = await QLearningSizer.fromJSON(v1);
    expect(loaded.table()).toEqual(agent.table());
    expect(loaded.metrics().replaySize).toBe(0);
    for (const a of [agent, loaded]) a.dispose();
  });

  it('rejects a corrupted or mismatched saved table, naming the field', async () => {
    const agent = new QLearningSizer({ states: 3, actions: [1, 2] });
    const good = agent.toJSON();
    await expectReject(QLearningSizer.fromJSON({ ...good, version: 99 }), 'json.version');
    await expectReject(QLearningSizer.fromJSON({ ...good, format: 'other' }), 'json.format');
    await expectReject(QLearningSizer.fromJSON({ ...good, table: good.table.slice(1) }), 'json.table');
    await expectReject(QLearningSizer.fromJSON({ ...good, table: [0, 0, null, 0, 0, 0] }), 'json.table[2]');
    await expectReject(QLearningSizer.fromJSON({ ...good, spec: { ...good.spec, states: 4 } }), 'json.table');
    await expectReject(QLearningSizer.fromJSON(good, { expect: { states: 3, actions: [1, 2, 3] } }), 'json.spec.actions');
    await expectReject(QLearningSizer.fromJSON(good, { expect: { states: 4, actions: [1, 2] } }), 'json.spec.states');
    await expectReject(QLearningSizer.fromJSON(good, { expect: { states: -1, actions: [1, 2] } }), 'opts.expect.states');
    await expectReject(QLearningSizer.fromJSON('{'), 'json');
    await expectReject(QLearningSizer.fromJSON({ ...good, streams: { ...good.streams, replay: [0, 0, 0, 0] } }), 'json.streams.replay');
    await expectReject(QLearningSizer.fromJSON({ ...good, streams: { ...good.streams, exploreDraws: 1 } }), 'json.streams.exploreDraws');
    const oneRow = { head: 1, state: [2], action: [1], reward: [0.5], nextState: [2], done: [1] };
    await expectReject(QLearningSizer.fromJSON({ ...good, replay: { ...oneRow, state: [3] } }), 'json.replay.state[0]');
    await expectReject(QLearningSizer.fromJSON({ ...good, replay: { ...oneRow, action: [0.5] } }), 'json.replay.action[0]');
    await expectReject(QLearningSizer.fromJSON({ ...good, replay: { ...oneRow, head: 0 } }), 'json.replay.head');
    await expectReject(QLearningSizer.fromJSON({ ...good, rewards: [Number.NaN] }), 'json.rewards[0]');
    expect((await QLearningSizer.fromJSON({ ...good, replay: oneRow })).metrics().replaySize).toBe(1);
    const ok = await QLearningSizer.fromJSON(good, { expect: { states: 3, actions: [1, 2] } });
    expect(ok.table()).toEqual(agent.table());
    ok.dispose();
    agent.dispose();
  });

  it('rejects bad input with a SizewiseError naming the field', async () => {
    const agent = new QLearningSizer({ states: DEFAULT_STATE_SPEC, actions: [0.5, 1, 2] });
    expectError(() => agent.act({ ...market, volatility: Number.NaN }), 'state.volatility', 'NON_FINITE');
    expectError(() => agent.act({ ...market, regime: 'SIDEWAYS' }), 'state.regime', 'UNKNOWN_VALUE');
    expectError(() => agent.act({ ...market, colour: 1 }), 'state.colour', 'UNKNOWN_KEY');
    const { trend: _t, ...missing } = market;
    expectError(() => agent.act(missing), 'state.trend', 'INVALID_TYPE');
    expectError(() => agent.act(972), 'state', 'OUT_OF_RANGE');
    expectError(() => agent.observe({ state: market, action: 3, reward: 1 }), 'transition.action', 'OUT_OF_RANGE');
    expectError(() => agent.observe({ state: market, action: 1.5, reward: 1 }), 'transition.action', 'OUT_OF_RANGE');
    expectError(() => agent.observe({ state: market, action: 0, reward: Number.NaN }), 'transition.reward', 'NON_FINITE');
    expectError(() => agent.observe({ state: market, action: 0, outcome: { returnFraction: Number.NaN } }), 'transition.outcome.returnFraction', 'NON_FINITE');
    expectError(() => agent.observe({ state: market, action: 0, reward: 1, done: false }), 'transition.nextState');
    expectError(() => agent.train([{ state: 0, action: 0, reward: 1 }, { state: 0, action: 0, reward: Infinity }]), 'transitions[1].reward', 'NON_FINITE');
    expect(agent.metrics().replaySize).toBe(0); // nothing written when a later row is bad
    expectError(() => agent.train([], { epochs: 0 }), 'opts.epochs', 'OUT_OF_RANGE');
    expectError(() => agent.train([]), 'transitions', 'EMPTY_INPUT');
    const nStates = agent.shape[0];
    const batch = (over: Partial<TransitionBatch>): TransitionBatch => ({
      state: Int32Array.of(0, 1),
      action: Int32Array.of(0, 1),
      reward: Float64Array.of(1, 2),
      nextState: Int32Array.of(1, 0),
      done: Uint8Array.of(1, 1),
      ...over,
    });
    expectError(() => agent.update(batch({ reward: Float64Array.of(1, Number.NaN) })), 'batch.reward[1]', 'NON_FINITE');
    expectError(() => agent.update(batch({ action: Int32Array.of(0, 3) })), 'batch.action[1]', 'OUT_OF_RANGE');
    expectError(() => agent.update(batch({ state: Int32Array.of(nStates, 0) })), 'batch.state[0]', 'OUT_OF_RANGE');
    expectError(() => agent.update(batch({ nextState: Int32Array.of(-1, 0) })), 'batch.nextState[0]', 'OUT_OF_RANGE');
    expectError(() => agent.update(batch({ done: Uint8Array.of(2, 0) })), 'batch.done[0]', 'OUT_OF_RANGE');
    expectError(() => agent.update(batch({ done: Uint8Array.of(1) })), 'batch.done', 'LENGTH_MISMATCH');
    expectError(() => agent.update(batch({ state: [0, 1] as unknown as Int32Array })), 'batch.state', 'INVALID_TYPE');
    expect(agent.table().every((x) => x === 0)).toBe(true);
    agent.dispose();
    expectError(() => agent.act(0), 'agent', 'INVALID_STATE');
    expectError(() => new QLearningSizer({ states: 0, actions: [1] }), 'spec.states', 'OUT_OF_RANGE');
    expectError(() => new QLearningSizer({ states: 2, actions: [] }), 'spec.actions', 'EMPTY_INPUT');
    expectError(() => new QLearningSizer({ states: 2, actions: [1, -1] }), 'spec.actions[1]', 'OUT_OF_RANGE');
    expectError(() => new QLearningSizer({ states: 2, actions: [1], alpha: 0 }), 'spec.alpha', 'OUT_OF_RANGE');
    expectError(() => new QLearningSizer({ states: 2, actions: [1], gamma: 1.5 }), 'spec.gamma', 'INVALID_PROBABILITY');
    expectError(() => new QLearningSizer({ states: 2, actions: [1], epsilon: { start: 0.2, end: 0.05, decaySteps: 0 } }), 'spec.epsilon.decaySteps');
    expectError(() => new QLearningSizer({ states: { features: [{ name: 'v', edges: [1, 1] }] }, actions: [1] }), 'spec.states.features[0].edges[1]');
    expectError(() => new QLearningSizer({ states: 2, actions: [1], alpah: 0.1 } as never), 'spec.alpah', 'UNKNOWN_KEY');
    expectError(() => new QLearningSizer({ states: 1 << 22, actions: Array.from({ length: 64 }, (_, i) => i + 1) }), 'spec.states', 'TOO_LARGE');
    await expectReject(QLearningSizer.create({ states: 2, actions: [1], seed: -1 }), 'spec.seed');
  });
});

describe('QLearningSizer with transition columns in WASM memory', () => {
  it('update() reads allocateTransitions() columns in place and gives the twin\'s table and visit counts', () => {
    const agent = new QLearningSizer({ states: 40, actions: [0.5, 1, 1.5, 2], alpha: 0.3, gamma: 0.7 });
    const batch = randomTransitionBatch(new Xoshiro128(21), 4_000, { states: 40, actions: 4, reward: [-2, 3], doneProbability: 0.2 });
    const cols = agent.allocateTransitions(4_000);
    for (const name of ['state', 'action', 'reward', 'nextState', 'done'] as const) (cols[name] as Int32Array).set(batch[name] as Int32Array);
    agent.update(cols);
    const q = new Float64Array(160);
    const visits = new Uint32Array(160);
    qUpdateTwin(q, 4, batch, 0.3, 0.7, visits);
    expect(agent.table()).toEqual(q);
    expect(agent.visitCounts()).toEqual(visits);
    expect(agent.metrics()).toMatchObject({ updates: 4_000, rewardAverage: batch.reward.slice(-100).reduce((a, b) => a + b, 0) / 100 });
    cols.release();
    agent.dispose();
  });

  it('a bad row in WASM columns throws naming it, and nothing is written', () => {
    const agent = new QLearningSizer({ states: 5, actions: [1, 2] });
    agent.observe({ state: 1, action: 1, reward: 1 });
    const before = { table: agent.table(), visits: agent.visitCounts(), metrics: agent.metrics() };
    const cols = agent.allocateTransitions(10);
    cols.state.fill(0);
    cols.action.fill(1);
    cols.reward.fill(0.5);
    cols.nextState.fill(2);
    cols.done.fill(0);
    cols.reward[6] = 2e15; // beyond MAX_REWARD
    expectError(() => agent.update(cols), 'batch.reward[6]', 'OUT_OF_RANGE');
    cols.reward[6] = 0.5;
    cols.nextState[9] = 5;
    expectError(() => agent.update(cols), 'batch.nextState[9]', 'OUT_OF_RANGE');
    cols.nextState[9] = 2;
    cols.done[3] = 2;
    expectError(() => agent.train(cols), 'transitions.done[3]', 'OUT_OF_RANGE');
    expect({ table: agent.table(), visits: agent.visitCounts(), metrics: agent.metrics() }).toEqual(before);
    cols.release();
    agent.dispose();
  });

  it('train() takes WASM columns exactly as it takes the same typed arrays', () => {
    const spec = { states: 12, actions: [0.5, 1, 2], replay: 7, alpha: 0.3, gamma: 0.5, seed: 9 };
    const batch = randomTransitionBatch(new Xoshiro128(3), 20, { states: 12, actions: 3, reward: [-1, 1], doneProbability: 0.3 });
    const [typed, inPlace] = [new QLearningSizer(spec), new QLearningSizer(spec)];
    const cols = inPlace.allocateTransitions(20);
    for (const name of ['state', 'action', 'reward', 'nextState', 'done'] as const) (cols[name] as Int32Array).set(batch[name] as Int32Array);
    expect(inPlace.train(cols, { epochs: 4, batchSize: 3 })).toEqual(typed.train(batch, { epochs: 4, batchSize: 3 }));
    expect(inPlace.toJSON()).toEqual(typed.toJSON());
    cols.release();
    for (const a of [typed, inPlace]) a.dispose();
  });

  it('refuses columns of the wrong kind, detached views and released columns', async () => {
    const agent = new QLearningSizer({ states: 3, actions: [1, 2] });
    const ok = { state: Int32Array.of(0), action: Int32Array.of(0), reward: Float64Array.of(1), nextState: Int32Array.of(0), done: Uint8Array.of(1) };
    expectError(() => agent.update({ ...ok, state: Float64Array.of(0.5) as never }), 'batch.state', 'INVALID_TYPE'); // .set would truncate 0.5 to 0
    expectError(() => agent.update({ ...ok, extra: Int32Array.of(0) } as never), 'batch.extra', 'UNKNOWN_KEY');
    expectError(() => agent.update(null as never), 'batch', 'INVALID_TYPE');
    const cols = agent.allocateTransitions(4);
    const stale = cols.state; // a view kept across an allocation that grows the memory
    const big = agent.allocateTransitions(4_000_000);
    expectError(() => agent.update({ ...ok, state: stale }), 'batch.state', 'INVALID_STATE'); // it reads as length 0 once detached
    big.release();
    cols.release();
    expectError(() => agent.update(cols), 'columns', 'INVALID_STATE');
    expectError(() => agent.allocateTransitions(0), 'n', 'OUT_OF_RANGE');
    const { allocateScaleColumnsSync } = await import('../../src/sizing/scalePositions.js');
    const scale = allocateScaleColumnsSync(2);
    expectError(() => agent.update(scale as never), 'batch', 'INVALID_TYPE'); // columns of another batch
    scale.release();
    agent.dispose();
  });
});

describe('QLearningSizer with plain views into WASM memory', () => {
  it('copies them out before the copy-in grows the memory, and still names a bad row', async () => {
    const { wasmCore } = await import('../../src/runtime/wasm.js');
    const agent = new QLearningSizer({ states: 4, actions: [1, 2] });
    const n = 3_000_000;
    const cols = agent.allocateTransitions(n);
    cols.state.fill(1);
    cols.action.fill(0);
    cols.reward.fill(0.5);
    cols.nextState.fill(2);
    cols.done.fill(1);
    cols.action[n - 1] = 2; // out of range
    const views = { ...cols }; // plain typed arrays over WASM memory, not the columns object
    const generation = wasmCore().arena.generation;
    expectError(() => agent.update(views), `batch.action[${n - 1}]`, 'OUT_OF_RANGE');
    expect(wasmCore().arena.generation).not.toBe(generation); // the copy did grow the memory
    expect(agent.table().every((x) => x === 0)).toBe(true);
    cols.release();
    agent.dispose();
  });

  it('feeds the reward average from the copied rewards, not from the views the copy detached', async () => {
    const { wasmCore } = await import('../../src/runtime/wasm.js');
    const agent = new QLearningSizer({ states: 4, actions: [1, 2] });
    const n = 4_000_000; // larger than the blocks freed above, so the copy must grow the memory
    const cols = agent.allocateTransitions(n);
    cols.state.fill(1);
    cols.action.fill(0);
    cols.reward.fill(0.5);
    cols.nextState.fill(2);
    cols.done.fill(1);
    for (let k = 0; k < 100; k++) cols.reward[n - 100 + k] = k / 100;
    const views = { ...cols };
    const generation = wasmCore().arena.generation;
    agent.update(views);
    expect(wasmCore().arena.generation).not.toBe(generation); // the copy did grow the memory
    expect(views.reward.length).toBe(0); // and detached the caller's views
    // The average of the last 100 rewards, 0, 0.01, …, 0.99: 0.495 (NaN before: read from the detached view).
    expect(agent.metrics().rewardAverage).toBeCloseTo(0.495, 12);
    cols.release();
    agent.dispose();
  });
});

describe('QLearningSizer input checks (issue 9)', () => {
  it('train() names a hole in an array of transitions instead of throwing a TypeError', () => {
    const agent = new QLearningSizer({ states: 3, actions: [1, 2] });
    const sparse = [{ state: 0, action: 0, reward: 1 }, , { state: 1, action: 1, reward: 2 }] as Transition[]; // hole at 1
    expectError(() => agent.train(sparse), 'transitions[1]', 'INVALID_TYPE');
    expectError(() => agent.train(new Array(2) as Transition[]), 'transitions[0]', 'INVALID_TYPE');
    expect(agent.metrics().replaySize).toBe(0);
    agent.dispose();
  });

  it('train() runs a million epochs without overflowing the stack', () => {
    const agent = new QLearningSizer({ states: 2, actions: [1, 2], alpha: 0.5 });
    const deltas = agent.train([{ state: 0, action: 1, reward: 1 }], { epochs: 1_000_000, batchSize: 1 });
    expect(deltas).toHaveLength(1_000_000);
    expect(agent.metrics().meanAbsDeltaQ).toHaveLength(1_000_000);
    // Q[0,1] → 1 geometrically: after k updates of α = ½ it is 1 − 2⁻ᵏ (1 after 53 in doubles).
    expect(agent.table()[1]).toBe(1);
    expectError(() => agent.train([], { epochs: 1_000_001 }), 'opts.epochs', 'OUT_OF_RANGE');
    agent.dispose();
  });

  it('refuses a reward beyond ±MAX_REWARD, so the table never overflows to ±Infinity or NaN', () => {
    const agent = new QLearningSizer({ states: 1, actions: [1], alpha: 1, gamma: 1 });
    expectError(() => agent.observe({ state: 0, action: 0, reward: 1e308, done: false, nextState: 0 }), 'transition.reward', 'OUT_OF_RANGE');
    expectError(() => agent.observe({ state: 0, action: 0, outcome: { returnFraction: 1e300 } }), 'transition.reward', 'OUT_OF_RANGE');
    agent.observe({ state: 0, action: 0, reward: 1e15, done: false, nextState: 0 });
    agent.train([], { epochs: 1000, batchSize: 1 });
    const q = agent.table()[0];
    expect(Number.isFinite(q)).toBe(true);
    expect(q).toBe(1e15 * 1001); // γ = 1, α = 1: each update adds the reward to itself (exact: multiples of 1e15 below 2⁵³·1e15 round exactly here)
    agent.dispose();
  });

  it('counterfactualBatch() names a hole in the samples instead of training on zeros', () => {
    const agent = new QLearningSizer({ states: 3, actions: [1, 2] });
    const sparse = [{ state: 0, outcome: { returnFraction: 0.01 } }, , { state: 1, outcome: { returnFraction: -0.01 } }] as never;
    expectError(() => agent.counterfactualBatch(sparse), 'samples[1]', 'INVALID_TYPE');
    expectError(() => agent.counterfactualBatch([{ state: 0, outcome: { returnFraction: 0.01 }, extra: 1 } as never]), 'samples[0].extra', 'UNKNOWN_KEY');
    agent.dispose();
  });

  it('checks state indices and action indices given to its encoder and action space', () => {
    const agent = new QLearningSizer({ states: 3, actions: [1, 2] });
    expectError(() => agent.actions.decode(-1), 'action', 'OUT_OF_RANGE');
    expectError(() => agent.actions.decode(2), 'action', 'OUT_OF_RANGE');
    expectError(() => agent.states.describe(3), 'index', 'OUT_OF_RANGE');
    expectError(() => agent.states.encode(0, Symbol('x') as never), 'field', 'INVALID_TYPE');
    expectError(() => agent.multiplier(0, null as never), 'opts', 'INVALID_TYPE');
    expectError(() => agent.act(0, { explore: 1 as never }), 'opts.explore', 'INVALID_TYPE');
    agent.dispose();
    expectError(() => agent.metrics(), 'agent', 'INVALID_STATE');
    expectError(() => agent.visitCounts(), 'agent', 'INVALID_STATE');
  });
});
