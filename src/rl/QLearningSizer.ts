import { SizewiseError, describeValue } from '../errors.js';
import { Xoshiro128 } from '../random/xoshiro128.js';
import { loadWasm, wasmCore, type WasmCore } from '../runtime/wasm.js';
import { finite, inRange, integer, knownKeys, probability, seed as checkSeed } from '../validate.js';
import { ActionSpace, DEFAULT_ACTIONS, type ActionInfo, type ExitGrid } from './ActionSpace.js';
import { StateEncoder, type StateInput } from './StateEncoder.js';
import { seedReward, type RewardFunction, type TradeOutcome } from './seedReward.js';
import type { TransitionBatch } from './transitionBatch.js';
import type { StateSpec } from './stateSpec.js';

/** Linear ε decay from `start` to `end` over `decaySteps` exploring decisions. */
export interface EpsilonSchedule {
  start: number;
  end: number;
  decaySteps: number;
}

export interface QLearningSpec {
  /** A state count (states are then indices) or a spec of binned and categorical features. */
  states: number | StateSpec;
  /** Size multipliers, one action each (crossed with `grid` when given). Default 0.5, 0.75, 1, 1.25, 1.5, 2. */
  actions?: readonly number[];
  /** Optional joint grid of stop-loss and take-profit multipliers (in ATRs). */
  grid?: ExitGrid;
  /** Learning rate α in (0, 1]. */
  alpha?: number;
  /** Discount γ in [0, 1]; 0 makes each trade its own episode. */
  gamma?: number;
  epsilon?: EpsilonSchedule;
  /** Replay buffer capacity (transitions), 1 … MAX_REPLAY (2²⁰). */
  replay?: number;
  seed?: number;
  /** Range the sizing-layer multiplier is clamped to; default [min, max] of the multipliers. */
  range?: readonly [number, number];
  /** Reward from a trade outcome (default: the seeds' reward, `seedReward`). Not saved by toJSON. */
  reward?: RewardFunction;
}

export const Q_LEARNING_DEFAULTS = Object.freeze({
  alpha: 0.1,
  gamma: 0,
  epsilon: Object.freeze({ start: 0.2, end: 0.05, decaySteps: 1_000 }),
  replay: 10_000,
  seed: 0,
});

export const TRAIN_DEFAULTS = Object.freeze({ epochs: 10, batchSize: 32 });

/** One experience: the state, the action taken, what came of it, and where it led. */
export interface Transition {
  state: StateInput;
  action: number;
  /** The reward; give either this or `outcome` (then the reward function computes it). */
  reward?: number;
  outcome?: TradeOutcome;
  /** The next state, needed when `done` is false. */
  nextState?: StateInput;
  /** Whether the episode ends here; default true (one trade, one episode). */
  done?: boolean;
}

export interface Decision extends ActionInfo {
  /** Q value of the chosen action. */
  value: number;
  /** Whether ε-greedy picked a random action. */
  explored: boolean;
}

export interface PolicyRow {
  state: number;
  /** The state's bins and categories, readable. */
  label: Record<string, string>;
  action: number;
  multiplier: number;
  stopLoss?: number;
  takeProfit?: number;
  value: number;
  /** Transitions seen from this state (any action). */
  visits: number;
}

export interface QLearningMetrics {
  epsilon: number;
  /** Exploring decisions taken (drives the ε decay). */
  steps: number;
  /** Updates applied (direct and replayed). */
  updates: number;
  visitedPairs: number;
  visitedStates: number;
  /** Mean |ΔQ| per replay epoch of every train() call so far: a convergence signal. */
  meanAbsDeltaQ: number[];
  /** Mean |ΔQ| of the last update() batch or observe() (NaN before any). */
  lastMeanAbsDeltaQ: number;
  /** Mean of the last REWARD_WINDOW rewards received by update(), observe() or train() (null before any). */
  rewardAverage: number | null;
  replaySize: number;
}

/** Largest Q-table (bytes) an agent may allocate in WASM memory: 1 GiB. */
export const MAX_TABLE_BYTES = 1 << 30;

/** Largest replay buffer (transitions). */
export const MAX_REPLAY = 1 << 20;

/** Rewards kept for the moving average. */
export const REWARD_WINDOW = 100;

const FORMAT = 'sizewise.qlearning';
const FORMAT_VERSION = 2;

interface Normalised {
  states: number | StateSpec;
  actions: number[];
  grid?: ExitGrid;
  alpha: number;
  gamma: number;
  epsilon: EpsilonSchedule;
  replay: number;
  seed: number;
  range: [number, number];
}

/**
 * A tabular Q-learning sizing agent (Watkins 1989; Sutton & Barto 2018, ch. 6): it
 * observes the market state when a signal arrives, proposes a size multiplier
 * (ε-greedy with linear decay), sees the trade's outcome and updates its Q-table.
 * The table and the replay buffer live in WASM memory (free them with `dispose()`);
 * the update loop (`qUpdate`/`qReplay` in assembly/qlearning.ts) applies transitions
 * strictly in order, with a SIMD max over the next state's actions.
 *
 * Build it after `await ready()` or with `await QLearningSizer.create(spec)`.
 *
 * @example
 * const agent = await QLearningSizer.create({ states: 4, actions: [0.5, 1, 2], seed: 1 });
 * agent.observe({ state: 2, action: 2, reward: 1.5 });
 * agent.act(2).multiplier // 2
 */
