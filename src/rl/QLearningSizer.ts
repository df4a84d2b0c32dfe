import { SizewiseError, describeValue } from '../errors.js';
import { Xoshiro128 } from '../random/xoshiro128.js';
import { WasmColumnSet } from '../runtime/columnSet.js';
import { loadWasm, wasmCore, type WasmCore } from '../runtime/wasm.js';
import { integer, knownKeys } from '../validate.js';
import type { ActionInfo, ActionSpace } from './ActionSpace.js';
import { checkTransition, type Transition, type TransitionContext, type TransitionRow } from './checkTransition.js';
import { counterfactualBatch, type CounterfactualSample } from './counterfactualBatch.js';
import { checkRange, normaliseSpec, type EpsilonSchedule, type NormalisedSpec, type QLearningSpec } from './qLearningSpec.js';
import {
  allocateTransitionsSync,
  checkedTransitions,
  qReplay,
  qUpdate,
  qUpdateSlot,
  TRANSITION_COLUMNS,
  type QTableMemory,
  type TransitionBatch,
  type WasmTransitionColumns,
} from './qUpdate.js';
import { ReplayBuffer } from './ReplayBuffer.js';
import { RewardWindow } from './RewardWindow.js';
import { EXPLORE_STREAM, readSavedAgent, REPLAY_STREAM, writeSavedAgent, type AgentSnapshot, type SavedQLearningSizer } from './savedQLearningSizer.js';
import { SEED_REWARD_DEFAULTS, seedRewardOf, type RewardFunction } from './seedReward.js';
import type { StateEncoder, StateInput } from './StateEncoder.js';
import type { StateOf } from './stateSpec.js';

export const TRAIN_DEFAULTS = Object.freeze({ epochs: 10, batchSize: 32 });

/** Most replay epochs one train() call runs. */
export const MAX_EPOCHS = 1_000_000;

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

/** One WASM block per agent: the replay ring's rows, the table, its visit counts and the replay stream. */
function agentColumns(cells: number) {
  return {
    ...TRANSITION_COLUMNS,
    table: { kind: 'f64', length: cells },
    visits: { kind: 'u32', length: cells },
    replayStream: { kind: 'u32', length: 4 },
  } as const;
}

/**
 * A tabular Q-learning sizing agent (Watkins 1989; Sutton & Barto 2018, ch. 6): it
 * observes the market state when a signal arrives, proposes a size multiplier
 * (ε-greedy with linear decay), sees the trade's outcome and updates its Q-table.
 * The table, its visit counts and the replay buffer live in one block of WASM memory
 * (free it with `dispose()`); the update loop (`qUpdate`/`qReplay` in assembly/qUpdate.ts)
 * checks a batch, then applies it strictly in order, with a SIMD max over the next
 * state's actions.
 *
 * Build it after `await ready()` or with `await QLearningSizer.create(spec)`. S is the
 * state type: `create` infers it from `spec.states` (StateOf), so with DEFAULT_STATE_SPEC or
 * a spec written in the call a misspelt feature or an unknown category does not compile.
 *
 * @example
 * const agent = await QLearningSizer.create({ states: 4, actions: [0.5, 1, 2], seed: 1 });
 * agent.observe({ state: 2, action: 2, reward: 1.5 });
 * agent.act(2).multiplier // 2
 */
export class QLearningSizer<S extends StateInput = StateInput> {
  readonly states: StateEncoder;
  readonly actions: ActionSpace;
  readonly alpha: number;
  readonly gamma: number;
  readonly epsilonSchedule: Readonly<EpsilonSchedule>;
  readonly replayCapacity: number;
  readonly seed: number;
  readonly range: readonly [number, number];
  private readonly reward: RewardFunction;
  private readonly spec: NormalisedSpec;
  private readonly context: TransitionContext;
  private readonly core: WasmCore;
  private readonly nStates: number;
  private readonly nActions: number;
  private readonly memory: WasmColumnSet<ReturnType<typeof agentColumns>>;
  private readonly kernel: QTableMemory;
  private readonly replay: ReplayBuffer;
  private explore: Xoshiro128;
  private steps = 0;
  private updates = 0;
  private readonly deltas: number[] = [];
  private readonly rewards = new RewardWindow();
  private disposed = false;
  private lastDelta = Number.NaN;

