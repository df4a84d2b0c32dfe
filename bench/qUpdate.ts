// Q-learning update loop: 1 000 000 sequential updates on a 4 096-state × 16-action table
// (WASM kernel on a batch already in WASM memory, the facade's update() with its checks and
// copy, and the TypeScript twin), and a training run of 10 000 replayed transitions × 100
// epochs (the agent's train(), WASM, against the twin with the same draws).
import { Xoshiro128 } from '../src/random/xoshiro128.js';
import { loadWasm } from '../src/runtime/wasm.js';
import { QLearningSizer } from '../src/rl/QLearningSizer.js';
import { qReplayTwin, qUpdateTwin, type TransitionBatch } from '../src/rl/qUpdateTwin.js';
import { randomTransitionBatch } from '../src/rl/randomTransitionBatch.js';
import { runSuite, type BenchRow } from './harness.js';

const STATES = 4_096;
const ACTIONS = 16;
const UPDATES = 1_000_000;
const REPLAY = 10_000;
const EPOCHS = 100;
const ALPHA = 0.1;
const GAMMA = 0.9;

function randomBatch(n: number, seed: number): TransitionBatch {
  return randomTransitionBatch(new Xoshiro128(seed), n, { states: STATES, actions: ACTIONS, reward: [-1, 1], doneProbability: 0.1 });
}

export async function benchQlearning(): Promise<BenchRow[]> {
  const core = await loadWasm();
  const { arena, exports } = core;
  const batch = randomBatch(UPDATES, 1);

  // Set-up outside the timed functions: the table and the batch in WASM memory.
  const q = arena.alloc(STATES * ACTIONS * 8);
  const cols = { s: arena.alloc(UPDATES * 4), a: arena.alloc(UPDATES * 4), r: arena.alloc(UPDATES * 8), s2: arena.alloc(UPDATES * 4), d: arena.alloc(UPDATES) };
  arena.f64(q, STATES * ACTIONS).fill(0);
  arena.i32(cols.s, UPDATES).set(batch.state);
  arena.i32(cols.a, UPDATES).set(batch.action);
  arena.f64(cols.r, UPDATES).set(batch.reward);
  arena.i32(cols.s2, UPDATES).set(batch.nextState);
  arena.u8(cols.d, UPDATES).set(batch.done);
  const twinTable = new Float64Array(STATES * ACTIONS);
  const agent = new QLearningSizer({ states: STATES, actions: Array.from({ length: ACTIONS }, (_, i) => 0.5 + i * 0.1), alpha: ALPHA, gamma: GAMMA, seed: 1 });

  const updates = await runSuite('qlearning', [
    { name: 'TS twin: 1M sequential updates, 4096 × 16', fn: () => qUpdateTwin(twinTable, ACTIONS, batch, ALPHA, GAMMA), units: UPDATES, baseline: true },
    { name: 'WASM qUpdate: 1M sequential updates, 4096 × 16', fn: () => exports.qUpdate(q, ACTIONS, cols.s, cols.a, cols.r, cols.s2, cols.d, UPDATES, ALPHA, GAMMA), units: UPDATES },
    { name: 'agent.update(): checks + copy + WASM, 1M', fn: () => agent.update(batch), units: UPDATES },
  ]);
  for (const p of [q, ...Object.values(cols)]) arena.release(p);
  agent.dispose();

  // Training: 10 000 transitions in the replay buffer, 100 epochs of 10 000 draws (minibatches of 32).
  const replayBatch = randomBatch(REPLAY, 2);
  const trainer = new QLearningSizer({ states: STATES, actions: Array.from({ length: ACTIONS }, (_, i) => 0.5 + i * 0.1), alpha: ALPHA, gamma: GAMMA, seed: 1 });
  trainer.train(replayBatch, { epochs: 1 });
  const twinReplayTable = new Float64Array(STATES * ACTIONS);
  const twinRng = new Xoshiro128(1, 2);
  const batches = Math.ceil(REPLAY / 32);
  const draws = EPOCHS * batches * 32;
  const training = await runSuite(
    'qlearning',
    [
      {
        name: 'TS twin: replay 10k × 100 epochs',
        fn: () => {
          for (let e = 0; e < EPOCHS; e++) qReplayTwin(twinReplayTable, ACTIONS, replayBatch, REPLAY, batches * 32, ALPHA, GAMMA, twinRng);
        },
        units: draws,
        baseline: true,
      },
      { name: 'agent.train(): replay 10k × 100 epochs (WASM)', fn: () => trainer.train([], { epochs: EPOCHS, batchSize: 32 }), units: draws },
    ],
    { time: 2_000 },
  );
  trainer.dispose();
  return [...updates, ...training];
}