export class QLearningSizer {
  readonly states: StateEncoder;
  readonly actions: ActionSpace;
  readonly alpha: number;
  readonly gamma: number;
  readonly epsilonSchedule: Readonly<EpsilonSchedule>;
  readonly replayCapacity: number;
  readonly seed: number;
  readonly range: readonly [number, number];
  private readonly reward: RewardFunction;
  private readonly spec: Normalised;
  private readonly core: WasmCore;
  private readonly nStates: number;
  private readonly nActions: number;
  private tablePtr: number;
  /** Replay columns, one block: state i32 | action i32 | nextState i32 | reward f64 | done u8. */
  private replayPtr: number;
  private readonly rngPtr: number;
  private explore: Xoshiro128;
  /** Words drawn from the exploration stream so far: where fromJSON resumes it. */
  private exploreDraws = 0;
  private readonly visits: Uint32Array;
  private replaySize = 0;
  private replayHead = 0;
  private steps = 0;
  private updates = 0;
  private readonly deltas: number[] = [];
  private readonly rewards: number[] = [];
  private disposed = false;
  private lastDelta = Number.NaN;

  constructor(spec: QLearningSpec) {
    const { normalised: s, encoder, space } = normalise(spec);
    this.spec = s;
    this.core = wasmCore();
    this.states = encoder;
    this.actions = space;
    this.alpha = s.alpha;
    this.gamma = s.gamma;
    this.epsilonSchedule = Object.freeze({ ...s.epsilon });
    this.replayCapacity = s.replay;
    this.seed = s.seed;
    this.range = Object.freeze([...s.range]) as readonly [number, number];
    this.reward = spec.reward ?? ((outcome, action) => seedReward(outcome, action));
    this.nStates = this.states.size;
    this.nActions = this.actions.size;
    const cells = this.nStates * this.nActions;
    if (cells * 8 > MAX_TABLE_BYTES) {
      throw new SizewiseError('TOO_LARGE', 'spec.states', `${this.nStates} states × ${this.nActions} actions need ${cells * 8} bytes, above the ${MAX_TABLE_BYTES}-byte table limit`, cells);
    }
    const arena = this.core.arena;
    this.tablePtr = arena.alloc(cells * 8);
    try {
      this.replayPtr = arena.alloc(this.replayCapacity * 21 + 64);
    } catch (error) {
      arena.release(this.tablePtr);
      throw error;
    }
    this.rngPtr = arena.alloc(16);
    arena.f64(this.tablePtr, this.nStates * this.nActions).fill(0);
    this.core.exports.seedStream(this.seed, 2, this.rngPtr);
    this.explore = new Xoshiro128(this.seed, 3);
    this.visits = new Uint32Array(this.nStates * this.nActions);
  }

  /** Loads the WASM core if needed and builds the agent. Rejects on a bad spec. */
  static async create(spec: QLearningSpec): Promise<QLearningSizer> {
    await loadWasm();
    return new QLearningSizer(spec);
  }

  /** Number of states × actions. */
  get shape(): [number, number] {
    return [this.nStates, this.nActions];
  }

  /** Current exploration rate. */
  get epsilon(): number {
    const { start, end, decaySteps } = this.epsilonSchedule;
    return end + (start - end) * Math.max(0, 1 - this.steps / decaySteps);
  }

  /**
   * Applies a batch of transitions in order with the WASM kernel:
   * Q[s,a] += α (r + γ·(done ? 0 : max Q[s′,·]) − Q[s,a]). All rows are checked first;
   * a bad row throws before anything is written.
   */
  update(batch: TransitionBatch): void {
    this.live();
    const n = checkBatch(batch, this.nStates, this.nActions);
    if (n === 0) return;
    const arena = this.core.arena;
    const ptr = arena.alloc(n * 21 + 64);
    try {
      const cols = columns(ptr, n);
      arena.i32(cols.state, n).set(batch.state);
      arena.i32(cols.action, n).set(batch.action);
      arena.i32(cols.nextState, n).set(batch.nextState);
      arena.f64(cols.reward, n).set(batch.reward);
      arena.u8(cols.done, n).set(batch.done);
      const sum = this.core.exports.qUpdate(this.tablePtr, this.nActions, cols.state, cols.action, cols.reward, cols.nextState, cols.done, n, this.alpha, this.gamma);
      this.lastDelta = sum / n;
    } finally {
      arena.release(ptr);
    }
    for (let i = 0; i < n; i++) this.visits[batch.state[i] * this.nActions + batch.action[i]]++;
    this.recordRewards(batch.reward, n);
    this.updates += n;
  }

  /** A copy of Q: states × actions, row-major. */
  table(): Float64Array {
    this.live();
    return this.core.arena.f64(this.tablePtr, this.nStates * this.nActions).slice();
  }

