import { SizewiseError, describeValue } from '../errors.js';
import { inRange, knownKeys, oneOf } from '../validate.js';
import { MAX_MONEY_DECIMALS } from '../money/sizeOrder.js';
import { SIZER_DEFAULTS, type AccountTier, type SizerConfig } from './sizerConfig.js';

/** How keys are spelled in the source: camelCase (code) or snake_case (config files). */
export type KeyStyle = 'camel' | 'snake';

type Schema =
  | { t: 'number'; min?: number; max?: number; minOpen?: boolean; integer?: boolean }
  | { t: 'boolean' }
  | { t: 'enum'; values: readonly string[] }
  | { t: 'name' }
  | { t: 'nullable'; of: Schema }
  | { t: 'object'; fields: Record<string, Schema> }
  | { t: 'record'; of: Schema; entryDefaults?: object }
  | { t: 'array'; of: Schema; max: number };

/** The most entries a tier list or schedule may have (the batch kernel's fixed slots). */
export const MAX_STEPS = 8;

const fraction: Schema = { t: 'number', min: 0, max: 1 };
const multiplier: Schema = { t: 'number', min: 0 };
const positive: Schema = { t: 'number', min: 0, minOpen: true };
const step: Schema = { t: 'object', fields: { above: { t: 'number', min: 0 }, multiplier } };

const TIER_DEFAULTS: Readonly<AccountTier> = SIZER_DEFAULTS.positionBoundaries.basic;

const SCHEMA: Schema = {
  t: 'object',
  fields: {
    defaultFraction: { t: 'number', min: 0, max: 1, minOpen: true },
    maxRiskFraction: { t: 'number', min: 0, max: 1, minOpen: true },
    minTradesForCalculation: { t: 'number', min: 1, integer: true },
    fallbackRiskFraction: fraction,
    lookbackWindowDays: { t: 'number', min: 1, integer: true },
    signalQuality: {
      t: 'object',
      fields: {
        method: { t: 'enum', values: ['confidenceTiers', 'metaProbability'] },
        confidenceTiers: { t: 'array', of: { t: 'object', fields: { min: fraction, multiplier } }, max: MAX_STEPS },
        belowTiers: multiplier,
        metaProbability: { t: 'object', fields: { offset: { t: 'number' }, min: multiplier, max: multiplier } },
      },
    },
    convictionMultipliers: { t: 'record', of: multiplier },
    positionBoundaries: {
      t: 'record',
      entryDefaults: TIER_DEFAULTS,
      of: {
        t: 'object',
        fields: { minRisk: fraction, maxRisk: { t: 'number', min: 0, max: 1, minOpen: true }, allowOverrides: { t: 'boolean' }, maxLeverage: positive },
      },
    },
    defaultTier: { t: 'name' },
    volatilityAdjustment: {
      t: 'object',
      fields: {
        method: { t: 'enum', values: ['atrRatio', 'target'] },
        atrRatioSteps: { t: 'array', of: step, max: MAX_STEPS },
        targetVolatility: positive,
        maxMultiplier: positive,
        atrFloor: positive,
        atrPeriod: { t: 'number', min: 1, integer: true },
        averagePeriod: { t: 'number', min: 1, integer: true },
        regimeThresholds: { t: 'object', fields: { low: positive, high: positive } },
      },
    },
    regimeMultipliers: { t: 'record', of: multiplier },
    defaultRegime: { t: 'nullable', of: { t: 'name' } },
    banditFloor: multiplier,
    correlationFloor: fraction,
    rlMultiplier: { t: 'object', fields: { min: positive, max: positive } },
    drawdownSchedule: { t: 'array', of: { t: 'object', fields: { above: fraction, multiplier } }, max: MAX_STEPS },
    moneyDecimals: { t: 'number', min: 0, max: MAX_MONEY_DECIMALS, integer: true },
  },
};

/** camelCase → snake_case (`maxRisk` → `max_risk`). */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Validates a (partial) sizer config and merges it over SIZER_DEFAULTS. Objects merge key
 * by key (a tier or regime given alone keeps the others), lists replace. Unknown keys,
 * wrong types and out-of-range values throw `SizewiseError` whose field is the key path
 * as the source spells it (`path` prefix, `style` of the keys), with the value received.
 */
export function resolveSizerConfig(input: unknown = {}, path = 'config', style: KeyStyle = 'camel'): SizerConfig {
  const config = merge(SCHEMA, input, SIZER_DEFAULTS, path, style) as SizerConfig;
  crossCheck(config, path, style);
  return config;
}

