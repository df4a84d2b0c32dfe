import { SizewiseError, describeValue } from '../errors.js';
import { finite, finiteArray, inRange, knownKeys, MAX_TRADE_RETURN, nonNegative, oneOf, positive } from '../validate.js';
import { checkBinaryEdge } from './checkBinaryEdge.js';
import { modelGrowth } from './growthRate.js';
import type { KellyModel, KellyResult } from './types.js';

/**
 * Validates a KellyResult handed back to sizewise (e.g. to fractionalKelly): sizes finite
 * and ≥ 0, growth and edge finite, a positive Kelly multiple, and a model of a known kind
 * with valid parameters. A result from a sizewise Kelly function always passes. Returns
 * the result's own fields only: anything else the object carried was not checked.
 */
export function checkKellyResult(kelly: unknown, field: string): KellyResult {
  if (kelly === null || typeof kelly !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be a KellyResult from a sizewise Kelly function, received ${describeValue(kelly)}`, kelly);
  }
  const k = kelly as KellyResult;
  nonNegative(k.exposure, `${field}.exposure`);
  nonNegative(k.riskFraction, `${field}.riskFraction`);
  finite(k.growthRate, `${field}.growthRate`);
  finite(k.edge, `${field}.edge`);
  positive(k.kellyMultiple, `${field}.kellyMultiple`);
  inRange(k.lossReturn, `${field}.lossReturn`, { min: 0, max: MAX_TRADE_RETURN });
  const model = checkModel(k.model, `${field}.model`);
  // The exposure must lie where its model's growth is defined (one loss does not take everything).
  if (!Number.isFinite(modelGrowth(model, k.exposure))) {
    throw new SizewiseError('OUT_OF_RANGE', `${field}.exposure`, `${field}.exposure = ${k.exposure} would lose all the equity under ${field}.model: the result is not one a sizewise Kelly function returns`, k.exposure);
  }
  const { exposure, riskFraction, growthRate, edge, kellyMultiple, lossReturn } = k;
  return { exposure, riskFraction, growthRate, edge, kellyMultiple, lossReturn, model };
}

function checkModel(model: unknown, field: string): KellyModel {
  if (model === null || typeof model !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be the Kelly model of the result, received ${describeValue(model)}`, model);
  }
  const m = model as KellyModel;
  const kind = oneOf(m.kind, `${field}.kind`, ['binary', 'sample', 'gaussian'] as const);
  if (kind === 'binary') {
    knownKeys(m, field, ['kind', 'winProbability', 'winReturn', 'lossReturn']);
    checkBinaryEdge(m as Extract<KellyModel, { kind: 'binary' }>, field);
  } else if (kind === 'sample') {
    knownKeys(m, field, ['kind', 'returns']);
    const returns = finiteArray((m as { returns: unknown }).returns, `${field}.returns`);
    returns.forEach((r, i) => inRange(r, `${field}.returns[${i}]`, { min: -1, minOpen: true, max: MAX_TRADE_RETURN }));
  } else {
    knownKeys(m, field, ['kind', 'mean', 'variance']);
    inRange((m as { mean: unknown }).mean, `${field}.mean`, { min: -1, max: MAX_TRADE_RETURN });
    inRange((m as { variance: unknown }).variance, `${field}.variance`, { min: 0, max: MAX_TRADE_RETURN ** 2 });
  }
  return m;
}
