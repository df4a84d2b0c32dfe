import { SizewiseError, describeValue } from '../errors.js';
import { inRange, knownKeys, oneOf, probability } from '../validate.js';
import type { ScalingDecision } from './scalingDecision.js';
import { checkScalingTemplate } from './scalingTemplates.js';

/** A sizing layer's contribution, as PositionSizer reports its factors. */
export interface ScalingFactor {
  name: 'scaling';
  value: number;
  reason: string;
}

export interface ScalingFactorOptions {
  /** 'chosen': the chosen template's initialSize; 'expected': the probability-weighted initialSize over all regimes. */
  weighting: 'chosen' | 'expected';
}

export const SCALING_FACTOR_DEFAULTS: Readonly<ScalingFactorOptions> = Object.freeze({ weighting: 'chosen' });

/**
 * The regime classifier as a sizing layer: the entry is initialSize of the full position
 * the other layers size (the template's adds may bring it up to maxPosition later), so the
 * factor is that initialSize — the chosen template's, or its expectation under the tree's
 * probabilities — with a reason that names the regime, its probability and the plan.
 * The value is in (0, 1]: a share of the full position the other layers size.
 *
 * @example scalingFactor(scalingDecision(tree, row)) // { name: 'scaling', value: 0.33, reason: 'tree: ADD_ALLOWED (p 0.62) → AGGRESSIVE: …' }
 */
export function scalingFactor(decision: ScalingDecision, options: Partial<ScalingFactorOptions> = {}): ScalingFactor {
  knownKeys(options, 'options', Object.keys(SCALING_FACTOR_DEFAULTS));
  const weighting = oneOf(options.weighting ?? SCALING_FACTOR_DEFAULTS.weighting, 'options.weighting', ['chosen', 'expected'] as const);
  if (decision === null || typeof decision !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'decision', `decision must be a scalingDecision result, received ${describeValue(decision)}`, decision);
  }
  const t = checkScalingTemplate(decision.template, 'decision.template');
  const p = probability(decision.probability, 'decision.probability');
  if (typeof decision.scaling !== 'string' || typeof decision.templateName !== 'string') {
    throw new SizewiseError('INVALID_TYPE', 'decision.scaling', 'decision.scaling and decision.templateName must be strings', decision.scaling);
  }
  const plan = [
    `enter ${round(t.initialSize)} of the full position`,
    ...t.adds.map((a) => `add ${round(a.size)} at +${a.atR}R`),
    ...(t.exits.length > 0 ? [`exits at ${t.exits.map((e) => `${e.atR}R`).join(', ')}`] : []),
    `max ${round(t.maxPosition)}`,
  ].join(', ');
  const head = `tree: ${decision.scaling} (p ${p.toFixed(2)}) → ${decision.templateName}${decision.exitBias === undefined ? '' : `, ${decision.exitBias}`}`;
  if (weighting === 'chosen') return { name: 'scaling', value: t.initialSize, reason: `${head}: ${plan}` };
  const value = inRange(decision.expectedInitialSize, 'decision.expectedInitialSize', { min: 0, max: 1, minOpen: true });
  return { name: 'scaling', value, reason: `${head}; probability-weighted initial size ${round(value)} (${plan})` };
}

function round(x: number): string {
  return String(Number(x.toFixed(4)));
}
