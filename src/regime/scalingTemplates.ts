import { SizewiseError, describeValue } from '../errors.js';
import { deepFreeze } from '../util/deepFreeze.js';
import { inRange, knownKeys, oneOf, positive } from '../validate.js';

/**
 * How a position is scaled in and out, in units of the initial risk R = entry − stop.
 * Sizes are fractions of one full position.
 */
export interface ScalingTemplate {
  /** Fraction of the full position bought at entry. */
  initialSize: number;
  /** Add `size` when price reaches entry + atR·R; atR strictly increasing, each > 0. */
  adds: readonly { atR: number; size: number }[];
  /** Sell `fraction` of what is held at entry + atR·R; atR strictly increasing, each > 0; the last exit closes (its fraction is 1). */
  exits: readonly { atR: number; fraction: number }[];
  /** The most that may be held, in (0, 1] (1 = the full position); an add that would pass it is not taken. */
  maxPosition: number;
}

export type ScalingTemplateName = 'CONSERVATIVE' | 'NORMAL' | 'AGGRESSIVE';

/**
 * The three templates of the source design, with its numbers: CONSERVATIVE takes no adds
 * and exits early, NORMAL adds once, AGGRESSIVE adds twice and exits late.
 */
export const SCALING_TEMPLATES: Readonly<Record<ScalingTemplateName, ScalingTemplate>> = deepFreeze({
  CONSERVATIVE: { initialSize: 0.5, adds: [], exits: [{ atR: 0.8, fraction: 0.5 }, { atR: 1.5, fraction: 1 }], maxPosition: 0.5 },
  NORMAL: { initialSize: 0.5, adds: [{ atR: 0.5, size: 0.25 }], exits: [{ atR: 1.0, fraction: 0.4 }, { atR: 2.0, fraction: 1 }], maxPosition: 0.75 },
  AGGRESSIVE: {
    initialSize: 0.33,
    adds: [{ atR: 0.5, size: 0.33 }, { atR: 1.0, size: 0.34 }],
    exits: [{ atR: 1.5, fraction: 0.3 }, { atR: 3.0, fraction: 1 }],
    maxPosition: 1.0,
  },
});

/** The plain trade: one full position at entry, no adds, no targets (it ends at the stop or when the bars run out). */
export const FULL_POSITION_TEMPLATE: Readonly<ScalingTemplate> = deepFreeze({ initialSize: 1, adds: [], exits: [], maxPosition: 1 });

/** Slack when comparing held + add with maxPosition, so 0.1 + 0.2 fits in 0.3. */
export const SIZE_TOLERANCE = 1e-9;

/**
 * A template given by name (one of `templates`' keys, SCALING_TEMPLATES by default) or as
 * an object, checked: initialSize in (0, maxPosition], maxPosition in (0, 1], adds and exits
 * with strictly increasing atR > 0, add sizes > 0, exit fractions in (0, 1] and the last
 * one 1. `field` names it in errors. Returns the template.
 */
export function resolveScalingTemplate(
  template: unknown,
  field: string,
  templates: Readonly<Record<string, ScalingTemplate>> = SCALING_TEMPLATES,
): ScalingTemplate {
  if (typeof template === 'string') return templates[oneOf(template, field, Object.keys(templates))];
  return checkScalingTemplate(template, field);
}

/** Checks a template object (see resolveScalingTemplate). */
export function checkScalingTemplate(template: unknown, field: string): ScalingTemplate {
  if (template === null || typeof template !== 'object' || Array.isArray(template)) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be a scaling template or a template name, received ${describeValue(template)}`, template);
  }
  const t = template as Record<string, unknown>;
  for (const key of Object.keys(t)) {
    if (!['initialSize', 'adds', 'exits', 'maxPosition'].includes(key)) {
      throw new SizewiseError('UNKNOWN_KEY', `${field}.${key}`, `${field}.${key} is not a template field (known: initialSize, adds, exits, maxPosition)`, t[key]);
    }
  }
  // The full position is what the sizer sized: a template scales within it, never above.
  const maxPosition = inRange(t.maxPosition, `${field}.maxPosition`, { min: 0, max: 1, minOpen: true });
  inRange(t.initialSize, `${field}.initialSize`, { min: 0, max: maxPosition + SIZE_TOLERANCE, minOpen: true });
  const adds = ladder(t.adds, `${field}.adds`, 'size');
  for (let i = 0; i < adds.length; i++) positive(adds[i].size, `${field}.adds[${i}].size`);
  const exits = ladder(t.exits, `${field}.exits`, 'fraction');
  for (let i = 0; i < exits.length; i++) inRange(exits[i].fraction, `${field}.exits[${i}].fraction`, { min: 0, max: 1, minOpen: true });
  const last = exits.length - 1;
  if (last >= 0 && exits[last].fraction !== 1) {
    throw new SizewiseError('OUT_OF_RANGE', `${field}.exits[${last}].fraction`, `${field}.exits[${last}].fraction must be 1: the last exit closes the position, received ${describeValue(exits[last].fraction)}`, exits[last].fraction);
  }
  return template as ScalingTemplate;
}

/** An array of { atR, <amount> } steps with atR > 0, strictly increasing. */
function ladder(value: unknown, field: string, amount: 'size' | 'fraction'): readonly Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array, received ${describeValue(value)}`, value);
  let previous = 0;
  for (let i = 0; i < value.length; i++) {
    const step = value[i] as unknown; // a loop, not forEach: a hole in a sparse array must be seen
    if (step === null || typeof step !== 'object') throw new SizewiseError('INVALID_TYPE', `${field}[${i}]`, `${field}[${i}] must be an object, received ${describeValue(step)}`, step);
    knownKeys(step, `${field}[${i}]`, ['atR', amount]);
    const atR = positive((step as Record<string, unknown>).atR, `${field}[${i}].atR`);
    if (atR <= previous) {
      throw new SizewiseError('OUT_OF_RANGE', `${field}[${i}].atR`, `${field}[${i}].atR must be above the step before it (${previous}), received ${atR}`, atR);
    }
    previous = atR;
  }
  return value as Record<string, unknown>[];
}
