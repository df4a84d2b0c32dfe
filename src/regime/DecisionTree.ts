import { SizewiseError, describeValue } from '../errors.js';
import { finite, integer, knownKeys } from '../validate.js';

export interface DecisionTreeOptions {
  /** Deepest level of a split (the root is depth 0); leaves sit at most this deep. */
  maxDepth: number;
  /** Fewest training rows a leaf may hold: a split that would leave fewer on a side is not considered. */
  minSamplesLeaf: number;
  /** A name per feature column, for rules(); `x[0]`, `x[1]`, … when absent. */
  featureNames?: readonly string[];
}

export const DECISION_TREE_DEFAULTS: Readonly<Omit<DecisionTreeOptions, 'featureNames'>> = Object.freeze({ maxDepth: 3, minSamplesLeaf: 1 });

let build: (saved: Omit<SavedDecisionTree, 'format' | 'version'>) => DecisionTree;

/** A node in preorder (a node, then its left subtree, then its right one), as scikit-learn numbers them. */
export type DecisionTreeNode =
  | { feature: number; threshold: number; left: number; right: number; counts: number[] }
  | { counts: number[] };

/** The saved form of a tree (toJSON / fromJSON). */
export interface SavedDecisionTree {
  format: 'sizewise.decision-tree';
  version: 1;
  classes: string[];
  featureNames: string[];
  maxDepth: number;
  minSamplesLeaf: number;
  nodes: DecisionTreeNode[];
}

const FORMAT = 'sizewise.decision-tree';
/** A split must lower the weighted Gini impurity by more than this (a guard against round-off "gains"). */
const MIN_IMPROVEMENT = 1e-12;

/**
 * A CART classification tree (Breiman, Friedman, Olshen & Stone 1984) grown with Gini
 * impurity, the way scikit-learn's `DecisionTreeClassifier(criterion='gini', max_depth,
 * min_samples_leaf)` grows one: at each node every feature and every threshold halfway
 * between consecutive distinct values (a/2 + b/2) is tried, and the split with the lowest
 * weighted child impurity wins (the first feature, then the lowest threshold, among
 * equals). A node becomes a leaf at `maxDepth`, when it is pure, when it holds fewer than
 * 2·minSamplesLeaf rows, or when no split lowers its impurity. Rows go left when
 * x[feature] ≤ threshold. A leaf predicts its majority class (the first in sorted order
 * among equals) and its class shares as probabilities.
 *
 * On data without ties (no two candidate splits equally good) its splits, predictions and
 * probabilities are scikit-learn's; tests check that against fixtures made with
 * scikit-learn 1.2. scikit-learn breaks ties between features at random and also splits
 * nodes whose impurity no split lowers; this tree does neither.
 *
 * Fit is O(features · n log n + depth · features · n). NaN in a row is an error, never a silent branch.
 *
 * @example
 * const tree = DecisionTree.fit([[1], [2], [3], [4]], ['a', 'a', 'b', 'b']);
 * tree.predict([1.2]); // 'a' (the split is x[0] ≤ 2.5)
 */
export class DecisionTree {
  /** The labels seen in training, sorted. */
  readonly classes: readonly string[];
  readonly featureNames: readonly string[];
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  /** Nodes in preorder; the root is node 0. */
  readonly nodes: readonly Readonly<DecisionTreeNode>[];

  static {
    // fitTreeChecked (this module's, not the package's) builds trees with the private constructor.
    build = (saved) => new DecisionTree(saved);
  }

  private constructor(saved: Omit<SavedDecisionTree, 'format' | 'version'>) {
    this.classes = Object.freeze([...saved.classes]);
    this.featureNames = Object.freeze([...saved.featureNames]);
    this.maxDepth = saved.maxDepth;
    this.minSamplesLeaf = saved.minSamplesLeaf;
    this.nodes = Object.freeze(saved.nodes.map((node) => Object.freeze({ ...node, counts: Object.freeze([...node.counts]) as number[] })));
  }

