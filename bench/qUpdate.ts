// Q-learning kernels (assembly/qUpdate.ts): the public calls end to end against the bare
// kernel, the TypeScript twin and a plain idiomatic JavaScript loop of the same work, in one run.
//
// update: 1 000 000 sequential updates on a 4 096-state × 16-action table (γ = 0.9, 10 %
// terminal transitions, random states). The public call checks every row (in the kernel's
// first pass), applies them and counts visits; the plain loop (the baseline) does the same
// updates and visit counts with no checks; a second plain row does the updates alone.
// train: 10 000 transitions into a 10 000-slot replay buffer, then 100 epochs of minibatches
// of 32 (10 016 draws each); the plain loop copies the rows into its ring, counts visits and
// replays with the same generator.
//
// No numpy row: each update reads the result of the ones before it (repeated pairs, a later
// s′ that is an earlier s), so numpy can vectorise only the 16-wide max inside a Python loop
// over a million rows, which measures the interpreter, not numpy.
import { Xoshiro128 } from '../src/random/xoshiro128.js';
import { columnSetOf } from '../src/runtime/exposeColumns.js';
import { loadWasm, wasmCore } from '../src/runtime/wasm.js';
import { QLearningSizer } from '../src/rl/QLearningSizer.js';
import { allocateTransitionsSync, MAX_REWARD, type TransitionBatch, type WasmTransitionColumns } from '../src/rl/qUpdate.js';
import { qReplayTwin, qUpdateTwin } from '../src/rl/qUpdateTwin.js';
import { randomTransitionBatch } from '../src/rl/randomTransitionBatch.js';
import { runSuite, type BenchRow } from './harness.js';

const STATES = 4_096;
const ACTIONS = 16;
const UPDATES = 1_000_000;
const REPLAY = 10_000;
const EPOCHS = 100;
const BATCH = 32;
const ALPHA = 0.1;
const GAMMA = 0.9;
const MULTIPLIERS = Array.from({ length: ACTIONS }, (_, i) => 0.5 + i * 0.1);

function randomBatch(n: number, seed: number): TransitionBatch {
  return randomTransitionBatch(new Xoshiro128(seed), n, { states: STATES, actions: ACTIONS, reward: [-1, 1], doneProbability: 0.1 });
}

/** The update as a JavaScript programmer would write it: no checks, max skipped on terminal rows; visits counted as update() does. */
function plainUpdate(q: Float64Array, visits: Uint32Array, nActions: number, b: TransitionBatch, alpha: number, gamma: number): void {
  const { state, action, reward, nextState, done } = b;
  for (let i = 0; i < state.length; i++) {
    let next = 0;
    if (done[i] === 0) {
      const row = nextState[i] * nActions;
      next = q[row];
      for (let k = 1; k < nActions; k++) if (q[row + k] > next) next = q[row + k];
    }
    const cell = state[i] * nActions + action[i];
    q[cell] += alpha * (reward[i] + gamma * next - q[cell]);
    visits[cell]++;
  }
}

/** The same loop without the visit counts: the Q update alone. */
function plainUpdateQOnly(q: Float64Array, nActions: number, b: TransitionBatch, alpha: number, gamma: number): void {
  const { state, action, reward, nextState, done } = b;
  for (let i = 0; i < state.length; i++) {
    let next = 0;
    if (done[i] === 0) {
      const row = nextState[i] * nActions;
      next = q[row];
      for (let k = 1; k < nActions; k++) if (q[row + k] > next) next = q[row + k];
    }
    const cell = state[i] * nActions + action[i];
    q[cell] += alpha * (reward[i] + gamma * next - q[cell]);
  }
}

/** train() as plain JavaScript: rows into the ring, visits counted, then replay with the same generator. */
function plainTrain(q: Float64Array, visits: Uint32Array, ring: TransitionBatch, rows: TransitionBatch, rng: Xoshiro128): void {
  for (const name of ['state', 'action', 'reward', 'nextState', 'done'] as const) (ring[name] as Int32Array).set(rows[name] as Int32Array);
  for (let i = 0; i < rows.state.length; i++) visits[rows.state[i] * ACTIONS + rows.action[i]]++;
  const size = ring.state.length;
  const draws = Math.ceil(size / BATCH) * BATCH;
  for (let e = 0; e < EPOCHS; e++) {
    for (let k = 0; k < draws; k++) {
      const i = rng.nextIndex(size);
      let next = 0;
      if (ring.done[i] === 0) {
        const row = ring.nextState[i] * ACTIONS;
        next = q[row];
        for (let a = 1; a < ACTIONS; a++) if (q[row + a] > next) next = q[row + a];
      }
      const cell = ring.state[i] * ACTIONS + ring.action[i];
      q[cell] += ALPHA * (ring.reward[i] + GAMMA * next - q[cell]);
    }
  }
}

function inWasm(batch: TransitionBatch): WasmTransitionColumns {
  const cols = allocateTransitionsSync(batch.state.length);
  for (const name of ['state', 'action', 'reward', 'nextState', 'done'] as const) (cols[name] as Int32Array).set(batch[name] as Int32Array);
  return cols;
}

/** Where the columns of an allocateTransitions() object live, for the bare kernel rows. */
function pointers(cols: WasmTransitionColumns): (name: keyof TransitionBatch) => number {
  const set = columnSetOf(cols, wasmCore(), ['state', 'action', 'reward', 'nextState', 'done']);
  if (set === undefined) throw new Error('not WASM columns');
  return (name) => set.ptr(name);
}

