import { SizewiseError, describeValue } from '../errors.js';
import { finite, inRange, integer, probability } from '../validate.js';
import type { ExposureOutcome } from './types.js';

/**
 * Checks an ExposureOutcome given back by a caller (a result edited by hand, or parsed from
 * JSON) and returns a copy with its own fields only: every number finite, probabilities and
 * drawdowns in [0, 1], wealth ≥ 0, exposure > 0. Throws SizewiseError naming the field as
 * `field` spells it (e.g. `result.outcomes[2].terminalWealth.log.median`).
 */
export function checkExposureOutcome(value: unknown, field: string): ExposureOutcome {
  const o = objectAt(value, field);
  const wealth = objectAt(o.terminalWealth, `${field}.terminalWealth`);
  const log = objectAt(wealth.log, `${field}.terminalWealth.log`);
  const drawdown = objectAt(o.maxDrawdown, `${field}.maxDrawdown`);
  const nonNegative = (x: unknown, f: string) => inRange(x, f, { min: 0 });
  const unit = (x: unknown, f: string) => inRange(x, f, { min: 0, max: 1 });
  const outcome: ExposureOutcome = {
    exposure: inRange(o.exposure, `${field}.exposure`, { min: 0, minOpen: true }),
    terminalWealth: {
      mean: nonNegative(wealth.mean, `${field}.terminalWealth.mean`),
      median: nonNegative(wealth.median, `${field}.terminalWealth.median`),
      percentiles: record(wealth.percentiles, `${field}.terminalWealth.percentiles`, nonNegative),
      log: {
        mean: finite(log.mean, `${field}.terminalWealth.log.mean`),
        median: finite(log.median, `${field}.terminalWealth.log.median`),
        percentiles: record(log.percentiles, `${field}.terminalWealth.log.percentiles`, finite),
      },
    },
    growthPerTrade: finite(o.growthPerTrade, `${field}.growthPerTrade`),
    probabilityOfLoss: probability(o.probabilityOfLoss, `${field}.probabilityOfLoss`),
    probabilityOfRuin: probability(o.probabilityOfRuin, `${field}.probabilityOfRuin`),
    probabilityOfDrawdown: record(o.probabilityOfDrawdown, `${field}.probabilityOfDrawdown`, probability),
    maxDrawdown: {
      median: unit(drawdown.median, `${field}.maxDrawdown.median`),
      percentiles: record(drawdown.percentiles, `${field}.maxDrawdown.percentiles`, unit),
    },
  };
  if (o.bands !== undefined) {
    if (!Array.isArray(o.bands)) {
      throw new SizewiseError('INVALID_TYPE', `${field}.bands`, `${field}.bands must be an array, received ${describeValue(o.bands)}`, o.bands);
    }
    outcome.bands = Array.from(o.bands as unknown[], (b, c) => {
      const band = objectAt(b, `${field}.bands[${c}]`);
      return {
        step: integer(band.step, `${field}.bands[${c}].step`, 1),
        percentiles: record(band.percentiles, `${field}.bands[${c}].percentiles`, nonNegative),
      };
    });
  }
  return outcome;
}

/** A plain object whose own values all pass `check`, copied. */
function record(value: unknown, field: string, check: (x: unknown, f: string) => number): Record<string, number> {
  const source = objectAt(value, field);
  const out: Record<string, number> = {};
  // defineProperty: a key such as "__proto__" (from JSON.parse) stays a plain key.
  for (const key of Object.keys(source)) Object.defineProperty(out, key, { value: check(source[key], `${field}['${key}']`), enumerable: true, writable: true, configurable: true });
  return out;
}

function objectAt(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an object, received ${describeValue(value)}`, value);
  }
  return value as Record<string, unknown>;
}
