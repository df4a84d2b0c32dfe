// The save format of QLearningSizer: what toJSON() writes and fromJSON() reads, every
// version, checked in full before an agent is built, so a bad file never leaves a
// half-loaded agent and never stalls the load.
import { SizewiseError, describeValue } from '../errors.js';
import { checkStateWords, Xoshiro128 } from '../random/xoshiro128.js';
import { inRange, integer, knownKeys } from '../validate.js';
import type { ExitGrid } from './ActionSpace.js';
import { checkReward } from './checkTransition.js';
import { agentShape, normaliseSpec, type NormalisedSpec, type QLearningSpec } from './qLearningSpec.js';
import { MAX_Q_VALUE, type TransitionBatch } from './qUpdate.js';
import { REWARD_WINDOW } from './RewardWindow.js';

export const SAVE_FORMAT = 'sizewise.qlearning';

/**
 * Version 3 saves both random streams as their state words. Version 2 saved the number of
 * words drawn from the exploration stream instead (replayed on load: now a jump of
 * O(log n), see Xoshiro128.advance); version 1 saved no stream, replay buffer or rewards.
 */
export const SAVE_VERSION = 3;

/** The exploration stream of a fresh agent: (seed, 3). The replay stream is (seed, 2). */
export const EXPLORE_STREAM = 3;
export const REPLAY_STREAM = 2;

/** What toJSON() writes. */
export interface SavedQLearningSizer {
  format: typeof SAVE_FORMAT;
  version: number;
  spec: Omit<NormalisedSpec, 'grid'> & { grid?: ExitGrid };
  /** Exploring decisions taken (the ε schedule's position). */
  steps: number;
  updates: number;
  /** Q, states × actions, row-major. */
  table: number[];
  visits: number[];
  /** The state words of the exploration and replay streams (version 3). */
  streams: { explore: number[]; replay: number[] };
  /** The replay buffer's rows in slot order and the next slot to write. */
  replay: { head: number; state: number[]; action: number[]; reward: number[]; nextState: number[]; done: number[] };
  /** The reward window behind metrics().rewardAverage, oldest first. */
  rewards: number[];
}

/** Everything an agent needs to continue where it was saved. */
export interface AgentSnapshot {
  spec: NormalisedSpec;
  steps: number;
  updates: number;
  table: Float64Array;
  visits: Uint32Array;
  /** Exploration stream state words. */
  explore: Uint32Array;
  /** Replay stream state words; null: the fresh stream (seed, 2) (version 1 saved none). */
  replayStream: Uint32Array | null;
  /** The replay buffer's rows and head; null: empty (version 1). */
  replay: { rows: TransitionBatch; head: number } | null;
  rewards: number[];
}

/** The plain-JSON form of a snapshot (the current version). */
export function writeSavedAgent(s: AgentSnapshot & { replayStream: Uint32Array; replay: { rows: TransitionBatch; head: number } }): SavedQLearningSizer {
  const { states, actions, grid, alpha, gamma, epsilon, replay, seed, range } = s.spec;
  const rows = s.replay.rows;
  return {
    format: SAVE_FORMAT,
    version: SAVE_VERSION,
    spec: { states, actions, ...(grid !== undefined ? { grid } : {}), alpha, gamma, epsilon, replay, seed, range },
    steps: s.steps,
    updates: s.updates,
    table: Array.from(s.table),
    visits: Array.from(s.visits),
    streams: { explore: Array.from(s.explore), replay: Array.from(s.replayStream) },
    replay: {
      head: s.replay.head,
      state: Array.from(rows.state),
      action: Array.from(rows.action),
      reward: Array.from(rows.reward),
      nextState: Array.from(rows.nextState),
      done: Array.from(rows.done),
    },
    rewards: [...s.rewards],
  };
}

const KEYS_V1 = ['format', 'version', 'spec', 'steps', 'updates', 'table', 'visits'];
const KEYS_V2 = [...KEYS_V1, 'streams', 'replay', 'rewards'];
const SPEC_FIELDS = ['states', 'actions', 'grid', 'alpha', 'gamma', 'epsilon', 'replay', 'seed', 'range'];

