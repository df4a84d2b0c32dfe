import { SizewiseError, describeValue } from '../errors.js';
import { integer, knownKeys, nonNegative, optionalCallback } from '../validate.js';
import { checkTreeData, fitTreeChecked, type DecisionTree } from './DecisionTree.js';
import { purgedKFold, type LabelSpan } from './purgedKFold.js';

export interface TreeDepthOptions {
  /** Candidate depths, each an integer in [1, 64]. */
  depths: readonly number[];
  /** Purged folds (see purgedKFold). */
  folds: number;
  /** Embargo after each test fold, in the spans' time unit. */
  embargo: number;
  /** minSamplesLeaf of every tree. */
  minSamplesLeaf: number;
  featureNames?: readonly string[];
  /** Called after each fold's tree is fitted with (folds fitted, folds used), for a progress bar; the result does not depend on it. */
  onProgress?: (foldsFitted: number, folds: number) => void;
}

export const TREE_DEPTH_DEFAULTS: Readonly<Omit<TreeDepthOptions, 'featureNames'>> = Object.freeze({
  depths: Object.freeze([1, 2, 3, 4, 5]),
  folds: 5,
  embargo: 0,
  minSamplesLeaf: 1,
});

/** A depth's out-of-fold accuracy. */
export interface DepthScore {
  depth: number;
  /** Mean of the folds' accuracies. */
  meanAccuracy: number;
  /** Their sample standard deviation; null with a single usable fold (no spread to measure). */
  sdAccuracy: number | null;
  /** Per evaluated fold, in time order. */
  accuracies: number[];
}

export interface DepthSelection {
  /** The depth with the highest mean accuracy (the shallowest among equals). */
  depth: number;
  scores: DepthScore[];
  /** Folds whose training part held a single class, so no tree could be fitted: left out of every mean. */
  skippedFolds: number;
}

/**
 * Chooses a DecisionTree's depth by purged, embargoed k-fold cross-validation (López de
 * Prado 2018, ch. 7): for every candidate depth, a tree is fitted on each fold's purged
 * training part and scored by accuracy on its test part; the depth with the best mean
 * wins, the shallowest among equals. The spread of the fold accuracies is the honest
 * uncertainty of that accuracy — though the winning mean is itself slightly optimistic,
 * having been chosen as the best. One fit per fold, at the deepest candidate: O(folds · fit).
 *
 * @example crossValidateTreeDepth(rows, labels, spans, { depths: [1, 2, 3] }).depth
 */
export function crossValidateTreeDepth(
  rows: readonly ArrayLike<number>[],
  labels: readonly string[],
  spans: readonly LabelSpan[],
  options: Partial<TreeDepthOptions> = {},
): DepthSelection {
  knownKeys(options, 'options', ['depths', 'folds', 'embargo', 'minSamplesLeaf', 'featureNames', 'onProgress']);
  const onProgress = optionalCallback<(done: number, total: number) => void>(options.onProgress, 'options.onProgress');
  const o = { ...TREE_DEPTH_DEFAULTS, ...options };
  if (!Array.isArray(o.depths) || o.depths.length === 0) {
    throw new SizewiseError('EMPTY_INPUT', 'options.depths', `options.depths must list at least one depth, received ${describeValue(o.depths)}`, o.depths);
  }
  for (let i = 0; i < o.depths.length; i++) integer(o.depths[i], `options.depths[${i}]`, 1, 64);
  integer(o.minSamplesLeaf, 'options.minSamplesLeaf', 1);
  nonNegative(o.embargo, 'options.embargo');
  if (!Array.isArray(rows) || !Array.isArray(labels) || rows.length !== labels.length || rows.length !== (Array.isArray(spans) ? spans.length : -1)) {
    throw new SizewiseError('LENGTH_MISMATCH', 'spans', `rows, labels and spans must be arrays of one length, received ${describeValue(rows)}, ${describeValue(labels)}, ${describeValue(spans)}`, spans);
  }
  const folds = purgedKFold(spans, { folds: o.folds, embargo: o.embargo });
  // Rows, labels and names checked once, with the caller's field names; the folds fit unchecked.
  const data = checkTreeData(rows, labels, o.featureNames, 'options.featureNames');
  let skippedFolds = 0;
  const usable = folds.filter((fold) => {
    const ok = new Set(fold.train.map((i) => labels[i])).size >= 2;
    if (!ok) skippedFolds++;
    return ok;
  });
  if (usable.length === 0) {
    throw new SizewiseError('ONE_CLASS', 'labels', 'no fold has a training part with two classes: too few samples, or a single label', labels.length);
  }
  // A tree grown to depth d is the deepest tree cut at depth d (a split depends only on its
  // node's rows), so one fit per fold serves every candidate depth.
  const deepest = Math.max(...o.depths);
  const fitted = usable.map((fold, k) => {
    const tree = fitTreeChecked(data, fold.train, deepest, o.minSamplesLeaf);
    onProgress?.(k + 1, usable.length);
    return tree;
  });
  const scores = [...new Set(o.depths)].map((depth): DepthScore => {
    const accuracies = usable.map((fold, k) => fold.test.filter((i) => predictAtDepth(fitted[k], rows[i], depth) === labels[i]).length / fold.test.length);
    const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
    const ss = accuracies.reduce((a, b) => a + (b - mean) ** 2, 0);
    return { depth, meanAccuracy: mean, sdAccuracy: accuracies.length < 2 ? null : Math.sqrt(ss / (accuracies.length - 1)), accuracies };
  });
  let best = scores[0];
  for (const s of scores) if (s.meanAccuracy > best.meanAccuracy || (s.meanAccuracy === best.meanAccuracy && s.depth < best.depth)) best = s;
  return { depth: best.depth, scores, skippedFolds };
}

/** The class `tree` cut at `depth` predicts: walk down at most `depth` splits, then the node's majority (first class among equals). */
function predictAtDepth(tree: DecisionTree, row: ArrayLike<number>, depth: number): string {
  let node = tree.nodes[0];
  for (let d = 0; d < depth && 'feature' in node; d++) node = tree.nodes[row[node.feature] <= node.threshold ? node.left : node.right];
  let best = 0;
  for (let c = 1; c < node.counts.length; c++) if (node.counts[c] > node.counts[best]) best = c;
  return tree.classes[best];
}