  /** Grows a tree on `rows` (one array of feature values per row) and their `labels`. */
  static fit(rows: readonly ArrayLike<number>[], labels: readonly string[], options: Partial<DecisionTreeOptions> = {}): DecisionTree {
    knownKeys(options, 'options', ['maxDepth', 'minSamplesLeaf', 'featureNames']);
    const maxDepth = integer(options.maxDepth ?? DECISION_TREE_DEFAULTS.maxDepth, 'options.maxDepth', 1, 64);
    const minSamplesLeaf = integer(options.minSamplesLeaf ?? DECISION_TREE_DEFAULTS.minSamplesLeaf, 'options.minSamplesLeaf', 1);
    return fitTreeChecked(checkTreeData(rows, labels, options.featureNames, 'options.featureNames'), undefined, maxDepth, minSamplesLeaf);
  }

  /** Rebuilds a saved tree, checking every field; a corrupted save throws SizewiseError naming the field. */
  static fromJSON(json: unknown): DecisionTree {
    if (json === null || typeof json !== 'object') {
      throw new SizewiseError('INVALID_TYPE', 'json', `json must be a saved decision tree, received ${describeValue(json)}`, json);
    }
    const j = json as Partial<Record<keyof SavedDecisionTree, unknown>>;
    knownKeys(j, 'json', ['format', 'version', 'classes', 'featureNames', 'maxDepth', 'minSamplesLeaf', 'nodes']);
    if (j.format !== FORMAT) throw new SizewiseError('INVALID_STATE', 'json.format', `json.format must be "${FORMAT}", received ${describeValue(j.format)}`, j.format);
    if (j.version !== 1) throw new SizewiseError('INVALID_STATE', 'json.version', `json.version ${describeValue(j.version)} is not supported (this build reads version 1)`, j.version);
    const classes = stringList(j.classes, 'json.classes');
    if (classes.length < 2 || classes.some((c, i) => i > 0 && !(classes[i - 1] < c))) {
      throw new SizewiseError('INVALID_STATE', 'json.classes', 'json.classes must hold at least two distinct classes in sorted order', j.classes);
    }
    const featureNames = stringList(j.featureNames, 'json.featureNames');
    checkFeatureNames(featureNames, featureNames.length, 'json.featureNames');
    if (featureNames.length === 0) throw new SizewiseError('INVALID_STATE', 'json.featureNames', 'json.featureNames must name at least one feature', j.featureNames);
    const maxDepth = integer(j.maxDepth, 'json.maxDepth', 1, 64);
    const minSamplesLeaf = integer(j.minSamplesLeaf, 'json.minSamplesLeaf', 1);
    const nodes = checkNodes(j.nodes, 'json.nodes', classes.length, featureNames.length, maxDepth);
    return new DecisionTree({ classes, featureNames, maxDepth, minSamplesLeaf, nodes });
  }

  /** The saved form: plain JSON, read back by fromJSON. */
  toJSON(): SavedDecisionTree {
    return {
      format: FORMAT,
      version: 1,
      classes: [...this.classes],
      featureNames: [...this.featureNames],
      maxDepth: this.maxDepth,
      minSamplesLeaf: this.minSamplesLeaf,
      nodes: this.nodes.map((node) => ({ ...node, counts: [...node.counts] })),
    };
  }

  /** The majority class of the leaf `row` falls in. */
  predict(row: ArrayLike<number>): string {
    const counts = this.#leaf(row, 'row').counts;
    let best = 0;
    for (let c = 1; c < counts.length; c++) if (counts[c] > counts[best]) best = c;
    return this.classes[best];
  }

  /** Class shares of the leaf `row` falls in, keyed by class. */
  predictProba(row: ArrayLike<number>): Record<string, number> {
    const counts = this.#leaf(row, 'row').counts;
    const total = counts.reduce((a, b) => a + b, 0);
    return Object.fromEntries(this.classes.map((c, i) => [c, counts[i] / total]));
  }