  /**
   * The action for a state: greedy (ties go to the multiplier closest to 1.0, so an
   * unseen state gets 1.0×), or ε-greedy when `explore` is true (each exploring
   * decision advances the ε decay).
   */
  act(state: StateInput, opts: { explore?: boolean } = {}): Decision {
    this.live();
    knownKeys(opts, 'opts', ['explore']);
    const s = this.states.encode(state, 'state');
    const explore = opts.explore ?? false;
    if (typeof explore !== 'boolean') throw new SizewiseError('INVALID_TYPE', 'opts.explore', `opts.explore must be a boolean, received ${describeValue(explore)}`, explore);
    const q = this.core.arena.f64(this.tablePtr + s * this.nActions * 8, this.nActions);
    let action = this.greedy(q);
    let explored = false;
    if (explore) {
      this.exploreDraws++;
      if (this.explore.nextFloat() < this.epsilon) {
        this.exploreDraws++;
        action = this.explore.nextIndex(this.nActions);
        explored = true;
      }
      this.steps++;
    }
    return { ...this.actions.decode(action), value: q[action], explored };
  }

  /**
   * The sizing-layer multiplier for a state: the greedy action's multiplier (ε-greedy
   * only with `explore: true`), clamped to `range` (default: the spec's range).
   */
  multiplier(state: StateInput, opts: { explore?: boolean; range?: readonly [number, number] } = {}): number {
    knownKeys(opts, 'opts', ['explore', 'range']);
    const [lo, hi] = opts.range === undefined ? this.range : checkRange(opts.range, 'opts.range');
    const m = this.act(state, opts.explore === undefined ? {} : { explore: opts.explore }).multiplier;
    return Math.min(hi, Math.max(lo, m));
  }

  /**
   * Learns from one experience: stores it in the replay buffer and applies it once.
   * Returns the reward used.
   */
  observe(transition: Transition): number {
    this.live();
    const row = this.checkTransition(transition, 'transition');
    const at = this.push(row);
    const cols = columns(this.replayPtr, this.replayCapacity);
    const sum = this.core.exports.qUpdate(
      this.tablePtr, this.nActions, cols.state + at * 4, cols.action + at * 4, cols.reward + at * 8, cols.nextState + at * 4, cols.done + at, 1, this.alpha, this.gamma,
    );
    this.lastDelta = sum;
    this.updates++;
    return row.reward;
  }

  /**
   * Adds `transitions` (if any) to the replay buffer, then runs `epochs` replay epochs:
   * each draws ⌈size / batchSize⌉ minibatches of `batchSize` transitions uniformly with
   * replacement (seeded) and applies them in draw order. Returns mean |ΔQ| per epoch.
   * `transitions` may be Transition objects or a column batch (as from
   * `counterfactualBatch()`), which is checked once and copied into the buffer column
   * by column; either way a bad row throws before anything is stored.
   */
  train(transitions: readonly Transition[] | TransitionBatch = [], opts: { epochs?: number; batchSize?: number } = {}): number[] {
    this.live();
    knownKeys(opts, 'opts', ['epochs', 'batchSize']);
    const epochs = integer(opts.epochs ?? TRAIN_DEFAULTS.epochs, 'opts.epochs', 1, 1_000_000);
    const batchSize = integer(opts.batchSize ?? TRAIN_DEFAULTS.batchSize, 'opts.batchSize', 1, 1 << 24);
    if (Array.isArray(transitions)) {
      const rows = transitions.map((t, i) => this.checkTransition(t, `transitions[${i}]`));
      for (const row of rows) this.push(row);
    } else if (transitions !== null && typeof transitions === 'object') {
      const batch = transitions as TransitionBatch;
      this.pushBatch(batch, checkBatch(batch, this.nStates, this.nActions, 'transitions'));
    } else {
      throw new SizewiseError('INVALID_TYPE', 'transitions', `transitions must be an array or a column batch, received ${describeValue(transitions)}`, transitions);
    }
    if (this.replaySize === 0) throw new SizewiseError('EMPTY_INPUT', 'transitions', 'nothing to train on: the replay buffer is empty and no transitions were given');
    const cols = columns(this.replayPtr, this.replayCapacity);
    // Minibatches are drawn and applied in sequence, so an epoch's minibatches are one
    // kernel call: the same draws in the same order as batch-by-batch calls.
    const draws = Math.ceil(this.replaySize / batchSize) * batchSize;
    const out: number[] = [];
    for (let e = 0; e < epochs; e++) {
      const sum = this.core.exports.qReplay(
        this.tablePtr, this.nActions, cols.state, cols.action, cols.reward, cols.nextState, cols.done,
        this.replaySize, draws, this.alpha, this.gamma, this.rngPtr,
      );
      this.updates += draws;
      out.push(sum / draws);
    }
    this.deltas.push(...out);
    return out;
  }