export async function benchQUpdate(): Promise<BenchRow[]> {
  const core = await loadWasm();
  const { arena, exports } = core;

  // Set-up outside the timed functions: batches, columns in WASM memory, tables.
  const batch = randomBatch(UPDATES, 1);
  const cols = inWasm(batch);
  const bare = { q: arena.alloc(STATES * ACTIONS * 8), visits: arena.alloc(STATES * ACTIONS * 4) };
  arena.f64(bare.q, STATES * ACTIONS).fill(0);
  arena.u32(bare.visits, STATES * ACTIONS).fill(0);
  const plainTable = new Float64Array(STATES * ACTIONS);
  const plainVisits = new Uint32Array(STATES * ACTIONS);
  const plainQOnly = new Float64Array(STATES * ACTIONS);
  const twinTable = new Float64Array(STATES * ACTIONS);
  const twinVisits = new Uint32Array(STATES * ACTIONS);
  const agent = new QLearningSizer({ states: STATES, actions: MULTIPLIERS, alpha: ALPHA, gamma: GAMMA, seed: 1 });
  const ptr = pointers(cols);

  const updates = await runSuite('qUpdate: 1M sequential updates, 4096 × 16', [
    { name: 'plain JS loop: updates + visit counts (no checks)', fn: () => plainUpdate(plainTable, plainVisits, ACTIONS, batch, ALPHA, GAMMA), units: UPDATES, baseline: true },
    { name: 'plain JS loop: updates only', fn: () => plainUpdateQOnly(plainQOnly, ACTIONS, batch, ALPHA, GAMMA), units: UPDATES },
    { name: 'TS twin', fn: () => qUpdateTwin(twinTable, ACTIONS, batch, ALPHA, GAMMA, twinVisits), units: UPDATES },
    {
      name: 'bare kernel (check pass + updates)',
      fn: () => exports.qUpdate(bare.q, bare.visits, STATES, ACTIONS, ptr('state'), ptr('action'), ptr('reward'), ptr('nextState'), ptr('done'), UPDATES, ALPHA, GAMMA, MAX_REWARD, core.scratch),
      units: UPDATES,
    },
    { name: 'agent.update(allocateTransitions columns)', fn: () => agent.update(cols), units: UPDATES },
    { name: 'agent.update(typed arrays): copy-in', fn: () => agent.update(batch), units: UPDATES },
  ]);
  cols.release();
  arena.release(bare.q);
  arena.release(bare.visits);
  agent.dispose();

  const rows = randomBatch(REPLAY, 2);
  const rowCols = inWasm(rows);
  const trainer = new QLearningSizer({ states: STATES, actions: MULTIPLIERS, alpha: ALPHA, gamma: GAMMA, seed: 1, replay: REPLAY });
  const replayOnly = new QLearningSizer({ states: STATES, actions: MULTIPLIERS, alpha: ALPHA, gamma: GAMMA, seed: 1, replay: REPLAY });
  replayOnly.train(rows, { epochs: 1 });
  const ring: TransitionBatch = { state: new Int32Array(REPLAY), action: new Int32Array(REPLAY), reward: new Float64Array(REPLAY), nextState: new Int32Array(REPLAY), done: new Uint8Array(REPLAY) };
  const plainReplayTable = new Float64Array(STATES * ACTIONS);
  const plainReplayVisits = new Uint32Array(STATES * ACTIONS);
  const plainRng = new Xoshiro128(1, 2);
  const twinReplayTable = new Float64Array(STATES * ACTIONS);
  const twinRng = new Xoshiro128(1, 2);
  const draws = Math.ceil(REPLAY / BATCH) * BATCH;
  const bareReplay = { q: arena.alloc(STATES * ACTIONS * 8), rng: arena.alloc(16) };
  arena.f64(bareReplay.q, STATES * ACTIONS).fill(0);
  exports.seedStream(1, 2, bareReplay.rng);
  const ringPtr = pointers(rowCols);
  const training = await runSuite(
    'qUpdate: train 10k transitions × 100 epochs (1M replayed updates)',
    [
      { name: 'plain JS loop: rows into the ring + replay (no checks)', fn: () => plainTrain(plainReplayTable, plainReplayVisits, ring, rows, plainRng), units: EPOCHS * draws, baseline: true },
      {
        name: 'TS twin (replay only)',
        fn: () => {
          for (let e = 0; e < EPOCHS; e++) qReplayTwin(twinReplayTable, ACTIONS, rows, REPLAY, draws, ALPHA, GAMMA, twinRng);
        },
        units: EPOCHS * draws,
      },
      {
        name: 'bare kernel qReplay (replay only)',
        fn: () => {
          for (let e = 0; e < EPOCHS; e++) {
            exports.qReplay(bareReplay.q, ACTIONS, ringPtr('state'), ringPtr('action'), ringPtr('reward'), ringPtr('nextState'), ringPtr('done'), REPLAY, draws, ALPHA, GAMMA, bareReplay.rng);
          }
        },
        units: EPOCHS * draws,
      },
      { name: 'agent.train(allocateTransitions columns, 100 epochs)', fn: () => trainer.train(rowCols, { epochs: EPOCHS, batchSize: BATCH }), units: EPOCHS * draws },
      { name: 'agent.train([], 100 epochs): replay only', fn: () => replayOnly.train([], { epochs: EPOCHS, batchSize: BATCH }), units: EPOCHS * draws },
    ],
    { time: 2_000 },
  );
  rowCols.release();
  arena.release(bareReplay.q);
  arena.release(bareReplay.rng);
  trainer.dispose();
  replayOnly.dispose();
  return [...updates, ...training];
}
