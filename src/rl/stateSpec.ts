// The agent's view of the market when a signal arrives: a declared list of features,
// each either binned (numeric, with bin edges) or categorical (a fixed set of labels).
import type { MarketRegime } from '../regime/marketRegime.js';
import type { StateInput } from './StateEncoder.js';
import { deepFreeze } from '../util/deepFreeze.js';

/** A numeric feature cut into `edges.length + 1` bins: bin k holds edges[k−1] ≤ x < edges[k]. */
export interface BinnedFeature<Name extends string = string> {
  name: Name;
  /** Strictly ascending, finite. Values below the first edge fall in bin 0, at or above the last in the last bin. */
  edges: readonly number[];
}

/** A feature that takes one of a fixed set of labels (e.g. the market regime). */
export interface CategoricalFeature<Name extends string = string, Category extends string = string> {
  name: Name;
  categories: readonly Category[];
}

export type StateFeature = BinnedFeature | CategoricalFeature;

/**
 * The state space: the product of its features' bins and categories, one index per
 * combination. F is the features' type: with literal names (a spec written in the call, or
 * DEFAULT_STATE_SPEC) the agent's states are typed feature by feature (StateOf).
 */
export interface StateSpec<F extends StateFeature = StateFeature> {
  features: readonly F[];
}

/**
 * The state an agent built from `states` (a count or a StateSpec) takes: an index, or one
 * value per feature — a number for a binned feature, one of its categories for a
 * categorical one. With literal feature names a misspelt or missing feature, or an unknown
 * category, is a compile error; with names known only at run time, any record (checked then).
 */
export type StateOf<States> = States extends number
  ? number
  : States extends StateSpec<infer F>
    ? string extends F['name']
      ? StateInput
      : number | { readonly [K in F as K['name']]: K extends CategoricalFeature<string, infer C> ? C : number }
    : StateInput;

/**
 * Regime labels of `regimeLabel` (src/rl/regimeLabel.ts), the default categorical feature:
 * market regimes (src/regime/marketRegime.ts), the same names the sizer's regime layer takes.
 * The order is the agent's state order and never changes (it was TRENDING, CHOPPY,
 * VOLATILE, CONSOLIDATING: see LEGACY_AGENT_REGIMES), so learned tables keep their meaning.
 */
export const REGIMES = Object.freeze(['TRENDING', 'MEAN_REVERTING', 'HIGH_VOL', 'LOW_VOL'] as const satisfies readonly MarketRegime[]);
/** A regime the agent's labeller produces (every MarketRegime but NORMAL). */
export type Regime = (typeof REGIMES)[number];

/**
 * The default state: the seeds' features, three bins each, and the regime.
 * - `volatility`: ATR(14) / ATR(100) — below 0.8 calm, above 1.25 agitated;
 * - `trend`: Kaufman's efficiency ratio over 20 bars, in [0, 1];
 * - `momentum`: 20-bar return in units of the 20-bar volatility (see marketFeatures);
 * - `confidence`: the signal's confidence in [0, 1], cut at the seeds' tiers 0.65 and 0.85;
 * - `drawdown`: the account's drawdown from its peak, as a fraction (5 % and 10 % cuts);
 * - `regime`: TRENDING / MEAN_REVERTING / HIGH_VOL / LOW_VOL (see regimeLabel).
 * 3⁵ × 4 = 972 states.
 */
export const DEFAULT_STATE_SPEC: StateSpec<BinnedFeature<'volatility' | 'trend' | 'momentum' | 'confidence' | 'drawdown'> | CategoricalFeature<'regime', Regime>> = deepFreeze({
  features: [
    { name: 'volatility', edges: [0.8, 1.25] },
    { name: 'trend', edges: [0.2, 0.4] },
    { name: 'momentum', edges: [0.5, 1.5] },
    { name: 'confidence', edges: [0.65, 0.85] },
    { name: 'drawdown', edges: [0.05, 0.1] },
    { name: 'regime', categories: [...REGIMES] },
  ],
});

/**
 * A compact state for small trade samples (the walk-forward on ~100 real trades):
 * regime × calm/agitated volatility = 8 states. Fixed before any held-out evaluation.
 */
export const COMPACT_STATE_SPEC: StateSpec<BinnedFeature<'volatility'> | CategoricalFeature<'regime', Regime>> = deepFreeze({
  features: [
    { name: 'regime', categories: [...REGIMES] },
    { name: 'volatility', edges: [1] },
  ],
});

/** A state of DEFAULT_STATE_SPEC, feature by feature (what an agent built from it takes besides an index). */
export type MarketState = Exclude<StateOf<typeof DEFAULT_STATE_SPEC>, number>;

/** A state of COMPACT_STATE_SPEC. */
export type CompactMarketState = Exclude<StateOf<typeof COMPACT_STATE_SPEC>, number>;

export function isCategorical(feature: StateFeature): feature is CategoricalFeature {
  return 'categories' in feature;
}