  /**
   * Counterfactual transitions: a size multiplier does not change a trade's path, so
   * one outcome gives the reward of every multiplier. Returns one row per (sample,
   * action), sample-major, each a finished episode, ready for `update()` or `train()`.
   * With an exit grid, stops and targets do change the outcome: give `outcomeFor`
   * (e.g. from `exitGridOutcome`) instead of `outcome`.
   */
  counterfactualBatch(
    samples: readonly { state: StateInput; outcome?: TradeOutcome; outcomeFor?: (action: ActionInfo) => TradeOutcome }[],
  ): TransitionBatch {
    this.live();
    if (!Array.isArray(samples)) throw new SizewiseError('INVALID_TYPE', 'samples', `samples must be an array, received ${describeValue(samples)}`, samples);
    const nA = this.nActions;
    const n = samples.length * nA;
    const batch: TransitionBatch = { state: new Int32Array(n), action: new Int32Array(n), reward: new Float64Array(n), nextState: new Int32Array(n), done: new Uint8Array(n).fill(1) };
    const infos = Array.from({ length: nA }, (_, a) => this.actions.decode(a));
    samples.forEach((sample, i) => {
      const field = `samples[${i}]`;
      if (sample === null || typeof sample !== 'object') throw new SizewiseError('INVALID_TYPE', field, `${field} must be { state, outcome }`, sample);
      const s = this.states.encode(sample.state, `${field}.state`);
      const perAction = sample.outcomeFor;
      if (perAction === undefined && this.actions.grid !== null) {
        throw new SizewiseError('INVALID_TYPE', `${field}.outcomeFor`, `${field}.outcomeFor is required with an exit grid: stops and take-profits change the outcome`);
      }
      const shared = perAction === undefined ? checkOutcome(sample.outcome as TradeOutcome, `${field}.outcome`) : undefined;
      for (let a = 0; a < nA; a++) {
        const k = i * nA + a;
        const o = shared ?? checkOutcome((perAction as (a: ActionInfo) => TradeOutcome)(infos[a]), `${field}.outcomeFor(${a})`);
        batch.state[k] = s;
        batch.nextState[k] = s;
        batch.action[k] = a;
        batch.reward[k] = finite(this.reward(o, infos[a]), `${field}.reward`);
      }
    });
    return batch;
  }

  /** Best action and value for every visited state, in state order. */
  policy(): PolicyRow[] {
    this.live();
    const q = this.core.arena.f64(this.tablePtr, this.nStates * this.nActions);
    const rows: PolicyRow[] = [];
    for (let s = 0; s < this.nStates; s++) {
      let visits = 0;
      for (let a = 0; a < this.nActions; a++) visits += this.visits[s * this.nActions + a];
      if (visits === 0) continue;
      const row = q.subarray(s * this.nActions, (s + 1) * this.nActions);
      const { action, multiplier, stopLoss, takeProfit } = this.actions.decode(this.greedy(row));
      rows.push({
        state: s,
        label: this.states.describe(s),
        action,
        multiplier,
        ...(stopLoss !== undefined ? { stopLoss, takeProfit } : {}),
        value: row[action],
        visits,
      });
    }
    return rows;
  }

  /** Transitions seen per (state, action), row-major (a copy). */
  visitCounts(): Uint32Array {
    return this.visits.slice();
  }

  metrics(): QLearningMetrics {
    let pairs = 0;
    let states = 0;
    for (let s = 0; s < this.nStates; s++) {
      let any = false;
      for (let a = 0; a < this.nActions; a++) {
        if (this.visits[s * this.nActions + a] > 0) {
          pairs++;
          any = true;
        }
      }
      if (any) states++;
    }
    return {
      epsilon: this.epsilon,
      steps: this.steps,
      updates: this.updates,
      visitedPairs: pairs,
      visitedStates: states,
      meanAbsDeltaQ: [...this.deltas],
      lastMeanAbsDeltaQ: this.lastDelta,
      rewardAverage: this.rewards.length === 0 ? null : this.rewards.reduce((a, b) => a + b, 0) / this.rewards.length,
      replaySize: this.replaySize,
    };
  }

  /**
   * A plain-JSON snapshot: format and version, the spec (without a custom reward
   * function), the table, visit counts, the ε step, the replay buffer, the reward window
   * and where both random streams stand, so a reloaded agent continues exactly as the
   * original would have (the same explorations, the same replay draws). Not saved: the
   * |ΔQ| history of metrics() (meanAbsDeltaQ, lastMeanAbsDeltaQ).
   */
  toJSON(): SavedQLearningSizer {
    this.live();
    const { states, actions, grid, alpha, gamma, epsilon, replay, seed, range } = this.spec;
    const n = this.replaySize;
    const cols = columns(this.replayPtr, this.replayCapacity);
    const arena = this.core.arena;
    return {
      format: FORMAT,
      version: FORMAT_VERSION,
      spec: { states, actions, ...(grid !== undefined ? { grid } : {}), alpha, gamma, epsilon, replay, seed, range },
      steps: this.steps,
      updates: this.updates,
      table: Array.from(this.table()),
      visits: Array.from(this.visits),
      streams: { exploreDraws: this.exploreDraws, replay: Array.from(arena.u32(this.rngPtr, 4)) },
      replay: {
        head: this.replayHead,
        state: Array.from(arena.i32(cols.state, n)),
        action: Array.from(arena.i32(cols.action, n)),
        reward: Array.from(arena.f64(cols.reward, n)),
        nextState: Array.from(arena.i32(cols.nextState, n)),
        done: Array.from(arena.u8(cols.done, n)),
      },
      rewards: [...this.rewards],
    };
  }