function merge(schema: Schema, raw: unknown, defaults: unknown, path: string, style: KeyStyle): unknown {
  if (raw === undefined) {
    if (defaults === undefined) {
      throw new SizewiseError('INVALID_TYPE', path, `${path} is required`);
    }
    return structuredClone(defaults);
  }
  switch (schema.t) {
    case 'number': {
      const x = inRange(raw, path, { min: schema.min, max: schema.max, minOpen: schema.minOpen });
      if (schema.integer && !Number.isInteger(x)) {
        throw new SizewiseError('OUT_OF_RANGE', path, `${path} must be an integer, received ${describeValue(x)}`, x);
      }
      return x;
    }
    case 'boolean':
      if (typeof raw !== 'boolean') {
        throw new SizewiseError('INVALID_TYPE', path, `${path} must be true or false, received ${describeValue(raw)}`, raw);
      }
      return raw;
    case 'enum':
      return oneOf(raw, path, schema.values);
    case 'name':
      if (typeof raw !== 'string' || raw === '') {
        throw new SizewiseError('INVALID_TYPE', path, `${path} must be a non-empty name, received ${describeValue(raw)}`, raw);
      }
      return raw;
    case 'nullable':
      return raw === null ? null : merge(schema.of, raw, undefined, path, style);
    case 'object': {
      const obj = plainObject(raw, path);
      const keys = Object.keys(schema.fields);
      const spelled = keys.map((k) => (style === 'snake' ? snakeCase(k) : k));
      knownKeys(obj, path, spelled);
      const out: Record<string, unknown> = {};
      keys.forEach((k, i) => {
        const d = defaults === undefined ? undefined : (defaults as Record<string, unknown>)[k];
        out[k] = merge(schema.fields[k], obj[spelled[i]], d, `${path}.${spelled[i]}`, style);
      });
      return out;
    }
    case 'record': {
      const obj = plainObject(raw, path);
      const out: Record<string, unknown> = structuredClone((defaults ?? {}) as Record<string, unknown>);
      for (const [key, value] of Object.entries(obj)) {
        const d = out[key] ?? schema.entryDefaults;
        out[key] = merge(schema.of, value, d, `${path}.${key}`, style);
      }
      return out;
    }
    case 'array': {
      if (!Array.isArray(raw)) {
        throw new SizewiseError('INVALID_TYPE', path, `${path} must be a list, received ${describeValue(raw)}`, raw);
      }
      if (raw.length > schema.max) {
        throw new SizewiseError('OUT_OF_RANGE', path, `${path} may have at most ${schema.max} entries, received ${raw.length}`, raw);
      }
      // An index loop, not map: a hole in a sparse list is a missing entry, not one to skip.
      const out: unknown[] = [];
      for (let i = 0; i < raw.length; i++) out.push(merge(schema.of, raw[i], undefined, `${path}[${i}]`, style));
      return out;
    }
  }
}

function plainObject(raw: unknown, path: string): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SizewiseError('INVALID_TYPE', path, `${path} must be an object (a map of keys), received ${describeValue(raw)}`, raw);
  }
  return raw as Record<string, unknown>;
}

function crossCheck(c: SizerConfig, path: string, style: KeyStyle): void {
  const at = (...keys: (string | number)[]) =>
    keys.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${style === 'snake' ? snakeCase(k) : k}`), path);
  const fail = (field: string, message: string, value: unknown) => {
    throw new SizewiseError('OUT_OF_RANGE', field, `${field} ${message}, received ${describeValue(value)}`, value);
  };
  const tiers = c.signalQuality.confidenceTiers;
  for (let i = 1; i < tiers.length; i++) {
    if (!(tiers[i].min > tiers[i - 1].min)) fail(at('signalQuality', 'confidenceTiers', i, 'min'), 'must be above the previous tier (tiers ascend)', tiers[i].min);
    if (tiers[i].multiplier < tiers[i - 1].multiplier) {
      fail(at('signalQuality', 'confidenceTiers', i, 'multiplier'), 'must not be below the previous tier (size never falls as confidence rises)', tiers[i].multiplier);
    }
  }
  if (tiers.length > 0 && tiers[0].multiplier < c.signalQuality.belowTiers) {
    fail(at('signalQuality', 'belowTiers'), `must not exceed the lowest tier's multiplier ${tiers[0].multiplier}`, c.signalQuality.belowTiers);
  }
  const meta = c.signalQuality.metaProbability;
  if (meta.min > meta.max) fail(at('signalQuality', 'metaProbability', 'min'), `must not exceed max ${meta.max}`, meta.min);
  for (const [name, list] of [
    ['atrRatioSteps', c.volatilityAdjustment.atrRatioSteps],
    ['drawdownSchedule', c.drawdownSchedule],
  ] as const) {
    for (let i = 1; i < list.length; i++) {
      if (!(list[i].above > list[i - 1].above)) {
        const field = name === 'atrRatioSteps' ? at('volatilityAdjustment', name, i, 'above') : at(name, i, 'above');
        fail(field, 'must be above the previous step (steps ascend)', list[i].above);
      }
    }
  }
  for (const [name, tier] of Object.entries(c.positionBoundaries)) {
    if (tier.minRisk > tier.maxRisk) fail(`${at('positionBoundaries')}.${name}.${style === 'snake' ? 'min_risk' : 'minRisk'}`, `must not exceed maxRisk ${tier.maxRisk}`, tier.minRisk);
  }
  if (!Object.hasOwn(c.positionBoundaries, c.defaultTier)) {
    throw new SizewiseError(
      'UNKNOWN_VALUE',
      at('defaultTier'),
      `${at('defaultTier')} must name a tier of positionBoundaries (${Object.keys(c.positionBoundaries).join(', ')}), received ${describeValue(c.defaultTier)}`,
      c.defaultTier,
    );
  }
  if (c.defaultRegime !== null && !Object.hasOwn(c.regimeMultipliers, c.defaultRegime)) {
    throw new SizewiseError(
      'UNKNOWN_VALUE',
      at('defaultRegime'),
      `${at('defaultRegime')} must name a regime of regimeMultipliers or be null, received ${describeValue(c.defaultRegime)}`,
      c.defaultRegime,
    );
  }
  if (Object.keys(c.regimeMultipliers).length > 255) fail(at('regimeMultipliers'), 'may name at most 255 regimes', Object.keys(c.regimeMultipliers).length);
  if (Object.keys(c.convictionMultipliers).length > 255) fail(at('convictionMultipliers'), 'may name at most 255 levels', Object.keys(c.convictionMultipliers).length);
  if (c.rlMultiplier.min > c.rlMultiplier.max) fail(at('rlMultiplier', 'min'), `must not exceed max ${c.rlMultiplier.max}`, c.rlMultiplier.min);
  const th = c.volatilityAdjustment.regimeThresholds;
  if (th.low > th.high) fail(at('volatilityAdjustment', 'regimeThresholds', 'low'), `must not exceed high ${th.high}`, th.low);
}
