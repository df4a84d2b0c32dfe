import { SizewiseError, describeValue } from '../errors.js';
import { finite, integer, knownKeys, oneOf } from '../validate.js';
import { checkFieldName } from './checkFieldName.js';
import { isCategorical, type StateFeature, type StateSpec } from './stateSpec.js';

/** A state as the caller gives it: an index, or one value per declared feature. */
export type StateInput = number | Readonly<Record<string, number | string>>;

/** Largest state space the agent accepts (the table must fit comfortably in WASM memory). */
export const MAX_STATES = 1 << 22;

/**
 * Turns a state (feature values) into one index of the Q-table, mixed radix with the
 * last feature varying fastest. Out-of-range numeric values fall in the edge bins;
 * NaN, a missing feature or an unknown category is an error naming the field.
 */
export class StateEncoder {
  /** Number of states. */
  readonly size: number;
  /** The spec as validated, or null when the states are a plain count. */
  readonly spec: StateSpec | null;
  private readonly radix: number[];
  private readonly names: string[];

  constructor(states: number | StateSpec, field = 'states') {
    if (typeof states === 'number') {
      this.size = integer(states, field, 1, MAX_STATES);
      this.spec = null;
      this.radix = [];
      this.names = [];
      return;
    }
    this.spec = validateSpec(states, field);
    this.radix = this.spec.features.map((f) => (isCategorical(f) ? f.categories.length : f.edges.length + 1));
    this.names = this.spec.features.map((f) => f.name);
    const size = this.radix.reduce((a, b) => a * b, 1);
    if (size > MAX_STATES) {
      throw new SizewiseError('TOO_LARGE', field, `${field} describes ${size} states, above the limit of ${MAX_STATES}`, size);
    }
    this.size = size;
  }

  /** The index of a state; `field` names the argument in errors. */
  encode(state: StateInput, field = 'state'): number {
    checkFieldName(field);
    if (typeof state === 'number') return integer(state, field, 0, this.size - 1);
    if (this.spec === null) {
      throw new SizewiseError('INVALID_TYPE', field, `${field} must be a state index (the agent was built with a state count), received ${describeValue(state)}`, state);
    }
    if (state === null || typeof state !== 'object') {
      throw new SizewiseError('INVALID_TYPE', field, `${field} must be a state index or an object of feature values, received ${describeValue(state)}`, state);
    }
    knownKeys(state, field, this.names);
    let index = 0;
    const features = this.spec.features;
    for (let k = 0; k < features.length; k++) {
      const f = features[k];
      const at = `${field}.${f.name}`;
      const value = state[f.name];
      let bin: number;
      if (isCategorical(f)) bin = f.categories.indexOf(oneOf(value, at, f.categories));
      else bin = binOf(f.edges, finite(value, at));
      index = index * this.radix[k] + bin;
    }
    return index;
  }

  /** The bin or category of each feature for a state index, readable (e.g. `{ volatility: '<0.8', regime: 'TRENDING' }`). */
  describe(index: number): Record<string, string> {
    integer(index, 'index', 0, this.size - 1);
    if (this.spec === null) return { state: String(index) };
    const out: Record<string, string> = {};
    const features = this.spec.features;
    let rest = index;
    for (let k = features.length - 1; k >= 0; k--) {
      const bin = rest % this.radix[k];
      rest = Math.floor(rest / this.radix[k]);
      out[features[k].name] = binLabel(features[k], bin);
    }
    return Object.fromEntries(features.map((f) => [f.name, out[f.name]]));
  }
}

/** Bin of x: the number of edges ≤ x. */
function binOf(edges: readonly number[], x: number): number {
  let bin = 0;
  while (bin < edges.length && x >= edges[bin]) bin++;
  return bin;
}

function binLabel(f: StateFeature, bin: number): string {
  if (isCategorical(f)) return f.categories[bin];
  const e = f.edges;
  if (bin === 0) return `<${e[0]}`;
  if (bin === e.length) return `≥${e[e.length - 1]}`;
  return `${e[bin - 1]}–${e[bin]}`;
}

function validateSpec(spec: StateSpec, field: string): StateSpec {
  if (spec === null || typeof spec !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be a state count or a spec { features }, received ${describeValue(spec)}`, spec);
  }
  knownKeys(spec, field, ['features']);
  const features = spec.features;
  if (!Array.isArray(features)) {
    throw new SizewiseError('INVALID_TYPE', `${field}.features`, `${field}.features must be an array, received ${describeValue(features)}`, features);
  }
  if (features.length === 0) throw new SizewiseError('EMPTY_INPUT', `${field}.features`, `${field}.features must not be empty`, features);
  const seen = new Set<string>();
  const out: StateFeature[] = features.map((f: StateFeature, k: number) => {
    const at = `${field}.features[${k}]`;
    if (f === null || typeof f !== 'object') throw new SizewiseError('INVALID_TYPE', at, `${at} must be a feature object, received ${describeValue(f)}`, f);
    if (typeof f.name !== 'string' || f.name === '') {
      throw new SizewiseError('INVALID_TYPE', `${at}.name`, `${at}.name must be a non-empty string, received ${describeValue(f.name)}`, f.name);
    }
    if (seen.has(f.name)) throw new SizewiseError('UNKNOWN_VALUE', `${at}.name`, `${at}.name "${f.name}" is declared twice`, f.name);
    seen.add(f.name);
    if (isCategorical(f)) {
      knownKeys(f, at, ['name', 'categories']);
      const cats = f.categories;
      if (!Array.isArray(cats) || cats.length === 0 || cats.some((c) => typeof c !== 'string')) {
        throw new SizewiseError('INVALID_TYPE', `${at}.categories`, `${at}.categories must be a non-empty array of strings`, cats);
      }
      if (new Set(cats).size !== cats.length) throw new SizewiseError('UNKNOWN_VALUE', `${at}.categories`, `${at}.categories has a duplicate`, cats);
      return { name: f.name, categories: [...cats] };
    }
    knownKeys(f, at, ['name', 'edges']);
    const edges = (f as { edges?: unknown }).edges;
    if (!Array.isArray(edges) || edges.length === 0) {
      throw new SizewiseError('INVALID_TYPE', `${at}.edges`, `${at}.edges must be a non-empty array of numbers (or give categories)`, edges);
    }
    edges.forEach((e, i) => {
      finite(e, `${at}.edges[${i}]`);
      if (i > 0 && !(e > edges[i - 1])) {
        throw new SizewiseError('OUT_OF_RANGE', `${at}.edges[${i}]`, `${at}.edges must be strictly ascending, received ${edges[i - 1]} then ${e}`, e);
      }
    });
    return { name: f.name, edges: [...edges] };
  });
  return { features: out };
}