  /** Levels below the root (0 for a single leaf). */
  get depth(): number {
    const depthOf = (i: number): number => {
      const node = this.nodes[i];
      return 'feature' in node ? 1 + Math.max(depthOf(node.left), depthOf(node.right)) : 0;
    };
    return depthOf(0);
  }

  /** Number of leaves. */
  get leaves(): number {
    return this.nodes.filter((node) => !('feature' in node)).length;
  }

  /**
   * The tree as nested if/else rules with the feature names, each leaf with its class,
   * its training rows and its class shares, e.g.
   * `if adx <= 23.4:` / `    NO_ADD (n = 40: ADD_ALLOWED 0.10, ADD_NEUTRAL 0.30, NO_ADD 0.60)`.
   * Thresholds are shown to 4 significant digits; toJSON keeps them exactly.
   */
  rules(): string {
    const lines: string[] = [];
    const walk = (i: number, indent: string) => {
      const node = this.nodes[i];
      if ('feature' in node) {
        const threshold = Number(node.threshold.toPrecision(4));
        lines.push(`${indent}if ${this.featureNames[node.feature]} <= ${threshold}:`);
        walk(node.left, `${indent}    `);
        lines.push(`${indent}else:  # ${this.featureNames[node.feature]} > ${threshold}`);
        walk(node.right, `${indent}    `);
        return;
      }
      const total = node.counts.reduce((a, b) => a + b, 0);
      let best = 0;
      for (let c = 1; c < node.counts.length; c++) if (node.counts[c] > node.counts[best]) best = c;
      const shares = this.classes.map((c, k) => `${c} ${(node.counts[k] / total).toFixed(2)}`).join(', ');
      lines.push(`${indent}${this.classes[best]} (n = ${total}: ${shares})`);
    };
    walk(0, '');
    return lines.join('\n');
  }

