import { SizewiseError, describeValue } from '../errors.js';
import { knownKeys, oneOf, positive, probability } from '../validate.js';
import { LOG_LOSS_EPSILON } from './calibrationReport.js';
import { outcome } from './checkOutcomes.js';

/** One scored forecast: what `model` said before the trade, and what happened. */
export interface ForecastRecord {
  model: string;
  probability: number;
  outcome: number | boolean;
}

export interface ModelWeightsOptions {
  /**
   * `inverseBrier`: wₘ ∝ 1 / Brierₘ. `logScore`: a softmax of the models' log scores,
   * wₘ ∝ exp(n · ℓₘ / temperature), ℓₘ the model's mean log-likelihood and n the fewest
   * records any model has — with equal records and temperature 1 it is Bayesian model
   * averaging with equal priors (the posterior probability of each model).
   */
  method?: 'inverseBrier' | 'logScore';
  /** logScore only: > 1 flattens the weights, < 1 sharpens them. */
  temperature?: number;
}

export const MODEL_WEIGHTS_DEFAULTS: Readonly<Required<ModelWeightsOptions>> = Object.freeze({ method: 'inverseBrier', temperature: 1 });

/**
 * Weights for an ensemble from each model's track record: a history of (model,
 * probability, outcome). Weights are ≥ 0 and sum to 1, keyed by model.
 * - `inverseBrier` (default): wₘ ∝ 1/Bₘ with Bₘ the model's Brier score — a model with half
 *   the squared error gets twice the weight; models with a Brier score of 0 share all the
 *   weight.
 * - `logScore`: wₘ ∝ exp(n · ℓₘ / temperature), the softmax of the log-likelihoods
 *   (probabilities clipped to [1e-15, 1 − 1e-15]); n is the fewest records of any model, so
 *   a model gains nothing from a longer history. Sharper than inverse Brier: with many
 *   trades it gives nearly all the weight to the best model.
 * Score models on the same trades, out of sample. O(records).
 *
 * @example modelWeights([{ model: 'a', probability: 0.8, outcome: 1 }, { model: 'b', probability: 0.6, outcome: 1 }]) // { a: 0.8, b: 0.2 } (Brier 0.04 and 0.16: 25 : 6.25)
 */
export function modelWeights(history: readonly ForecastRecord[], options: ModelWeightsOptions = {}): Record<string, number> {
  knownKeys(options, 'options', ['method', 'temperature']);
  const o = { ...MODEL_WEIGHTS_DEFAULTS, ...options };
  const method = oneOf(o.method, 'options.method', ['inverseBrier', 'logScore'] as const);
  const temperature = positive(o.temperature, 'options.temperature');
  if (!Array.isArray(history)) {
    throw new SizewiseError('INVALID_TYPE', 'history', `history must be an array of { model, probability, outcome }, received ${describeValue(history)}`, history);
  }
  if (history.length === 0) throw new SizewiseError('EMPTY_INPUT', 'history', 'history must hold at least one scored forecast');
  const stats = new Map<string, { n: number; squared: number; logLik: number }>();
  for (let i = 0; i < history.length; i++) {
    const record = history[i];
    const field = `history[${i}]`;
    if (record === null || typeof record !== 'object') {
      throw new SizewiseError('INVALID_TYPE', field, `${field} must be { model, probability, outcome }, received ${describeValue(record)}`, record);
    }
    knownKeys(record, field, ['model', 'probability', 'outcome']);
    if (typeof record.model !== 'string' || record.model === '') {
      throw new SizewiseError('INVALID_TYPE', `${field}.model`, `${field}.model must be a non-empty model name, received ${describeValue(record.model)}`, record.model);
    }
    const p = probability(record.probability, `${field}.probability`);
    const y = outcome(record.outcome, `${field}.outcome`);
    const s = stats.get(record.model) ?? { n: 0, squared: 0, logLik: 0 };
    s.n++;
    s.squared += (p - y) ** 2;
    const clipped = Math.min(1 - LOG_LOSS_EPSILON, Math.max(LOG_LOSS_EPSILON, p));
    s.logLik += y === 1 ? Math.log(clipped) : Math.log1p(-clipped);
    stats.set(record.model, s);
  }
  const names = [...stats.keys()];
  const raw = method === 'inverseBrier' ? inverseBrier(names.map((m) => stats.get(m)!)) : logSoftmax(names.map((m) => stats.get(m)!), temperature);
  const total = raw.reduce((s, x) => s + x, 0);
  return Object.fromEntries(names.map((m, i) => [m, raw[i] / total]));
}

function inverseBrier(models: { n: number; squared: number }[]): number[] {
  const brier = models.map((s) => s.squared / s.n);
  if (brier.some((b) => b === 0)) return brier.map((b) => (b === 0 ? 1 : 0));
  return brier.map((b) => 1 / b);
}

function logSoftmax(models: { n: number; logLik: number }[], temperature: number): number[] {
  const n = Math.min(...models.map((s) => s.n));
  const mean = models.map((s) => s.logLik / s.n);
  const top = Math.max(...mean);
  // exp(n·(ℓₘ − max ℓ)/τ), the best model exactly 1, so a tiny temperature gives 0, never NaN.
  return mean.map((l) => (l === top ? 1 : Math.exp(((l - top) * n) / temperature)));
}
