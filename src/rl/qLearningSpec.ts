// What a Q-learning agent is built from: its spec, the defaults, the limits, and the one
// normalisation that both the constructor and the save format go through.
import { SizewiseError, describeValue } from '../errors.js';
import { finite, inRange, integer, knownKeys, probability, seed as checkSeed } from '../validate.js';
import { ActionSpace, DEFAULT_ACTIONS, type ExitGrid } from './ActionSpace.js';
import type { RewardFunction } from './seedReward.js';
import { StateEncoder } from './StateEncoder.js';
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

/** Largest Q-table (bytes) an agent may allocate in WASM memory: 1 GiB. */
export const MAX_TABLE_BYTES = 1 << 30;

/** Largest replay buffer (transitions). */
export const MAX_REPLAY = 1 << 20;

/** A spec with every field present and checked (what toJSON saves, without the reward function). */
export interface NormalisedSpec {
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

const SPEC_KEYS = ['states', 'actions', 'grid', 'alpha', 'gamma', 'epsilon', 'replay', 'seed', 'range', 'reward'] as const;

/** The state encoder and action space of a spec, built (and so checked) once, and its saved shape. */
export function agentShape(spec: Pick<QLearningSpec, 'states' | 'actions' | 'grid'>, field: string) {
  const encoder = new StateEncoder(spec.states, `${field}.states`);
  const space = new ActionSpace(spec.actions ?? DEFAULT_ACTIONS, spec.grid, `${field}.actions`, `${field}.grid`);
  const shape: { states: number | StateSpec; actions: number[]; grid?: ExitGrid } = {
    states: encoder.spec ?? encoder.size,
    actions: [...space.multipliers],
    ...(space.grid !== null ? { grid: { stopLoss: [...space.grid.stopLoss], takeProfit: [...space.grid.takeProfit] } } : {}),
  };
  const cells = encoder.size * space.size;
  if (cells * 8 > MAX_TABLE_BYTES) {
    throw new SizewiseError('TOO_LARGE', `${field}.states`, `${encoder.size} states × ${space.size} actions need ${cells * 8} bytes, above the ${MAX_TABLE_BYTES}-byte table limit`, cells);
  }
  return { encoder, space, shape };
}

/** Checks a spec (errors name `${field}.alpha` …) and fills in the defaults. */
export function normaliseSpec(spec: QLearningSpec, field: string): { normalised: NormalisedSpec; encoder: StateEncoder; space: ActionSpace } {
  if (spec === null || typeof spec !== 'object') throw new SizewiseError('INVALID_TYPE', field, `${field} must be an object, received ${describeValue(spec)}`, spec);
  knownKeys(spec, field, SPEC_KEYS);
  const d = Q_LEARNING_DEFAULTS;
  const { encoder, space, shape } = agentShape(spec, field);
  const alpha = inRange(spec.alpha ?? d.alpha, `${field}.alpha`, { min: 0, minOpen: true, max: 1 });
  const gamma = probability(spec.gamma ?? d.gamma, `${field}.gamma`);
  const eps = spec.epsilon ?? d.epsilon;
  knownKeys(eps, `${field}.epsilon`, ['start', 'end', 'decaySteps']);
  const epsilon = {
    start: probability(eps.start ?? d.epsilon.start, `${field}.epsilon.start`),
    end: probability(eps.end ?? d.epsilon.end, `${field}.epsilon.end`),
    decaySteps: integer(eps.decaySteps ?? d.epsilon.decaySteps, `${field}.epsilon.decaySteps`, 1),
  };
  const replay = integer(spec.replay ?? d.replay, `${field}.replay`, 1, MAX_REPLAY);
  const seed = checkSeed(spec.seed ?? d.seed, `${field}.seed`);
  const range = spec.range === undefined ? ([Math.min(...shape.actions), Math.max(...shape.actions)] as [number, number]) : checkRange(spec.range, `${field}.range`);
  if (spec.reward !== undefined && typeof spec.reward !== 'function') {
    throw new SizewiseError('INVALID_TYPE', `${field}.reward`, `${field}.reward must be a function, received ${describeValue(spec.reward)}`, spec.reward);
  }
  return { normalised: { ...shape, alpha, gamma, epsilon, replay, seed, range }, encoder, space };
}

/** A [min, max] multiplier range, min ≤ max, both finite. */
export function checkRange(range: unknown, field: string): [number, number] {
  if (!Array.isArray(range) || range.length !== 2) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be [min, max], received ${describeValue(range)}`, range);
  }
  const lo = finite(range[0], `${field}[0]`);
  const hi = inRange(range[1], `${field}[1]`, { min: lo });
  return [lo, hi];
}
