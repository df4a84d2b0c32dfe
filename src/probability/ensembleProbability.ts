import { SizewiseError, describeValue } from '../errors.js';
import { nonNegative, probability } from '../validate.js';

export interface EnsembleProbability {
  /** Weighted mean of the models' probabilities. */
  probability: number;
  /** Weighted standard deviation of the models' probabilities around it: how much they disagree. */
  spread: number;
  /** Models that contributed (those in `predictions`). */
  models: number;
}

/**
 * Combines several models' win probabilities for one trade: the weighted mean
 * p = Σ wₘ pₘ / Σ wₘ over the models in `predictions`, and the spread
 * √(Σ wₘ (pₘ − p)² / Σ wₘ) as an uncertainty signal (0 when they agree). Every predicting
 * model needs a weight (from `modelWeights`, or your own); weights of models that did not
 * predict are left out and the rest renormalised. A linear pool of calibrated
 * probabilities (Genest & Zidek 1986). O(models).
 *
 * @example ensembleProbability({ logit: 0.62, tree: 0.54 }, { logit: 0.75, tree: 0.25 }) // { probability: 0.6, spread: 0.0346, models: 2 }
 */
export function ensembleProbability(predictions: Record<string, number>, weights: Record<string, number>): EnsembleProbability {
  for (const [value, field] of [[predictions, 'predictions'], [weights, 'weights']] as const) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new SizewiseError('INVALID_TYPE', field, `${field} must be an object of model name → number, received ${describeValue(value)}`, value);
    }
  }
  const names = Object.keys(predictions);
  if (names.length === 0) throw new SizewiseError('EMPTY_INPUT', 'predictions', 'predictions must name at least one model');
  const p = names.map((m) => probability(predictions[m], `predictions.${m}`));
  const w = names.map((m) => {
    if (!Object.hasOwn(weights, m)) {
      throw new SizewiseError('UNKNOWN_KEY', `predictions.${m}`, `predictions.${m} has no weight: weights names ${Object.keys(weights).join(', ') || 'no model'}`, m);
    }
    return nonNegative(weights[m], `weights.${m}`);
  });
  for (const m of Object.keys(weights)) nonNegative(weights[m], `weights.${m}`);
  const total = w.reduce((s, x) => s + x, 0);
  if (!(total > 0)) {
    throw new SizewiseError('OUT_OF_RANGE', 'weights', `the weights of the predicting models (${names.join(', ')}) sum to ${total}: they must sum to more than 0`, weights);
  }
  let mean = 0;
  for (let i = 0; i < p.length; i++) mean += (w[i] / total) * p[i];
  let variance = 0;
  for (let i = 0; i < p.length; i++) variance += (w[i] / total) * (p[i] - mean) ** 2;
  return { probability: Math.min(1, Math.max(0, mean)), spread: Math.sqrt(variance), models: names.length };
}