  #leaf(row: ArrayLike<number>, field: string): Readonly<DecisionTreeNode> {
    if (!isNumberArray(row)) throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array of numbers, received ${describeValue(row)}`, row);
    if (row.length !== this.featureNames.length) {
      throw new SizewiseError('LENGTH_MISMATCH', field, `${field} has ${row.length} values, the tree reads ${this.featureNames.length} (${this.featureNames.join(', ')})`, row);
    }
    for (let f = 0; f < row.length; f++) finite(row[f], `${field}[${f}]`);
    let node = this.nodes[0];
    while ('feature' in node) node = this.nodes[row[node.feature] <= node.threshold ? node.left : node.right];
    return node;
  }
}

/**
 * DecisionTree.fit on data checked once by checkTreeData, on the rows `subset` (indices, in
 * that order; all of them when undefined): what cross-validation runs per fold, without
 * checking the same rows again. `maxDepth` and `minSamplesLeaf` are trusted. ONE_CLASS when
 * the subset's labels hold a single class. Not exported by the package: its input is trusted.
 */
export function fitTreeChecked(data: TreeData, subset: readonly number[] | undefined, maxDepth: number, minSamplesLeaf: number): DecisionTree {
  const columns = subset === undefined ? data.columns : data.columns.map((x) => Float64Array.from(subset, (i) => x[i]));
  const labels = subset === undefined ? data.labels : subset.map((i) => data.labels[i]);
  const n = labels.length;
  const classes = [...new Set(labels)].sort();
  if (classes.length < 2) {
    throw new SizewiseError('ONE_CLASS', 'labels', `labels must hold at least two classes to learn a split, received only ${describeValue(classes[0])}`, classes);
  }
  const y = Int32Array.from(labels, (label) => classes.indexOf(label));
  const nodes: DecisionTreeNode[] = [];
  const orders = columns.map((x) => Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b] || a - b));
  grow(columns, y, classes.length, orders, 0, { maxDepth, minSamplesLeaf }, nodes, new Uint8Array(n));
  return build({ classes, featureNames: data.featureNames, maxDepth, minSamplesLeaf, nodes });
}

/**
 * Grows the subtree of one node's rows at `depth`, appending its nodes in preorder; returns
 * its root's position. `orders[f]` lists the node's rows sorted by feature f (ties by row
 * index): sorted once at the root, then split in two in order at every node (presorting,
 * Breiman et al. 1984), so a level costs O(features · n), not a sort.
 */
function grow(
  columns: readonly Float64Array[],
  y: Int32Array,
  nClasses: number,
  orders: readonly Int32Array[],
  depth: number,
  limits: { maxDepth: number; minSamplesLeaf: number },
  nodes: DecisionTreeNode[],
  goesLeft: Uint8Array,
): number {
  const n = orders[0].length;
  const counts = new Array<number>(nClasses).fill(0);
  for (let k = 0; k < n; k++) counts[y[orders[0][k]]]++;
  const at = nodes.length;
  nodes.push({ counts });
  const impurity = gini(counts, n);
  if (depth >= limits.maxDepth || n < 2 * limits.minSamplesLeaf || impurity <= 0) return at;
  const split = bestSplit(columns, y, nClasses, orders, counts, impurity, limits.minSamplesLeaf);
  if (split === undefined) return at;
  const x = columns[split.feature];
  for (let k = 0; k < n; k++) goesLeft[orders[0][k]] = x[orders[0][k]] <= split.threshold ? 1 : 0;
  const leftOrders: Int32Array[] = [];
  const rightOrders: Int32Array[] = [];
  for (const order of orders) {
    const l = new Int32Array(split.leftCount);
    const r = new Int32Array(n - split.leftCount);
    let a = 0;
    let b = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      if (goesLeft[i] === 1) l[a++] = i;
      else r[b++] = i;
    }
    leftOrders.push(l);
    rightOrders.push(r);
  }
  const left = grow(columns, y, nClasses, leftOrders, depth + 1, limits, nodes, goesLeft);
  const right = grow(columns, y, nClasses, rightOrders, depth + 1, limits, nodes, goesLeft);
  nodes[at] = { feature: split.feature, threshold: split.threshold, left, right, counts };
  return at;
}

/** The split with the largest impurity decrease (> MIN_IMPROVEMENT), or undefined; leftCount rows go left. */
function bestSplit(
  columns: readonly Float64Array[],
  y: Int32Array,
  nClasses: number,
  orders: readonly Int32Array[],
  counts: readonly number[],
  impurity: number,
  minLeaf: number,
): { feature: number; threshold: number; leftCount: number } | undefined {
  const n = orders[0].length;
  let best: { feature: number; threshold: number; leftCount: number } | undefined;
  let bestGain = MIN_IMPROVEMENT;
  const left = new Array<number>(nClasses);
  const right = new Array<number>(nClasses);
  for (let f = 0; f < columns.length; f++) {
    const x = columns[f];
    const order = orders[f];
    left.fill(0);
    for (let c = 0; c < nClasses; c++) right[c] = counts[c];
    for (let p = 1; p < n; p++) {
      const moved = y[order[p - 1]];
      left[moved]++;
      right[moved]--;
      if (p < minLeaf || n - p < minLeaf) continue;
      const a = x[order[p - 1]];
      const b = x[order[p]];
      if (!(a < b)) continue; // equal values cannot be separated
      const gain = impurity - (p * gini(left, p) + (n - p) * gini(right, n - p)) / n;
      if (gain > bestGain) {
        bestGain = gain;
        let threshold = a / 2 + b / 2; // scikit-learn's midpoint, which cannot overflow
        if (threshold === b) threshold = a; // round-off landed on the upper value: keep it on the right
        best = { feature: f, threshold, leftCount: p };
      }
    }
  }
  return best;
}

/** Gini impurity 1 − Σ pₖ² of class counts summing to n. */
function gini(counts: readonly number[], n: number): number {
  let sum = 0;
  for (const c of counts) sum += (c / n) * (c / n);
  return 1 - sum;
}

/** Rows and labels checked once (checkTreeData): one column per feature, a label per row, the feature names. */
export interface TreeData {
  columns: readonly Float64Array[];
  labels: readonly string[];
  featureNames: string[];
}

/**
 * Checks a tree's training data as `fit` does, naming `rows[i][f]`, `labels[i]` and
 * `namesField`: rows non-empty, of one width, finite; one string label per row; feature names
 * (defaults `x[0]`, …) one per column, non-empty and distinct. Does not ask for two classes:
 * fitTreeChecked does, on the rows it fits.
 */
export function checkTreeData(rows: unknown, labels: unknown, featureNames: unknown, namesField: string): TreeData {
  const { columns, width } = checkRows(rows, 'rows');
  const n = columns[0].length;
  if (!Array.isArray(labels)) throw new SizewiseError('INVALID_TYPE', 'labels', `labels must be an array of strings, received ${describeValue(labels)}`, labels);
  if (labels.length !== n) throw new SizewiseError('LENGTH_MISMATCH', 'labels', `labels has ${labels.length} entries, rows has ${n}`, labels);
  for (let i = 0; i < n; i++) {
    const label = labels[i] as unknown; // a loop, not forEach: a hole in a sparse array must be seen
    if (typeof label !== 'string') throw new SizewiseError('INVALID_TYPE', `labels[${i}]`, `labels[${i}] must be a string, received ${describeValue(label)}`, label);
  }
  return { columns, labels: labels as string[], featureNames: checkFeatureNames(featureNames, width, namesField) };
}

function isNumberArray(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** Rows → one Float64Array per feature, every value finite and every row of one width. */
function checkRows(rows: unknown, field: string): { columns: Float64Array[]; width: number } {
  if (!Array.isArray(rows)) throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array of rows, received ${describeValue(rows)}`, rows);
  if (rows.length === 0) throw new SizewiseError('EMPTY_INPUT', field, `${field} must hold at least one row`, rows);
  const first = rows[0] as unknown;
  if (!isNumberArray(first)) throw new SizewiseError('INVALID_TYPE', `${field}[0]`, `${field}[0] must be an array of numbers, received ${describeValue(first)}`, first);
  const width = first.length;
  if (width === 0) throw new SizewiseError('EMPTY_INPUT', `${field}[0]`, `${field}[0] must hold at least one feature`, first);
  const columns = Array.from({ length: width }, () => new Float64Array(rows.length));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as unknown;
    if (!isNumberArray(row)) throw new SizewiseError('INVALID_TYPE', `${field}[${i}]`, `${field}[${i}] must be an array of numbers, received ${describeValue(row)}`, row);
    if (row.length !== width) throw new SizewiseError('LENGTH_MISMATCH', `${field}[${i}]`, `${field}[${i}] has ${row.length} values, ${field}[0] has ${width}`, row);
    for (let f = 0; f < width; f++) {
      const x = row[f];
      columns[f][i] = typeof x === 'number' && Number.isFinite(x) ? x : finite(x, `${field}[${i}][${f}]`); // the field is built only to throw
    }
  }
  return { columns, width };
}

