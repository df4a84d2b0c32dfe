import { SizewiseError, describeValue } from '../errors.js';
import { knownKeys, oneOf } from '../validate.js';
import { DecisionTree } from './DecisionTree.js';
import { EXIT_BIASES, SCALING_REGIME_TEMPLATES, SCALING_REGIMES, type ExitBias, type ScalingRegime } from './scalingRegime.js';
import { resolveScalingTemplate, type ScalingTemplate, type ScalingTemplateName } from './scalingTemplates.js';

/** Which template each scaling regime trades with, by name or as an object. */
export type RegimeTemplates = Readonly<Record<ScalingRegime, ScalingTemplate | ScalingTemplateName>>;

/** What the trained trees advise for one trade. */
export interface ScalingDecision {
  scaling: ScalingRegime;
  /** The tree's probability of that regime (its leaf's class share). */
  probability: number;
  /** The leaf's share of every regime. */
  probabilities: Record<ScalingRegime, number>;
  /** The template's name, or `custom <regime>` for a template given as an object. */
  templateName: string;
  template: ScalingTemplate;
  /** Σ P(regime) × that regime's template initialSize: the probability-weighted entry size. */
  expectedInitialSize: number;
  /** The exit-bias tree's choice, when one was given. */
  exitBias?: ExitBias;
}

/**
 * The scaling advice for one trade from a tree trained on ScalingRegime labels (and,
 * optionally, a tree trained on ExitBias labels): the predicted regime, its probability,
 * the template it maps to (SCALING_REGIME_TEMPLATES by default: ADD_ALLOWED → AGGRESSIVE,
 * ADD_NEUTRAL → NORMAL, NO_ADD → CONSERVATIVE) and the probability-weighted initial size.
 * `row` holds the features the trees were trained on, in their order.
 *
 * @example scalingDecision(result.tree, row).template.initialSize // 0.33 when it says ADD_ALLOWED
 */
export function scalingDecision(
  tree: DecisionTree,
  row: ArrayLike<number>,
  options: { exitTree?: DecisionTree; templates?: Partial<RegimeTemplates> } = {},
): ScalingDecision {
  knownKeys(options, 'options', ['exitTree', 'templates']);
  checkTree(tree, 'tree', SCALING_REGIMES);
  if (options.exitTree !== undefined) checkTree(options.exitTree, 'options.exitTree', EXIT_BIASES);
  const templates = resolveRegimeTemplates(options.templates, 'options.templates');
  const shares = tree.predictProba(row);
  const probabilities = Object.fromEntries(SCALING_REGIMES.map((r) => [r, shares[r] ?? 0])) as Record<ScalingRegime, number>;
  const scaling = tree.predict(row) as ScalingRegime;
  const chosen = templates[scaling];
  return {
    scaling,
    probability: probabilities[scaling],
    probabilities,
    templateName: chosen.name,
    template: chosen.template,
    expectedInitialSize: SCALING_REGIMES.reduce((sum, r) => sum + probabilities[r] * templates[r].template.initialSize, 0),
    ...(options.exitTree === undefined ? {} : { exitBias: options.exitTree.predict(row) as ExitBias }),
  };
}

/** The regime → template map with the defaults filled in, each template checked and named. */
export function resolveRegimeTemplates(templates: unknown, field: string): Record<ScalingRegime, { name: string; template: ScalingTemplate }> {
  knownKeys(templates as object | undefined, field, SCALING_REGIMES);
  const given = (templates ?? {}) as Partial<RegimeTemplates>;
  return Object.fromEntries(
    SCALING_REGIMES.map((r) => {
      const t = given[r] ?? SCALING_REGIME_TEMPLATES[r];
      return [r, { name: typeof t === 'string' ? t : `custom ${r}`, template: resolveScalingTemplate(t, `${field}.${r}`) }];
    }),
  ) as Record<ScalingRegime, { name: string; template: ScalingTemplate }>;
}

/** A DecisionTree whose classes all belong to `allowed`. */
function checkTree(tree: unknown, field: string, allowed: readonly string[]): void {
  if (!(tree instanceof DecisionTree)) throw new SizewiseError('INVALID_TYPE', field, `${field} must be a DecisionTree, received ${describeValue(tree)}`, tree);
  tree.classes.forEach((c, i) => oneOf(c, `${field}.classes[${i}]`, allowed));
}