  /**
   * Rebuilds an agent from `toJSON()` output. A wrong format or version, a table or
   * visit list that does not match the saved spec, a non-finite entry, or a saved spec
   * that differs from `opts.expect` (states and actions) rejects with a SizewiseError
   * naming the field. Pass `opts.reward` again when the agent used a custom reward.
   * Version 1 files (before the random streams and replay buffer were saved) still
   * load: empty replay buffer, a fresh replay stream, and an exploration stream that
   * depends only on (seed, steps), as that version did.
   */
  static async fromJSON(json: unknown, opts: { reward?: RewardFunction; expect?: Pick<QLearningSpec, 'states' | 'actions' | 'grid'> } = {}): Promise<QLearningSizer> {
    await loadWasm();
    knownKeys(opts, 'opts', ['reward', 'expect']);
    if (json === null || typeof json !== 'object') {
      throw new SizewiseError('INVALID_TYPE', 'json', `json must be a saved Q-learning agent, received ${describeValue(json)}`, json);
    }
    const j = json as Partial<SavedQLearningSizer>;
    if (j.format !== FORMAT) throw new SizewiseError('INVALID_STATE', 'json.format', `json.format must be "${FORMAT}", received ${describeValue(j.format)}`, j.format);
    if (j.version !== FORMAT_VERSION && j.version !== 1) {
      throw new SizewiseError('INVALID_STATE', 'json.version', `json.version ${describeValue(j.version)} is not supported (this build reads versions 1 and ${FORMAT_VERSION})`, j.version);
    }
    if (j.spec === null || typeof j.spec !== 'object') throw new SizewiseError('INVALID_STATE', 'json.spec', 'json.spec is missing', j.spec);
    if (opts.expect !== undefined) {
      const expected = shapeOf(opts.expect, 'opts.expect').shape;
      for (const key of ['states', 'actions', 'grid'] as const) {
        if (JSON.stringify(j.spec[key]) !== JSON.stringify(expected[key])) {
          throw new SizewiseError('INVALID_STATE', `json.spec.${key}`, `the saved agent's ${key} do not match the expected spec`, j.spec[key]);
        }
      }
    }
    const agent = new QLearningSizer({ ...(j.spec as QLearningSpec), ...(opts.reward !== undefined ? { reward: opts.reward } : {}) });
    try {
      const size = agent.nStates * agent.nActions;
      const table = j.table;
      if (!Array.isArray(table) || table.length !== size) {
        throw new SizewiseError('INVALID_STATE', 'json.table', `json.table must hold ${agent.nStates} × ${agent.nActions} = ${size} values for the saved spec, received ${describeValue(table)}`, table);
      }
      const visits = j.visits;
      if (!Array.isArray(visits) || visits.length !== size) {
        throw new SizewiseError('INVALID_STATE', 'json.visits', `json.visits must hold ${size} counts for the saved spec, received ${describeValue(visits)}`, visits);
      }
      const q = agent.core.arena.f64(agent.tablePtr, size);
      for (let i = 0; i < size; i++) {
        q[i] = finite(table[i], `json.table[${i}]`) + 0; // + 0: no −0 in the table (see assembly/qlearning.ts)
        agent.visits[i] = integer(visits[i], `json.visits[${i}]`, 0, 0xffff_ffff);
      }
      agent.steps = integer(j.steps ?? 0, 'json.steps', 0);
      agent.updates = integer(j.updates ?? 0, 'json.updates', 0);
      if (j.version === 1) {
        agent.explore = new Xoshiro128(agent.seed, 3 + agent.steps); // version 1's restart point
        return agent;
      }
      agent.restore(j);
      return agent;
    } catch (error) {
      agent.dispose();
      throw error;
    }
  }