function checkFeatureNames(names: unknown, width: number, field: string): string[] {
  if (names === undefined) return Array.from({ length: width }, (_, f) => `x[${f}]`);
  const list = stringList(names, field);
  if (list.length !== width) throw new SizewiseError('LENGTH_MISMATCH', field, `${field} has ${list.length} names for ${width} features`, names);
  const seen = new Set<string>();
  list.forEach((name, i) => {
    if (name === '' || seen.has(name)) throw new SizewiseError('INVALID_STATE', `${field}[${i}]`, `${field}[${i}] must be a non-empty name used once, received ${describeValue(name)}`, name);
    seen.add(name);
  });
  return list;
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array of strings, received ${describeValue(value)}`, value);
  for (let i = 0; i < value.length; i++) {
    const s = value[i] as unknown;
    if (typeof s !== 'string') throw new SizewiseError('INVALID_TYPE', `${field}[${i}]`, `${field}[${i}] must be a string, received ${describeValue(s)}`, s);
  }
  return [...(value as string[])];
}

/**
 * Saved nodes: preorder, children after their parent, every node but the root reached
 * exactly once, leaves no deeper than maxDepth, counts of one length per class with
 * leaves non-empty and a split's counts the sum of its children's.
 */
function checkNodes(value: unknown, field: string, nClasses: number, nFeatures: number, maxDepth: number): DecisionTreeNode[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new SizewiseError('INVALID_STATE', field, `${field} must be a non-empty array of nodes, received ${describeValue(value)}`, value);
  }
  const nodes: DecisionTreeNode[] = [];
  const parents = new Array<number>(value.length).fill(-1);
  for (let i = 0; i < value.length; i++) {
    const raw = value[i] as unknown;
    const at = `${field}[${i}]`;
    if (raw === null || typeof raw !== 'object') throw new SizewiseError('INVALID_STATE', at, `${at} must be a node, received ${describeValue(raw)}`, raw);
    const node = raw as Record<string, unknown>;
    const counts = node.counts;
    if (!Array.isArray(counts) || counts.length !== nClasses) {
      throw new SizewiseError('INVALID_STATE', `${at}.counts`, `${at}.counts must hold one count per class (${nClasses}), received ${describeValue(counts)}`, counts);
    }
    for (let k = 0; k < nClasses; k++) integer(counts[k], `${at}.counts[${k}]`, 0);
    if (!('feature' in node)) {
      knownKeys(node, at, ['counts']);
      if ((counts as number[]).every((c) => c === 0)) throw new SizewiseError('INVALID_STATE', `${at}.counts`, `${at}.counts of a leaf must not all be 0`, counts);
      nodes.push({ counts: [...(counts as number[])] });
      continue;
    }
    knownKeys(node, at, ['feature', 'threshold', 'left', 'right', 'counts']);
    const feature = integer(node.feature, `${at}.feature`, 0, nFeatures - 1);
    const threshold = finite(node.threshold, `${at}.threshold`);
    const left = integer(node.left, `${at}.left`, i + 1, value.length - 1);
    const right = integer(node.right, `${at}.right`, i + 1, value.length - 1);
    for (const [child, name] of [[left, 'left'], [right, 'right']] as const) {
      if (parents[child] !== -1) {
        throw new SizewiseError('INVALID_STATE', `${at}.${name}`, `${at}.${name} points at node ${child}, which already has a parent`, child);
      }
      parents[child] = i;
    }
    nodes.push({ feature, threshold, left, right, counts: [...(counts as number[])] });
  }
  for (let i = 1; i < nodes.length; i++) {
    if (parents[i] === -1) throw new SizewiseError('INVALID_STATE', `${field}[${i}]`, `${field}[${i}] is not reachable from the root`, value[i]);
  }
  const depthOf = new Array<number>(nodes.length).fill(0);
  for (let i = 1; i < nodes.length; i++) {
    depthOf[i] = depthOf[parents[i]] + 1; // parents come first (children point forward)
    if (depthOf[i] > maxDepth) throw new SizewiseError('INVALID_STATE', `${field}[${i}]`, `${field}[${i}] sits at depth ${depthOf[i]}, below the saved maxDepth ${maxDepth}`, value[i]);
  }
  nodes.forEach((node, i) => {
    if (!('feature' in node)) return;
    const sum = node.counts.map((c, k) => nodes[node.left].counts[k] + nodes[node.right].counts[k]);
    if (sum.some((c, k) => c !== node.counts[k])) {
      throw new SizewiseError('INVALID_STATE', `${field}[${i}].counts`, `${field}[${i}].counts must be the sum of its children's counts`, node.counts);
    }
  });
  return nodes;
}