/**
 * Reads a save of any version, checking every field (missing, extra, holes, ranges, sizes
 * against the saved spec, and `expect`) before anything is built. Errors name the field
 * under `json` (`json.table[3]`, `json.spec.epsilon.start`).
 */
export function readSavedAgent(json: unknown, expect?: Pick<QLearningSpec, 'states' | 'actions' | 'grid'>): AgentSnapshot {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new SizewiseError('INVALID_TYPE', 'json', `json must be a saved Q-learning agent, received ${describeValue(json)}`, json);
  }
  const j = json as Record<string, unknown>;
  if (j.format !== SAVE_FORMAT) throw new SizewiseError('INVALID_STATE', 'json.format', `json.format must be "${SAVE_FORMAT}", received ${describeValue(j.format)}`, j.format);
  const version = j.version;
  if (version !== 1 && version !== 2 && version !== SAVE_VERSION) {
    throw new SizewiseError('INVALID_STATE', 'json.version', `json.version ${describeValue(version)} is not supported (this build reads versions 1 to ${SAVE_VERSION})`, version);
  }
  required(j, 'json', version === 1 ? KEYS_V1 : KEYS_V2);

  const { normalised: spec, encoder, space } = savedSpec(j.spec);
  if (expect !== undefined) {
    const expected = agentShape(expect, 'opts.expect').shape;
    for (const key of ['states', 'actions', 'grid'] as const) {
      if (JSON.stringify(spec[key]) !== JSON.stringify(expected[key])) {
        throw new SizewiseError('INVALID_STATE', `json.spec.${key}`, `the saved agent's ${key} do not match the expected spec`, spec[key]);
      }
    }
  }
  const nStates = encoder.size;
  const nActions = space.size;
  const cells = nStates * nActions;
  const steps = integer(j.steps, 'json.steps', 0);
  const updates = integer(j.updates, 'json.updates', 0);
  const table = new Float64Array(cells);
  const visits = new Uint32Array(cells);
  const savedTable = savedArray(j.table, 'json.table', cells);
  const savedVisits = savedArray(j.visits, 'json.visits', cells);
  for (let i = 0; i < cells; i++) {
    // + 0: no −0 in the table (see assembly/qUpdate.ts)
    table[i] = inRange(savedTable[i], `json.table[${i}]`, { min: -MAX_Q_VALUE, max: MAX_Q_VALUE }) + 0;
    visits[i] = integer(savedVisits[i], `json.visits[${i}]`, 0, 0xffff_ffff);
  }
  const snapshot: AgentSnapshot = {
    spec, steps, updates, table, visits,
    // Version 1 restarted exploration from stream 3 + steps (as a u32 stream index).
    explore: new Xoshiro128(spec.seed, (EXPLORE_STREAM + steps) % 2 ** 32).state(),
    replayStream: null,
    replay: null,
    rewards: [],
  };
  if (version === 1) return snapshot;

  const streams = j.streams;
  if (streams === null || typeof streams !== 'object') throw new SizewiseError('INVALID_STATE', 'json.streams', `json.streams must be an object, received ${describeValue(streams)}`, streams);
  const s = streams as Record<string, unknown>;
  if (version === 2) {
    required(s, 'json.streams', ['exploreDraws', 'replay']);
    // At most two words per exploring decision, and no counter counts exactly beyond 2⁵³;
    // the jump makes any count load at once.
    const draws = integer(s.exploreDraws, 'json.streams.exploreDraws', 0, Math.min(2 * steps, Number.MAX_SAFE_INTEGER));
    snapshot.explore = new Xoshiro128(spec.seed, EXPLORE_STREAM).advance(draws).state();
  } else {
    required(s, 'json.streams', ['explore', 'replay']);
    snapshot.explore = checkStateWords(s.explore, 'json.streams.explore');
  }
  snapshot.replayStream = checkStateWords(s.replay, 'json.streams.replay');
  snapshot.replay = savedReplay(j.replay, spec.replay, nStates, nActions);
  const rewards = j.rewards;
  if (!Array.isArray(rewards) || rewards.length > REWARD_WINDOW) {
    throw new SizewiseError('INVALID_STATE', 'json.rewards', `json.rewards must hold at most ${REWARD_WINDOW} rewards, received ${describeValue(rewards)}`, rewards);
  }
  for (let i = 0; i < rewards.length; i++) snapshot.rewards.push(checkReward(rewards[i], `json.rewards[${i}]`));
  return snapshot;
}