  /** Resumes both random streams, the replay buffer and the reward window of a version-2 snapshot. */
  private restore(j: Partial<SavedQLearningSizer>): void {
    const streams = j.streams;
    if (streams === null || typeof streams !== 'object') throw new SizewiseError('INVALID_STATE', 'json.streams', 'json.streams is missing', streams);
    // Xoshiro128 does not expose its words, so the exploration stream is re-seeded and
    // advanced by the words drawn (at most two per exploring decision).
    const draws = integer(streams.exploreDraws, 'json.streams.exploreDraws', 0, 2 * this.steps);
    for (let i = 0; i < draws; i++) this.explore.nextU32();
    this.exploreDraws = draws;
    const words = streams.replay;
    if (!Array.isArray(words) || words.length !== 4) {
      throw new SizewiseError('INVALID_STATE', 'json.streams.replay', `json.streams.replay must hold the replay stream's 4 state words, received ${describeValue(words)}`, words);
    }
    const rng = words.map((w, i) => integer(w, `json.streams.replay[${i}]`, 0, 0xffff_ffff));
    if (rng.every((w) => w === 0)) throw new SizewiseError('INVALID_STATE', 'json.streams.replay', 'json.streams.replay must not be all zero (xoshiro128+ would stay at 0)', words);
    const saved = j.replay;
    if (saved === null || typeof saved !== 'object') throw new SizewiseError('INVALID_STATE', 'json.replay', 'json.replay is missing', saved);
    const field = 'json.replay';
    const asColumn = <T extends Int32Array | Float64Array | Uint8Array>(key: keyof TransitionBatch, make: (x: number[]) => T): T => {
      const col = saved[key];
      if (!Array.isArray(col)) throw new SizewiseError('INVALID_STATE', `${field}.${key}`, `${field}.${key} must be an array, received ${describeValue(col)}`, col);
      const typed = make(col);
      col.forEach((x, i) => {
        if (!Object.is(typed[i], x)) {
          throw new SizewiseError('INVALID_STATE', `${field}.${key}[${i}]`, `${field}.${key}[${i}] is not a valid ${key} value, received ${describeValue(x)}`, x);
        }
      });
      return typed; // a NaN reward and out-of-range indices are then named by checkBatch
    };
    const batch: TransitionBatch = {
      state: asColumn('state', (x) => Int32Array.from(x)),
      action: asColumn('action', (x) => Int32Array.from(x)),
      reward: asColumn('reward', (x) => Float64Array.from(x)),
      nextState: asColumn('nextState', (x) => Int32Array.from(x)),
      done: asColumn('done', (x) => Uint8Array.from(x)),
    };
    const size = checkBatch(batch, this.nStates, this.nActions, field);
    if (size > this.replayCapacity) {
      throw new SizewiseError('INVALID_STATE', `${field}.state`, `${field} holds ${size} rows, above the saved capacity ${this.replayCapacity}`, size);
    }
    this.replayHead = integer(saved.head, `${field}.head`, 0, size === this.replayCapacity ? size - 1 : size);
    if (size < this.replayCapacity && this.replayHead !== size) {
      throw new SizewiseError('INVALID_STATE', `${field}.head`, `${field}.head must be ${size} while the buffer is not full, received ${saved.head}`, saved.head);
    }
    const rewards = j.rewards;
    if (!Array.isArray(rewards) || rewards.length > REWARD_WINDOW) {
      throw new SizewiseError('INVALID_STATE', 'json.rewards', `json.rewards must hold at most ${REWARD_WINDOW} rewards, received ${describeValue(rewards)}`, rewards);
    }
    const window = rewards.map((r, i) => finite(r, `json.rewards[${i}]`));
    this.writeRows(batch, 0, size);
    this.replaySize = size;
    this.rewards.push(...window);
    this.core.arena.u32(this.rngPtr, 4).set(rng);
  }

  /** Copies `n` checked rows into the replay buffer from slot `at` (no wrap-around), column by column. */
  private writeRows(batch: TransitionBatch, at: number, n: number, from = 0): void {
    const cols = columns(this.replayPtr, this.replayCapacity);
    const arena = this.core.arena;
    arena.i32(cols.state + at * 4, n).set(batch.state.subarray(from, from + n));
    arena.i32(cols.action + at * 4, n).set(batch.action.subarray(from, from + n));
    arena.i32(cols.nextState + at * 4, n).set(batch.nextState.subarray(from, from + n));
    arena.f64(cols.reward + at * 8, n).set(batch.reward.subarray(from, from + n));
    arena.u8(cols.done + at, n).set(batch.done.subarray(from, from + n));
  }

  /** Frees the table and replay buffer in WASM memory; the agent cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const arena = this.core.arena;
    arena.release(this.tablePtr);
    arena.release(this.replayPtr);
    arena.release(this.rngPtr);
  }

  private live(): void {
    if (this.disposed) throw new SizewiseError('INVALID_STATE', 'agent', 'this QLearningSizer was disposed');
  }

  /** Argmax of a row; ties keep the neutral action (multiplier closest to 1.0), else the first. */
  private greedy(q: Float64Array): number {
    let best = this.actions.neutral;
    for (let a = 0; a < q.length; a++) if (q[a] > q[best]) best = a;
    return best;
  }

