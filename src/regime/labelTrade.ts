import { SizewiseError } from '../errors.js';
import { deepFreeze } from '../util/deepFreeze.js';
import { knownKeys, nonNegative, oneOf, positive } from '../validate.js';
import { managePositionUnchecked } from './managePosition.js';
import { checkPricePath, mirrorPath, type PricePath, type TradeSide } from './pricePath.js';
import type { ExitBias, ScalingRegime } from './scalingRegime.js';
import { resolveScalingTemplate, type ScalingTemplate, type ScalingTemplateName } from './scalingTemplates.js';

export interface LabelOptions {
  /** The template whose adds and exits are judged: "adding helped" compares it with and without its adds. It needs at least one add and two exits. */
  template: ScalingTemplate | ScalingTemplateName;
  /** ADD_ALLOWED needs the path to reach entry + this·R. */
  addAllowedAtR: number;
  /** …along a smooth path: no pullback deeper than this many R (from the highest high so far to a later low) before it got there. */
  maxPullbackR: number;
  side: TradeSide;
}

/** Label options with the template resolved to an object. */
export type ResolvedLabelOptions = Omit<LabelOptions, 'template'> & { template: ScalingTemplate };

export const LABEL_DEFAULTS: Readonly<LabelOptions> = deepFreeze({ template: 'NORMAL', addAllowedAtR: 2, maxPullbackR: 1, side: 'long' });

/** A trade's hindsight labels and the numbers they were decided on. */
export interface TradeLabel {
  scaling: ScalingRegime;
  exitBias: ExitBias;
  /** Highest high before the stop was touched, in R above the entry (the stop's own bar does not count; 0 when stopped in the entry bar). */
  maxR: number;
  /** Deepest pullback (R) before reaching addAllowedAtR, or over the whole path when it never got there. */
  pullbackR: number;
  /** R-multiple of the template with its adds minus without them. */
  addEffectR: number;
  /** R-multiple holding everything to the last exit minus taking the template's partial exits. */
  holdEffectR: number;
}

/**
 * Labels a finished trade in hindsight, for training only (it reads the whole path):
 *
 * - ADD_ALLOWED: the path reached `addAllowedAtR` (2R) with no pullback deeper than
 *   `maxPullbackR` (1R) on the way, and the template's adds raised its R-multiple;
 * - NO_ADD: adding hurt because it whipsawed: an add filled, then the stop was hit, and the
 *   template with its adds made less than without them;
 * - ADD_NEUTRAL: everything else.
 *
 * Exit bias: CONTINUATION when holding everything to the template's last exit made more
 * than its partial exits, MEAN_REVERSION otherwise (including ties, e.g. a trade stopped
 * before its first exit). All runs use managePosition's rules.
 *
 * @example labelTrade({ entry: 100, stop: 90, high: [106, 121], low: [99, 104], close: [105, 120] }).scaling // 'ADD_ALLOWED'
 */
export function labelTrade(path: PricePath, options: Partial<LabelOptions> = {}): TradeLabel {
  const o = checkLabelOptions(options, 'options');
  checkPricePath(path, 'path', o.side);
  return labelTradeUnchecked(o.side === 'long' ? path : mirrorPath(path), o);
}

/** Checks label options (`field` names the object), defaults merged, template resolved. */
export function checkLabelOptions(options: unknown, field: string): ResolvedLabelOptions {
  knownKeys(options as object | undefined, field, Object.keys(LABEL_DEFAULTS));
  const o = { ...LABEL_DEFAULTS, ...(options as Partial<LabelOptions> | undefined) };
  const template = resolveScalingTemplate(o.template, `${field}.template`);
  if (template.adds.length === 0 || template.exits.length < 2) {
    throw new SizewiseError('OUT_OF_RANGE', `${field}.template`, `${field}.template must have at least one add and two exits to judge adds and partial exits`, o.template);
  }
  positive(o.addAllowedAtR, `${field}.addAllowedAtR`);
  nonNegative(o.maxPullbackR, `${field}.maxPullbackR`);
  oneOf(o.side, `${field}.side`, ['long', 'short'] as const);
  return { ...o, template };
}

/** labelTrade for a checked long path and checked options. */
export function labelTradeUnchecked(path: PricePath, o: ResolvedLabelOptions): TradeLabel {
  const { entry, stop, high, low } = path;
  const risk = entry - stop;
  let maxR = Number.NEGATIVE_INFINITY;
  let peak = 0;
  let pullback = 0;
  let reached = false;
  for (let bar = 0; bar < high.length && low[bar] > stop; bar++) {
    const highR = (high[bar] - entry) / risk;
    maxR = Math.max(maxR, highR);
    if (reached) continue;
    pullback = Math.max(pullback, peak - (low[bar] - entry) / risk); // the bar's low may come before its high: counted
    peak = Math.max(peak, highR);
    reached = highR >= o.addAllowedAtR;
  }
  if (maxR === Number.NEGATIVE_INFINITY) maxR = 0; // stopped in the entry bar: nothing gained before it
  const t = o.template;
  const withAdds = managePositionUnchecked(path, t);
  const withoutAdds = managePositionUnchecked(path, { ...t, adds: [] });
  const holdAll = managePositionUnchecked(path, { ...t, exits: [t.exits[t.exits.length - 1]] });
  const addEffectR = withAdds.rMultiple - withoutAdds.rMultiple;
  const holdEffectR = holdAll.rMultiple - withAdds.rMultiple;
  const whipsaw = withAdds.exitReason === 'stop' && withAdds.fills.some((f) => f.reason === 'add');
  const scaling: ScalingRegime =
    reached && pullback <= o.maxPullbackR && addEffectR > 0 ? 'ADD_ALLOWED' : whipsaw && addEffectR < 0 ? 'NO_ADD' : 'ADD_NEUTRAL';
  return { scaling, exitBias: holdEffectR > 0 ? 'CONTINUATION' : 'MEAN_REVERSION', maxR, pullbackR: pullback, addEffectR, holdEffectR };
}