  constructor(spec: QLearningSpec) {
    const { normalised: s, encoder, space } = normaliseSpec(spec, 'spec');
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
    this.reward = spec.reward ?? ((outcome, action) => seedRewardOf(outcome, action, SEED_REWARD_DEFAULTS));
    this.context = { states: encoder, actions: space, reward: this.reward };
    this.nStates = this.states.size;
    this.nActions = this.actions.size;
    const cells = this.nStates * this.nActions;
    // The whole agent is one request, sized before WASM memory grows (refused as TOO_LARGE).
    this.memory = new WasmColumnSet(this.core, this.replayCapacity, agentColumns(cells));
    this.memory.view('table').fill(0);
    this.memory.view('visits').fill(0);
    this.core.exports.seedStream(this.seed, REPLAY_STREAM, this.memory.ptr('replayStream'));
    this.kernel = { core: this.core, tablePtr: this.memory.ptr('table'), visitsPtr: this.memory.ptr('visits'), nStates: this.nStates, nActions: this.nActions };
    const memory = this.memory;
    this.replay = new ReplayBuffer({ length: memory.length, ptr: (name) => memory.ptr(name), view: (name) => memory.view(name) as never });
    this.explore = new Xoshiro128(this.seed, EXPLORE_STREAM);
  }

  /** Loads the WASM core if needed and builds the agent. Rejects on a bad spec. */
  static async create<const Spec extends QLearningSpec>(spec: Spec): Promise<QLearningSizer<StateOf<Spec['states']>>> {
    await loadWasm();
    return new QLearningSizer<StateOf<Spec['states']>>(spec);
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
   * Columns for `n` transitions in WASM memory (as `allocateTransitions`): fill them and
   * pass them to `update()` or `train()`, which read them in place.
   */
  allocateTransitions(n: number): WasmTransitionColumns {
    this.#live();
    return allocateTransitionsSync(n);
  }

  /**
   * Applies a batch of transitions in order with the WASM kernel:
   * Q[s,a] += α (r + γ·(done ? 0 : max Q[s′,·]) − Q[s,a]). The kernel checks every row
   * first (a state, next state or action out of range, a reward that is NaN or beyond
   * ±MAX_REWARD, a done flag other than 0/1): a bad row throws, naming it, before anything
   * is written. Columns from `allocateTransitions` are read in place; typed arrays
   * (Int32Array, Float64Array, Uint8Array as in TransitionBatch) are copied in.
   */
  update(batch: TransitionBatch): void {
    this.#live();
    const { rows, sumAbsDelta, rewards } = qUpdate(this.kernel, batch, this.alpha, this.gamma, 'batch');
    if (rows === 0) return;
    this.lastDelta = sumAbsDelta / rows;
    this.rewards.pushAll(rewards, rows);
    this.updates += rows;
  }

  /** A copy of Q: states × actions, row-major. */
  table(): Float64Array {
    this.#live();
    return this.memory.view('table').slice();
  }

  /**
   * The action for a state: greedy (ties go to the multiplier closest to 1.0, so an
   * unseen state gets 1.0×), or ε-greedy when `explore` is true (each exploring
   * decision advances the ε decay).
   */
  act(state: S, opts: { explore?: boolean } = {}): Decision {
    this.#live();
    knownKeys(opts, 'opts', ['explore']);
    const s = this.states.encode(state, 'state');
    const explore = opts.explore ?? false;
    if (typeof explore !== 'boolean') throw new SizewiseError('INVALID_TYPE', 'opts.explore', `opts.explore must be a boolean, received ${describeValue(explore)}`, explore);
    const q = this.memory.view('table').subarray(s * this.nActions, (s + 1) * this.nActions);
    let action = this.#greedy(q);
    let explored = false;
    if (explore) {
      if (this.explore.nextFloat() < this.epsilon) {
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
  multiplier(state: S, opts: { explore?: boolean; range?: readonly [number, number] } = {}): number {
    this.#live();
    knownKeys(opts, 'opts', ['explore', 'range']);
    const [lo, hi] = opts.range === undefined ? this.range : checkRange(opts.range, 'opts.range');
    const m = this.act(state, opts.explore === undefined ? {} : { explore: opts.explore }).multiplier;
    return Math.min(hi, Math.max(lo, m));
  }

  /**
   * Learns from one experience: stores it in the replay buffer and applies it once.
   * Returns the reward used.
   */
  observe(transition: Transition<S>): number {
    this.#live();
    const row = checkTransition(transition, 'transition', this.context);
    const slot = this.replay.push(row);
    this.rewards.push(row.reward);
    this.lastDelta = qUpdateSlot(this.kernel, this.replay, slot, this.alpha, this.gamma);
    this.updates++;
    return row.reward;
  }

  /**
   * Adds `transitions` (if any) to the replay buffer, then runs `epochs` replay epochs:
   * each draws ⌈size / batchSize⌉ minibatches of `batchSize` transitions uniformly with
   * replacement (seeded) and applies them in draw order. Returns mean |ΔQ| per epoch.
   * `transitions` may be Transition objects or a column batch (as from
   * `counterfactualBatch()` or `allocateTransitions()`), which the kernel checks in WASM
   * memory before it is copied into the buffer; either way a bad row throws before
   * anything is stored. The work is epochs × ⌈size / batchSize⌉ × batchSize updates.
   */
  train(transitions: readonly Transition<S>[] | TransitionBatch = [], opts: { epochs?: number; batchSize?: number } = {}): number[] {
    this.#live();
    knownKeys(opts, 'opts', ['epochs', 'batchSize']);
    const epochs = integer(opts.epochs ?? TRAIN_DEFAULTS.epochs, 'opts.epochs', 1, MAX_EPOCHS);
    const batchSize = integer(opts.batchSize ?? TRAIN_DEFAULTS.batchSize, 'opts.batchSize', 1, 1 << 24);
    if (Array.isArray(transitions)) {
      // By index, not map(): a hole is a missing transition, named, not one to skip.
      const rows = new Array<TransitionRow>(transitions.length);
      for (let i = 0; i < transitions.length; i++) rows[i] = checkTransition(transitions[i], `transitions[${i}]`, this.context);
      const visits = this.memory.view('visits');
      for (const row of rows) {
        this.replay.push(row);
        countVisit(visits, row.state * this.nActions + row.action);
        this.rewards.push(row.reward);
      }
    } else if (transitions !== null && typeof transitions === 'object') {
      const staged = checkedTransitions(this.kernel, transitions as TransitionBatch, 'transitions');
      try {
        this.replay.pushColumns(staged, staged.rows);
        const [state, action, visits] = [staged.view('state'), staged.view('action'), this.memory.view('visits')];
        for (let i = 0; i < staged.rows; i++) countVisit(visits, state[i] * this.nActions + action[i]);
        this.rewards.pushAll(staged.view('reward'), staged.rows);
      } finally {
        staged.release();
      }
    } else {
      throw new SizewiseError('INVALID_TYPE', 'transitions', `transitions must be an array or a column batch, received ${describeValue(transitions)}`, transitions);
    }
    if (this.replay.size === 0) throw new SizewiseError('EMPTY_INPUT', 'transitions', 'nothing to train on: the replay buffer is empty and no transitions were given');
    // Minibatches are drawn and applied in sequence, so an epoch's minibatches are one
    // kernel call: the same draws in the same order as batch-by-batch calls.
    const draws = Math.ceil(this.replay.size / batchSize) * batchSize;
    const rngPtr = this.memory.ptr('replayStream');
    const out = new Array<number>(epochs);
    for (let e = 0; e < epochs; e++) {
      out[e] = qReplay(this.kernel, this.replay, draws, this.alpha, this.gamma, rngPtr) / draws;
      this.updates += draws;
    }
    for (const d of out) this.deltas.push(d); // not push(...out): a million epochs would overflow the stack
    return out;
  }

  /**
   * Counterfactual transitions: a size multiplier does not change a trade's path, so
   * one outcome gives the reward of every multiplier. Returns one row per (sample,
   * action), sample-major, each a finished episode, ready for `update()` or `train()`.
   * With an exit grid, stops and targets do change the outcome: give `outcomeFor`
   * (e.g. from `exitGridOutcome`) instead of `outcome`.
   */
  counterfactualBatch(samples: readonly CounterfactualSample<S>[]): TransitionBatch {
    this.#live();
    return counterfactualBatch(samples, this.context);
  }

  /** Best action and value for every visited state, in state order. */
  policy(): PolicyRow[] {
    this.#live();
    const q = this.memory.view('table');
    const counts = this.memory.view('visits');
    const rows: PolicyRow[] = [];
    for (let s = 0; s < this.nStates; s++) {
      let visits = 0;
      for (let a = 0; a < this.nActions; a++) visits += counts[s * this.nActions + a];
      if (visits === 0) continue;
      const row = q.subarray(s * this.nActions, (s + 1) * this.nActions);
      const { action, multiplier, stopLoss, takeProfit } = this.actions.decode(this.#greedy(row));
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
    this.#live();
    return this.memory.view('visits').slice();
  }

  metrics(): QLearningMetrics {
    this.#live();
    const visits = this.memory.view('visits');
    let pairs = 0;
    let states = 0;
    for (let s = 0; s < this.nStates; s++) {
      let any = false;
      for (let a = 0; a < this.nActions; a++) {
        if (visits[s * this.nActions + a] > 0) {
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
      rewardAverage: this.rewards.mean(),
      replaySize: this.replay.size,
    };
  }

  /**
   * A plain-JSON snapshot (format `sizewise.qlearning`, version 3): the spec (without a
   * custom reward function), the table, visit counts, the ε step, the replay buffer, the
   * reward window and the state words of both random streams, so a reloaded agent
   * continues exactly as the original would have (the same explorations, the same replay
   * draws). Not saved: the |ΔQ| history of metrics() (meanAbsDeltaQ, lastMeanAbsDeltaQ).
   */
  toJSON(): SavedQLearningSizer {
    this.#live();
    return writeSavedAgent({
      spec: this.spec,
      steps: this.steps,
      updates: this.updates,
      table: this.memory.view('table'),
      visits: this.memory.view('visits'),
      explore: this.explore.state(),
      replayStream: this.memory.view('replayStream'),
      replay: { rows: this.replay.snapshot(), head: this.replay.head },
      rewards: this.rewards.toArray(),
    });
  }

  /**
   * Rebuilds an agent from `toJSON()` output of any version. Everything is checked before
   * the agent is built: format and version, a complete spec (a missing field is an error,
   * not a default), exactly the keys of that version, no holes in arrays, a table and
   * visit list of the saved spec's size, replay rows that are valid transitions, stream
   * words, and the spec against `opts.expect` (states and actions); each failure rejects
   * with a SizewiseError naming the field (`json.table[3]`). Pass `opts.reward` again when
   * the agent used a custom reward. Version 2 saves (exploration stream as a count of
   * words drawn) load with an O(log n) jump of the stream; version 1 saves (no streams or
   * replay buffer) load as that version did: empty replay buffer, a fresh replay stream,
   * exploration from stream (seed, 3 + steps).
   */
  static async fromJSON(json: unknown, opts: { reward?: RewardFunction; expect?: Pick<QLearningSpec, 'states' | 'actions' | 'grid'> } = {}): Promise<QLearningSizer> {
    await loadWasm();
    knownKeys(opts, 'opts', ['reward', 'expect']);
    if (opts.reward !== undefined && typeof opts.reward !== 'function') {
      throw new SizewiseError('INVALID_TYPE', 'opts.reward', `opts.reward must be a function, received ${describeValue(opts.reward)}`, opts.reward);
    }
    if (opts.expect !== undefined) knownKeys(opts.expect, 'opts.expect', ['states', 'actions', 'grid']);
    const saved = readSavedAgent(json, opts.expect);
    const agent = new QLearningSizer({ ...saved.spec, ...(opts.reward !== undefined ? { reward: opts.reward } : {}) });
    agent.#restore(saved);
    return agent;
  }

  /** Puts a checked snapshot into this fresh agent. */
  #restore(saved: AgentSnapshot): void {
    this.memory.view('table').set(saved.table);
    this.memory.view('visits').set(saved.visits);
    this.steps = saved.steps;
    this.updates = saved.updates;
    this.explore = Xoshiro128.fromState(saved.explore);
    if (saved.replayStream !== null) this.memory.view('replayStream').set(saved.replayStream);
    if (saved.replay !== null) this.replay.restore(saved.replay.rows, saved.replay.head);
    this.rewards.pushAll(saved.rewards, saved.rewards.length);
  }

  /** Frees the table and replay buffer in WASM memory; the agent cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.memory.release();
  }

  #live(): void {
    if (this.disposed) throw new SizewiseError('INVALID_STATE', 'agent', 'this QLearningSizer was disposed');
  }

  /** Argmax of a row; ties keep the neutral action (multiplier closest to 1.0), else the first. */
  #greedy(q: Float64Array): number {
    let best = this.actions.neutral;
    for (let a = 0; a < q.length; a++) if (q[a] > q[best]) best = a;
    return best;
  }
}

/** One more visit of a (state, action) cell, saturating at 2³² − 1 as the kernel does. */
function countVisit(visits: Uint32Array, cell: number): void {
  if (visits[cell] !== 0xffff_ffff) visits[cell]++;
}