  private checkTransition(t: Transition, field: string): Row {
    if (t === null || typeof t !== 'object') throw new SizewiseError('INVALID_TYPE', field, `${field} must be a transition object, received ${describeValue(t)}`, t);
    knownKeys(t, field, ['state', 'action', 'reward', 'outcome', 'nextState', 'done']);
    const state = this.states.encode(t.state, `${field}.state`);
    const action = this.actions.check(t.action, `${field}.action`);
    const done = t.done ?? true;
    if (typeof done !== 'boolean') throw new SizewiseError('INVALID_TYPE', `${field}.done`, `${field}.done must be a boolean, received ${describeValue(done)}`, done);
    let nextState = state;
    if (t.nextState !== undefined) nextState = this.states.encode(t.nextState, `${field}.nextState`);
    else if (!done) throw new SizewiseError('INVALID_TYPE', `${field}.nextState`, `${field}.nextState is required when done is false`);
    let reward: number;
    if (t.reward !== undefined) {
      if (t.outcome !== undefined) throw new SizewiseError('INVALID_TYPE', `${field}.outcome`, `${field}: give reward or outcome, not both`);
      reward = finite(t.reward, `${field}.reward`);
    } else {
      if (t.outcome === undefined) throw new SizewiseError('INVALID_TYPE', `${field}.reward`, `${field} needs a reward or an outcome`);
      const o = checkOutcome(t.outcome, `${field}.outcome`);
      reward = finite(this.reward(o, this.actions.decode(action)), `${field}.reward`);
    }
    return { state, action, reward, nextState, done };
  }

  /** Appends `n` checked rows to the ring buffer, as n push() calls would (only the last `capacity` rows stay). */
  private pushBatch(batch: TransitionBatch, n: number): void {
    const cap = this.replayCapacity;
    const first = Math.max(0, n - cap); // earlier rows would be overwritten within this batch
    let at = (this.replayHead + first) % cap;
    for (let from = first; from < n; ) {
      const len = Math.min(n - from, cap - at);
      this.writeRows(batch, at, len, from);
      from += len;
      at = (at + len) % cap;
    }
    this.replayHead = (this.replayHead + n) % cap;
    this.replaySize = Math.min(cap, this.replaySize + n);
    for (let i = 0; i < n; i++) this.visits[batch.state[i] * this.nActions + batch.action[i]]++;
    this.recordRewards(batch.reward, n);
  }

  /** Adds the first `n` rewards to the moving-average window (the last REWARD_WINDOW kept). */
  private recordRewards(reward: Float64Array, n: number): void {
    for (let i = Math.max(0, n - REWARD_WINDOW); i < n; i++) this.rewards.push(reward[i]);
    if (this.rewards.length > REWARD_WINDOW) this.rewards.splice(0, this.rewards.length - REWARD_WINDOW);
  }

  /** Writes a row into the ring buffer; returns its slot. */
  private push(row: Row): number {
    const at = this.replayHead;
    const cap = this.replayCapacity;
    const cols = columns(this.replayPtr, cap);
    const arena = this.core.arena;
    arena.i32(cols.state + at * 4, 1)[0] = row.state;
    arena.i32(cols.action + at * 4, 1)[0] = row.action;
    arena.i32(cols.nextState + at * 4, 1)[0] = row.nextState;
    arena.f64(cols.reward + at * 8, 1)[0] = row.reward;
    arena.u8(cols.done + at, 1)[0] = row.done ? 1 : 0;
    this.replayHead = (at + 1) % cap;
    this.replaySize = Math.min(cap, this.replaySize + 1);
    this.visits[row.state * this.nActions + row.action]++;
    this.rewards.push(row.reward);
    if (this.rewards.length > REWARD_WINDOW) this.rewards.shift();
    return at;
  }
}

/** What toJSON() writes. */
export interface SavedQLearningSizer {
  format: typeof FORMAT;
  version: number;
  spec: Omit<Normalised, 'grid'> & { grid?: ExitGrid };
  steps: number;
  updates: number;
  table: number[];
  visits: number[];
  /** Where the random streams stand (version 2): words drawn from the exploration stream, the replay stream's state words. */
  streams: { exploreDraws: number; replay: number[] };
  /** The replay buffer's rows in slot order and the next slot to write (version 2). */
  replay: { head: number; state: number[]; action: number[]; reward: number[]; nextState: number[]; done: number[] };
  /** The reward window behind metrics().rewardAverage, oldest first (version 2). */
  rewards: number[];
}

interface Row {
  state: number;
  action: number;
  reward: number;
  nextState: number;
  done: boolean;
}

function checkOutcome(o: TradeOutcome, field: string): TradeOutcome {
  if (o === null || typeof o !== 'object') throw new SizewiseError('INVALID_TYPE', field, `${field} must be a trade outcome, received ${describeValue(o)}`, o);
  knownKeys(o, field, ['returnPct', 'rMultiple', 'maxAdverseExcursion']);
  finite(o.returnPct, `${field}.returnPct`);
  if (o.rMultiple !== undefined) finite(o.rMultiple, `${field}.rMultiple`);
  if (o.maxAdverseExcursion !== undefined) finite(o.maxAdverseExcursion, `${field}.maxAdverseExcursion`);
  return o;
}

/** Column addresses inside one block of n rows (f64 column 8-byte aligned). */
function columns(ptr: number, n: number) {
  const state = ptr;
  const action = state + n * 4;
  const nextState = action + n * 4;
  const reward = nextState + n * 4 + ((n * 12) % 8 === 0 ? 0 : 4);
  const done = reward + n * 8;
  return { state, action, nextState, reward, done };
}