/** Exactly these keys: a missing one is named, an extra one too. */
function required(o: Record<string, unknown>, field: string, keys: readonly string[], optional: readonly string[] = []): void {
  knownKeys(o, field, [...keys, ...optional]);
  for (const key of keys) {
    if (!(key in o)) throw new SizewiseError('INVALID_STATE', `${field}.${key}`, `${field}.${key} is missing`);
  }
}

/** The saved spec: complete (no defaults fill a gap in a save), then checked as the constructor checks one; with its encoder and action space. */
function savedSpec(spec: unknown): ReturnType<typeof normaliseSpec> {
  if (spec === null || typeof spec !== 'object') throw new SizewiseError('INVALID_STATE', 'json.spec', `json.spec must be an object, received ${describeValue(spec)}`, spec);
  const s = spec as Record<string, unknown>;
  required(s, 'json.spec', SPEC_FIELDS.filter((k) => k !== 'grid'), ['grid']);
  const epsilon = s.epsilon;
  if (epsilon === null || typeof epsilon !== 'object') {
    throw new SizewiseError('INVALID_STATE', 'json.spec.epsilon', `json.spec.epsilon must be an object, received ${describeValue(epsilon)}`, epsilon);
  }
  required(epsilon as Record<string, unknown>, 'json.spec.epsilon', ['start', 'end', 'decaySteps']);
  return normaliseSpec(spec as QLearningSpec, 'json.spec');
}

function savedArray(value: unknown, field: string, length: number): unknown[] {
  if (!Array.isArray(value) || value.length !== length) {
    throw new SizewiseError('INVALID_STATE', field, `${field} must hold ${length} values for the saved spec, received ${describeValue(value)}`, value);
  }
  return value;
}

/** The saved replay buffer: five columns of equal length ≤ capacity, every row a valid transition, and a head consistent with it. */
function savedReplay(value: unknown, capacity: number, nStates: number, nActions: number): { rows: TransitionBatch; head: number } {
  const field = 'json.replay';
  if (value === null || typeof value !== 'object') throw new SizewiseError('INVALID_STATE', field, `${field} must be an object, received ${describeValue(value)}`, value);
  const r = value as Record<string, unknown>;
  required(r, field, ['head', 'state', 'action', 'reward', 'nextState', 'done']);
  const state = r.state;
  if (!Array.isArray(state) || state.length > capacity) {
    throw new SizewiseError('INVALID_STATE', `${field}.state`, `${field}.state must hold at most ${capacity} rows (the saved capacity), received ${describeValue(state)}`, state);
  }
  const n = state.length;
  const cols = {
    state: state as unknown[],
    action: savedArray(r.action, `${field}.action`, n),
    reward: savedArray(r.reward, `${field}.reward`, n),
    nextState: savedArray(r.nextState, `${field}.nextState`, n),
    done: savedArray(r.done, `${field}.done`, n),
  };
  const rows: TransitionBatch = { state: new Int32Array(n), action: new Int32Array(n), reward: new Float64Array(n), nextState: new Int32Array(n), done: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    rows.state[i] = integer(cols.state[i], `${field}.state[${i}]`, 0, nStates - 1);
    rows.action[i] = integer(cols.action[i], `${field}.action[${i}]`, 0, nActions - 1);
    rows.reward[i] = checkReward(cols.reward[i], `${field}.reward[${i}]`);
    rows.nextState[i] = integer(cols.nextState[i], `${field}.nextState[${i}]`, 0, nStates - 1);
    rows.done[i] = integer(cols.done[i], `${field}.done[${i}]`, 0, 1);
  }
  const head = integer(r.head, `${field}.head`, 0, n === capacity ? n - 1 : n);
  if (n < capacity && head !== n) {
    throw new SizewiseError('INVALID_STATE', `${field}.head`, `${field}.head must be ${n} while the buffer is not full, received ${describeValue(r.head)}`, r.head);
  }
  return { rows, head };
}