function checkRange(range: unknown, field: string): [number, number] {
  if (!Array.isArray(range) || range.length !== 2) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be [min, max], received ${describeValue(range)}`, range);
  }
  const lo = finite(range[0], `${field}[0]`);
  const hi = inRange(range[1], `${field}[1]`, { min: lo });
  return [lo, hi];
}

/** The state encoder and action space of a spec, built (and so checked) once, and its saved shape. */
function shapeOf(spec: Pick<QLearningSpec, 'states' | 'actions' | 'grid'>, field: string) {
  const encoder = new StateEncoder(spec.states, `${field}.states`);
  const space = new ActionSpace(spec.actions ?? DEFAULT_ACTIONS, spec.grid, `${field}.actions`, `${field}.grid`);
  const shape: { states: number | StateSpec; actions: number[]; grid?: ExitGrid } = {
    states: encoder.spec ?? encoder.size,
    actions: [...space.multipliers],
    ...(space.grid !== null ? { grid: { stopLoss: [...space.grid.stopLoss], takeProfit: [...space.grid.takeProfit] } } : {}),
  };
  return { encoder, space, shape };
}

function normalise(spec: QLearningSpec): { normalised: Normalised; encoder: StateEncoder; space: ActionSpace } {
  if (spec === null || typeof spec !== 'object') throw new SizewiseError('INVALID_TYPE', 'spec', `spec must be an object, received ${describeValue(spec)}`, spec);
  knownKeys(spec, 'spec', ['states', 'actions', 'grid', 'alpha', 'gamma', 'epsilon', 'replay', 'seed', 'range', 'reward']);
  const d = Q_LEARNING_DEFAULTS;
  const { encoder, space, shape } = shapeOf(spec, 'spec');
  const alpha = inRange(spec.alpha ?? d.alpha, 'spec.alpha', { min: 0, minOpen: true, max: 1 });
  const gamma = probability(spec.gamma ?? d.gamma, 'spec.gamma');
  const eps = spec.epsilon ?? d.epsilon;
  knownKeys(eps, 'spec.epsilon', ['start', 'end', 'decaySteps']);
  const epsilon = {
    start: probability(eps.start ?? d.epsilon.start, 'spec.epsilon.start'),
    end: probability(eps.end ?? d.epsilon.end, 'spec.epsilon.end'),
    decaySteps: integer(eps.decaySteps ?? d.epsilon.decaySteps, 'spec.epsilon.decaySteps', 1),
  };
  const replay = integer(spec.replay ?? d.replay, 'spec.replay', 1, MAX_REPLAY);
  const seed = checkSeed(spec.seed ?? d.seed, 'spec.seed');
  const range = spec.range === undefined ? ([Math.min(...shape.actions), Math.max(...shape.actions)] as [number, number]) : checkRange(spec.range, 'spec.range');
  if (spec.reward !== undefined && typeof spec.reward !== 'function') {
    throw new SizewiseError('INVALID_TYPE', 'spec.reward', `spec.reward must be a function, received ${describeValue(spec.reward)}`, spec.reward);
  }
  return { normalised: { ...shape, alpha, gamma, epsilon, replay, seed, range }, encoder, space };
}

/** Validates a batch's columns; returns its length. Checks every row before any write. */
function checkBatch(batch: TransitionBatch, nStates: number, nActions: number, name = 'batch'): number {
  if (batch === null || typeof batch !== 'object') throw new SizewiseError('INVALID_TYPE', name, `${name} must be an object of columns, received ${describeValue(batch)}`, batch);
  knownKeys(batch, name, ['state', 'action', 'reward', 'nextState', 'done']);
  const kinds = { state: Int32Array, action: Int32Array, reward: Float64Array, nextState: Int32Array, done: Uint8Array } as const;
  for (const [key, kind] of Object.entries(kinds)) {
    const col = (batch as unknown as Record<string, unknown>)[key];
    if (!(col instanceof kind)) {
      throw new SizewiseError('INVALID_TYPE', `${name}.${key}`, `${name}.${key} must be a ${kind.name}, received ${describeValue(col)}`, col);
    }
  }
  const n = batch.state.length;
  for (const key of ['action', 'reward', 'nextState', 'done'] as const) {
    if (batch[key].length !== n) {
      throw new SizewiseError('LENGTH_MISMATCH', `${name}.${key}`, `${name}.${key} has ${batch[key].length} rows, ${name}.state has ${n}`, batch[key].length);
    }
  }
  const { state, action, reward, nextState, done } = batch;
  for (let i = 0; i < n; i++) {
    if (!(state[i] >= 0 && state[i] < nStates)) integer(state[i], `${name}.state[${i}]`, 0, nStates - 1);
    if (!(action[i] >= 0 && action[i] < nActions)) integer(action[i], `${name}.action[${i}]`, 0, nActions - 1);
    if (!(nextState[i] >= 0 && nextState[i] < nStates)) integer(nextState[i], `${name}.nextState[${i}]`, 0, nStates - 1);
    if (!Number.isFinite(reward[i])) finite(reward[i], `${name}.reward[${i}]`);
    if (done[i] > 1) integer(done[i], `${name}.done[${i}]`, 0, 1);
  }
  return n;
}
