import { withFieldPrefix } from '../withFieldPrefix.js';
import { checkIsoDates } from '../data/checkIsoDates.js';
import { checkOhlcvColumns } from '../data/checkOhlcvColumns.js';
import type { OhlcvColumns } from '../data/parseOhlcvCsv.js';
import { calendarSplit } from '../evaluate/calendarSplit.js';
import { compareOutcomes, type SizingComparison } from '../evaluate/compareOutcomes.js';
import { SizewiseError, describeValue } from '../errors.js';
import { breakoutTrades, type BreakoutOptions } from '../strategy/breakoutTrades.js';
import { deepFreeze } from '../util/deepFreeze.js';
import { inRange, integer, knownKeys, oneOf, optionalCallback, seed as checkSeed } from '../validate.js';
import { crossValidateTreeDepth, type DepthSelection } from './crossValidateTreeDepth.js';
import { DecisionTree } from './DecisionTree.js';
import type { LabelOptions } from './labelTrade.js';
import { managePositionUnchecked } from './managePosition.js';
import type { LabelSpan } from './purgedKFold.js';
import { MARKET_FEATURE_NAMES, type RegimeFeatureOptions } from './regimeFeatures.js';
import { regimeRow, type RegimeRow } from './regimeRow.js';
import { checkRegimeSampleOptions, REGIME_FEATURE_NAMES, regimeSamplesUnchecked, type RegimeFeatureName, type RegimeSample } from './regimeSamples.js';
import { resolveRegimeTemplates, type RegimeTemplates } from './scalingDecision.js';
import { EXIT_BIASES, SCALING_REGIMES, type ExitBias, type ScalingRegime } from './scalingRegime.js';
import { FULL_POSITION_TEMPLATE, resolveScalingTemplate, type ScalingTemplate, type ScalingTemplateName } from './scalingTemplates.js';
import type { StrategyFeatureOptions } from './strategyFeatures.js';
import { checkRegimeTrade, type RegimeTrade } from './tradePath.js';

export interface RegimeWalkForwardOptions {
  /** A name per series, for the per-symbol rows (`series 1`, `series 2`, … by default). */
  names?: readonly string[];
  /** Trades per series (each with its bars' indices and prices); the reference breakout strategy's trades where absent. */
  trades?: readonly (readonly RegimeTrade[] | undefined)[];
  /** Options of the reference strategy, for the series without their own trades. */
  strategy?: Partial<BreakoutOptions>;
  /** Share of the calendar (the union of all series' dates) before the split date. */
  trainFraction: number;
  /** The first date of the held-out part (ISO, like the bars' dates); overrides trainFraction. */
  splitDate?: string;
  /** Depth of both trees, or 'cv' to choose it among `depths` by purged cross-validation on the training part. */
  maxDepth: number | 'cv';
  /** Candidate depths for 'cv'. */
  depths: readonly number[];
  /** Fewest training trades in a leaf. */
  minSamplesLeaf: number;
  /** Purged cross-validation folds. */
  folds: number;
  /** Embargo after each test fold, as a share of the training period's length. */
  embargo: number;
  /** Features the trees read; every feature available on all series by default (volumeRatio is dropped when a series has no volume). */
  features?: readonly RegimeFeatureName[];
  featureOptions?: Partial<RegimeFeatureOptions>;
  strategyFeatures?: Partial<StrategyFeatureOptions>;
  label?: Partial<LabelOptions>;
  /** The template each predicted regime trades with (SCALING_REGIME_TEMPLATES by default). */
  templates?: Partial<RegimeTemplates>;
  /** The fixed rule the tree must beat. */
  baseline: ScalingTemplate | ScalingTemplateName;
  /** Also learn the exit bias (a second tree) and apply it. */
  exitBias: boolean;
  /** Paired bootstrap of model − baseline: resamples, interval coverage and seed. */
  bootstrap: { resamples: number; confidence: number; seed: number };
  /** Symbols with fewer held-out trades are shown but not judged. */
  minSymbolTrades: number;
  /** Trading days per year, to annualise Sharpe by trades per year. */
  daysPerYear: number;
  /**
   * Called as the work advances with (done, 1000): thousandths of the work in steps, the last
   * call (1000, 1000). Shares: sampling 50 % (a step for each series' features, then one per
   * trade), the trees 30 % (a step per cross-validation fold and per final fit), the held-out
   * trades 10 % (a step per trade), the two bootstraps 10 % (a step each). So a call comes at
   * least every 50 thousandths with 10 or more trades, 2 or more held out and 5 folds (2 with
   * the exit tree). In time the steps are uneven: a series' features and a bootstrap are one
   * step each. For a progress bar: the result is the same with or without it.
   */
  onProgress?: (done: number, total: number) => void;
}

export const REGIME_WALK_FORWARD_DEFAULTS = deepFreeze({
  trainFraction: 0.7,
  maxDepth: 'cv' as number | 'cv',
  depths: [1, 2, 3, 4, 5],
  minSamplesLeaf: 10,
  folds: 5,
  embargo: 0.01,
  baseline: 'NORMAL' as ScalingTemplate | ScalingTemplateName,
  exitBias: true,
  bootstrap: { resamples: 2000, confidence: 0.95, seed: 1 },
  minSymbolTrades: 5,
  daysPerYear: 252,
});

/** Whether the source's success test holds, part by part. */
export interface RegimeChecks {
  /** model.totalR > baseline.totalR */
  beatsBaseline: boolean;
  /** model.totalR < oracle.totalR (the oracle is an upper bound, so a model at it would be suspicious) */
  belowOracle: boolean;
  /** model.sharpe > baseline.sharpe */
  betterSharpe: boolean;
}

export interface RegimeSymbolResult {
  name: string;
  trades: number;
  /** Enough held-out trades (minSymbolTrades) to be judged. */
  judged: boolean;
  baseline: RegimeRow;
  full: RegimeRow;
  oracle: RegimeRow;
  model: RegimeRow;
  checks: RegimeChecks;
}

/** One held-out trade: what the model chose and what each rule made. */
export interface RegimeDecisionRow {
  symbol: string;
  signalDate: string;
  predicted: ScalingRegime;
  probability: number;
  label: ScalingRegime;
  templateName: string;
  exitBias?: ExitBias;
  r: { model: number; baseline: number; oracle: number; full: number };
  /** The oracle's pick: template name and exit bias ('none' when without). */
  oracleChoice: string;
}

export interface RegimeWalkForwardResult {
  splitDate: string;
  featureNames: RegimeFeatureName[];
  /** Features left out, with the reason. */
  droppedFeatures: { name: RegimeFeatureName; reason: string }[];
  trainTrades: number;
  testTrades: number;
  /** Trades open across the split: in neither part. */
  straddling: number;
  /** Trades whose features were not warm yet (NaN): in neither part. */
  notWarm: number;
  /** Held-out calendar years (bars after the split ÷ daysPerYear). */
  testYears: number;
  /** NORMAL on every trade (or the chosen baseline template). */
  baseline: RegimeRow;
  /** The plain trade: one full position, no adds, no targets, out with the strategy. */
  full: RegimeRow;
  /** The best template × exit bias per trade in hindsight: an upper bound for any chooser among them. */
  oracle: RegimeRow;
  /** The trees' choice per trade. */
  model: RegimeRow;
  /** Each regime's template applied to every trade, by template name. */
  fixed: Record<string, RegimeRow>;
  /** The scaling tree as readable rules. */
  rules: string;
  /** The exit-bias tree as rules ('' without one). */
  exitRules: string;
  /** Held-out accuracy of the scaling tree against the hindsight labels. */
  accuracy: number;
  /** Held-out accuracy of always answering the training part's most common label. */
  majorityRate: number;
  majorityClass: ScalingRegime;
  /** Held-out accuracy of the exit-bias tree and of its majority answer (null without it). */
  exitAccuracy: number | null;
  exitMajorityRate: number | null;
  /** The depths: chosen or given, and the purged cross-validation on the training part. */
  maxDepth: number;
  cv: DepthSelection;
  exitMaxDepth: number | null;
  exitCv: DepthSelection | null;
  labelCounts: { train: Record<ScalingRegime, number>; test: Record<ScalingRegime, number> };
  /** Paired bootstrap of the mean R per trade, model − baseline, on the held-out trades. */
  modelMinusBaseline: { meanR: number; interval: [number, number] | null; fractionBetter: number | null; resamples: number; confidence: number };
  /**
   * The same paired bootstrap (same seed, so the same resamples) of the Sharpe ratio, model −
   * baseline, annualised as the rows are: the uncertainty of the success test's "better Sharpe".
   */
  modelMinusBaselineSharpe: SizingComparison;
  perSymbol: RegimeSymbolResult[];
  checks: RegimeChecks & {
    /** Judged symbols where the model beat the baseline in total R and in Sharpe. */
    symbolsBetter: number;
    symbolsJudged: number;
    /** At least 3 symbols judged, and the model better on more than half of them. */
    acrossSymbols: boolean;
    /** All four parts together: the source's success test. */
    holds: boolean;
  };
  tree: DecisionTree;
  exitTree: DecisionTree | null;
  decisions: RegimeDecisionRow[];
}

const DAY_MS = 86_400_000;

/** onProgress's total: the work in thousandths. */
const PROGRESS_TOTAL = 1000;

/**
 * Splits the work into consecutive phases, each a share of PROGRESS_TOTAL: `phase(share)`
 * gives a report of the fraction of that phase done. A no-op without onProgress.
 */
function progressPhases(onProgress: ((done: number, total: number) => void) | undefined): (share: number) => (fraction: number) => void {
  let start = 0;
  return (share) => {
    const from = start;
    start += share;
    if (onProgress === undefined) return () => {};
    return (fraction) => onProgress(Math.round(PROGRESS_TOTAL * (from + share * Math.min(1, fraction))), PROGRESS_TOTAL);
  };
}

/**
 * Walk-forward test of the regime classifier. For every series: the strategy's trades
 * (the reference breakout by default), each with its features at the signal bar, its
 * managed path and its hindsight labels (regimeSamples). The split date cuts the union
 * calendar at `trainFraction`: trades closed before it train, trades signalled on or after
 * it are held out, trades open across it are in neither. On the training part only, the
 * depth is chosen by purged, embargoed cross-validation (crossValidateTreeDepth), then a
 * scaling tree (and an exit-bias tree) is fitted and frozen. Each held-out trade is then
 * managed four ways on its own path: the baseline template, the plain full position, the
 * hindsight oracle (best template × exit bias; ≥ the model and the baseline on every
 * trade) and the model (the tree's regime → template, with the exit tree's bias).
 *
 * Rows are in R-multiples (additive), pooled in signal-date order, Sharpe annualised by
 * held-out trades per year. The paired bootstrap (compareOutcomes: the same resampled trades
 * for both rules) gives an interval for the mean R per trade and for the Sharpe ratio, model
 * − baseline. The source's success test — better than the
 * baseline, below the oracle, a better Sharpe, across several symbols — is reported part
 * by part, pooled and per symbol, whatever it shows. Nothing is tuned on the held-out part.
 *
 * A closes-only series (open = high = low = close, NaN volume) works: its stop comes from
 * a close-to-close ATR, its entries and exits are at closes, and volumeRatio is dropped.
 *
 * @example regimeWalkForward([sp500, goog], { names: ['S&P 500', 'GOOG'] }).checks.holds
 */
export function regimeWalkForward(bars: OhlcvColumns | readonly OhlcvColumns[], options: Partial<RegimeWalkForwardOptions> = {}): RegimeWalkForwardResult {
  const o = checkOptions(options);
  const sampleOptions = checkRegimeSampleOptions(
    { features: o.featureOptions, strategy: o.strategyFeatures, label: o.label },
    { features: 'options.featureOptions', strategy: 'options.strategyFeatures', label: 'options.label' },
  );
  const referenceTrades = (b: OhlcvColumns) => {
    try {
      return breakoutTrades(b, o.strategy ?? {});
    } catch (error) {
      // breakoutTrades names its own options `options.…`: here they are `options.strategy.…`.
      throw withFieldPrefix(error, 'options', 'options.strategy');
    }
  };
  const series = Array.isArray(bars) ? (bars as readonly OhlcvColumns[]) : [bars as OhlcvColumns];
  if (series.length === 0) throw new SizewiseError('EMPTY_INPUT', 'bars', 'bars must hold at least one series', bars);
  const field = (k: number) => (Array.isArray(bars) ? `bars[${k}]` : 'bars');
  for (let k = 0; k < series.length; k++) checkIsoDates(checkOhlcvColumns(series[k], field(k)).date, `${field(k)}.date`);
  const names = o.names ?? series.map((_, k) => `series ${k + 1}`);
  if (names.length !== series.length) throw new SizewiseError('LENGTH_MISMATCH', 'options.names', `options.names has ${names.length} names for ${series.length} series`, names);
  if (o.trades !== undefined && o.trades.length !== series.length) {
    throw new SizewiseError('LENGTH_MISMATCH', 'options.trades', `options.trades has ${o.trades.length} entries for ${series.length} series (use undefined for the reference strategy)`, o.trades);
  }

  const phase = progressPhases(o.onProgress);
  const tradesOf = series.map((b, k) => {
    const given = o.trades?.[k];
    if (given !== undefined && !Array.isArray(given)) {
      throw new SizewiseError('INVALID_TYPE', `options.trades[${k}]`, `options.trades[${k}] must be an array of trades, received ${describeValue(given)}`, given);
    }
    const trades = given ?? referenceTrades(b);
    const rMultiples: number[] = [];
    for (let i = 0; i < trades.length; i++) {
      rMultiples.push(given === undefined ? (trades[i].rMultiple as number) : checkRegimeTrade(given[i], `options.trades[${k}][${i}]`, b.close.length));
    }
    return { trades, rMultiples };
  });
  const sampling = phase(0.5);
  const steps = tradesOf.reduce((n, t) => n + 1 + t.trades.length, 0); // each series' features, then each trade
  let sampled = 0;
  const samples = series.flatMap((b, k) => regimeSamplesUnchecked(b, tradesOf[k].trades, tradesOf[k].rMultiples, sampleOptions, names[k], k, () => sampling(++sampled / steps)));
  sampling(1); // also when there is no trade at all
  const { featureNames, droppedFeatures, columns } = chooseFeatures(series, samples, o.features, names);
  const rowOf = new Map(samples.map((s) => [s, columns.map((f) => s.features[f])]));
  const row = (s: RegimeSample) => rowOf.get(s) as number[];

  const split = calendarSplit(series.map((b) => b.date), o.trainFraction);
  const calendar = split.calendar;
  const splitDate = o.splitDate ?? split.splitDate;
  const warm = samples.filter((s) => row(s).every(Number.isFinite));
  const bySignal = (a: RegimeSample, b: RegimeSample) => (a.signalDate < b.signalDate ? -1 : a.signalDate > b.signalDate ? 1 : a.series - b.series);
  const train = warm.filter((s) => s.exitDate < splitDate).sort(bySignal);
  const test = warm.filter((s) => s.signalDate >= splitDate).sort(bySignal);
  if (test.length === 0) {
    throw new SizewiseError('EMPTY_INPUT', o.splitDate === undefined ? 'options.trainFraction' : 'options.splitDate', `no trade is signalled on or after the split date ${splitDate}: nothing to hold out`, splitDate);
  }
  if (train.length < o.folds) {
    throw new SizewiseError('EMPTY_INPUT', o.splitDate === undefined ? 'options.trainFraction' : 'options.splitDate', `only ${train.length} trades closed before the split date ${splitDate}: too few to train (at least options.folds = ${o.folds})`, splitDate);
  }

  const trainRows = train.map(row);
  const spans: LabelSpan[] = train.map((s) => ({ start: Date.parse(s.signalDate) / DAY_MS, end: Date.parse(s.exitDate) / DAY_MS }));
  const embargo = o.embargo * (Math.max(...spans.map((s) => s.end)) - Math.min(...spans.map((s) => s.start)));
  const exitLabels = train.map((s) => s.label.exitBias);
  const withExitTree = o.exitBias && new Set(exitLabels).size >= 2;
  const fitTree = (labels: string[]) => {
    // Each fold's fit, then the final fit: one step each.
    const fitting = phase(withExitTree ? 0.15 : 0.3);
    const cv = crossValidateTreeDepth(trainRows, labels, spans, {
      depths: o.maxDepth === 'cv' ? o.depths : [o.maxDepth],
      folds: o.folds,
      embargo,
      minSamplesLeaf: o.minSamplesLeaf,
      featureNames,
      ...(o.onProgress === undefined ? {} : { onProgress: (done: number, folds: number) => fitting(done / (folds + 1)) }),
    });
    const depth = o.maxDepth === 'cv' ? cv.depth : o.maxDepth;
    const tree = DecisionTree.fit(trainRows, labels, { maxDepth: depth, minSamplesLeaf: o.minSamplesLeaf, featureNames });
    fitting(1);
    return { cv, depth, tree };
  };
  const scalingFit = fitTree(train.map((s) => s.label.scaling));
  const exitFit = withExitTree ? fitTree(exitLabels) : null;

  const templates = resolveRegimeTemplates(o.templates, 'options.templates');
  const baselineTemplate = resolveScalingTemplate(o.baseline, 'options.baseline');
  const choices = oracleChoices(templates, baselineTemplate, o.baseline);
  const deciding = phase(0.1);
  const decisions = test.map((s, i): RegimeDecisionRow => {
    if (i > 0) deciding(i / test.length); // the trades before this one are done
    const x = row(s);
    const predicted = scalingFit.tree.predict(x) as ScalingRegime;
    const bias = exitFit === null ? undefined : (exitFit.tree.predict(x) as ExitBias);
    const chosen = templates[predicted];
    const model = managePositionUnchecked(s.path, chosen.template, bias).rMultiple;
    let oracle = -Infinity;
    let oracleChoice = '';
    for (const c of choices) {
      const r = managePositionUnchecked(s.path, c.template, c.exitBias).rMultiple;
      if (r > oracle) [oracle, oracleChoice] = [r, c.name];
    }
    return {
      symbol: s.symbol,
      signalDate: s.signalDate,
      predicted,
      probability: scalingFit.tree.predictProba(x)[predicted],
      label: s.label.scaling,
      templateName: chosen.name,
      ...(bias === undefined ? {} : { exitBias: bias }),
      r: {
        model,
        baseline: managePositionUnchecked(s.path, baselineTemplate).rMultiple,
        oracle,
        full: managePositionUnchecked(s.path, FULL_POSITION_TEMPLATE).rMultiple,
      },
      oracleChoice,
    };
  });
  deciding(1);

  const testYears = calendar.filter((d) => d >= splitDate).length / o.daysPerYear;
  const rowsOf = (ds: readonly RegimeDecisionRow[], years: number) => {
    const perYear = Math.max(ds.length, 1) / years;
    const of = (key: keyof RegimeDecisionRow['r']) => regimeRow(ds.map((d) => d.r[key]), perYear);
    return { baseline: of('baseline'), full: of('full'), oracle: of('oracle'), model: of('model') };
  };
  const pooled = rowsOf(decisions, testYears);
  const checksOf = (r: ReturnType<typeof rowsOf>): RegimeChecks => ({
    beatsBaseline: r.model.totalR > r.baseline.totalR,
    belowOracle: r.model.totalR < r.oracle.totalR,
    betterSharpe: r.model.sharpe !== null && r.baseline.sharpe !== null && r.model.sharpe > r.baseline.sharpe,
  });
  const perSymbol = names.flatMap((name, k): RegimeSymbolResult[] => {
    const ds = decisions.filter((d, i) => test[i].series === k);
    if (ds.length === 0) return [];
    const years = series[k].date.filter((d) => d >= splitDate).length / o.daysPerYear;
    const rows = rowsOf(ds, years);
    return [{ name, trades: ds.length, judged: ds.length >= o.minSymbolTrades, ...rows, checks: checksOf(rows) }];
  });
  const judged = perSymbol.filter((s) => s.judged);
  const symbolsBetter = judged.filter((s) => s.checks.beatsBaseline && s.checks.betterSharpe).length;
  const pooledChecks = checksOf(pooled);
  const acrossSymbols = judged.length >= 3 && symbolsBetter > judged.length / 2;

  const fixed = Object.fromEntries(
    [...new Map(SCALING_REGIMES.map((r) => [templates[r].name, templates[r].template])).entries()].map(([name, template]) => [
      name,
      regimeRow(test.map((s) => managePositionUnchecked(s.path, template).rMultiple), decisions.length / testYears),
    ]),
  );
  const modelR = decisions.map((d) => d.r.model);
  const baselineR = decisions.map((d) => d.r.baseline);
  const bootstrap = { compound: false, resamples: o.bootstrap.resamples, confidence: o.bootstrap.confidence, seed: o.bootstrap.seed };
  const bootstrapping = phase(0.1);
  const diff = compareOutcomes(modelR, baselineR, { ...bootstrap, metric: 'meanReturn' });
  bootstrapping(0.5);
  const sharpeDiff = compareOutcomes(modelR, baselineR, { ...bootstrap, metric: 'sharpe', periodsPerYear: Math.max(decisions.length, 1) / testYears });
  bootstrapping(1);
  const majorityClass = mostCommon(train.map((s) => s.label.scaling)) as ScalingRegime;
  const exitMajority = mostCommon(exitLabels);
  const share = (xs: readonly boolean[]) => xs.filter(Boolean).length / xs.length;
  return {
    splitDate,
    featureNames,
    droppedFeatures,
    trainTrades: train.length,
    testTrades: test.length,
    straddling: warm.length - train.length - test.length,
    notWarm: samples.length - warm.length,
    testYears,
    ...pooled,
    fixed,
    rules: scalingFit.tree.rules(),
    exitRules: exitFit?.tree.rules() ?? '',
    accuracy: share(decisions.map((d) => d.predicted === d.label)),
    majorityRate: share(test.map((s) => s.label.scaling === majorityClass)),
    majorityClass,
    exitAccuracy: exitFit === null ? null : share(decisions.map((d, i) => d.exitBias === test[i].label.exitBias)),
    exitMajorityRate: exitFit === null ? null : share(test.map((s) => s.label.exitBias === exitMajority)),
    maxDepth: scalingFit.depth,
    cv: scalingFit.cv,
    exitMaxDepth: exitFit?.depth ?? null,
    exitCv: exitFit?.cv ?? null,
    labelCounts: { train: countLabels(train), test: countLabels(test) },
    modelMinusBaseline: {
      meanR: diff.difference ?? 0,
      interval: diff.interval,
      fractionBetter: diff.fractionABetter,
      resamples: diff.resamples,
      confidence: diff.confidence,
    },
    modelMinusBaselineSharpe: sharpeDiff,
    perSymbol,
    checks: { ...pooledChecks, symbolsBetter, symbolsJudged: judged.length, acrossSymbols, holds: pooledChecks.beatsBaseline && pooledChecks.belowOracle && pooledChecks.betterSharpe && acrossSymbols },
    tree: scalingFit.tree,
    exitTree: exitFit?.tree ?? null,
    decisions,
  };
}

/** The oracle's menu: every regime template × {no bias, each exit bias}, and the baseline. */
function oracleChoices(
  templates: Record<ScalingRegime, { name: string; template: ScalingTemplate }>,
  baseline: ScalingTemplate,
  baselineName: unknown,
): { name: string; template: ScalingTemplate; exitBias?: ExitBias }[] {
  const menu: { name: string; template: ScalingTemplate; exitBias?: ExitBias }[] = [];
  const seen = new Set<string>();
  for (const r of SCALING_REGIMES) {
    const { name, template } = templates[r];
    if (seen.has(name)) continue;
    seen.add(name);
    menu.push({ name: `${name} / none`, template });
    for (const bias of EXIT_BIASES) menu.push({ name: `${name} / ${bias}`, template, exitBias: bias });
  }
  menu.push({ name: `${typeof baselineName === 'string' ? baselineName : 'baseline'} / none`, template: baseline });
  return menu;
}

/** The features the trees read: the caller's, or every one some series can provide. */
function chooseFeatures(
  series: readonly OhlcvColumns[],
  samples: readonly RegimeSample[],
  requested: readonly RegimeFeatureName[] | undefined,
  names: readonly string[],
): { featureNames: RegimeFeatureName[]; droppedFeatures: { name: RegimeFeatureName; reason: string }[]; columns: number[] } {
  const droppedFeatures: { name: RegimeFeatureName; reason: string }[] = [];
  let featureNames: RegimeFeatureName[];
  if (requested !== undefined) {
    featureNames = [...requested];
  } else {
    featureNames = REGIME_FEATURE_NAMES.filter((name) => {
      const f = (MARKET_FEATURE_NAMES as readonly string[]).indexOf(name);
      if (f < 0) return true;
      // A series with trades but no value of this feature at any of their signals (e.g. no volume).
      const missing = series.findIndex((_, k) => samples.some((s) => s.series === k) && !samples.some((s) => s.series === k && Number.isFinite(s.features[f])));
      if (missing >= 0) {
        droppedFeatures.push({ name, reason: `no value at any signal of ${names[missing]}${name === 'volumeRatio' ? ' (no volume)' : ''}` });
        return false;
      }
      return true;
    });
  }
  return { featureNames, droppedFeatures, columns: featureNames.map((n) => REGIME_FEATURE_NAMES.indexOf(n)) };
}

function mostCommon(labels: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
}

function countLabels(samples: readonly RegimeSample[]): Record<ScalingRegime, number> {
  const counts = Object.fromEntries(SCALING_REGIMES.map((r) => [r, 0])) as Record<ScalingRegime, number>;
  for (const s of samples) counts[s.label.scaling]++;
  return counts;
}

function checkOptions(options: Partial<RegimeWalkForwardOptions>): RegimeWalkForwardOptions {
  knownKeys(options, 'options', [
    'names', 'trades', 'strategy', 'trainFraction', 'splitDate', 'maxDepth', 'depths', 'minSamplesLeaf', 'folds', 'embargo', 'features',
    'featureOptions', 'strategyFeatures', 'label', 'templates', 'baseline', 'exitBias', 'bootstrap', 'minSymbolTrades', 'daysPerYear', 'onProgress',
  ]);
  optionalCallback(options.onProgress, 'options.onProgress');
  const o = { ...REGIME_WALK_FORWARD_DEFAULTS, ...options } as RegimeWalkForwardOptions;
  inRange(o.trainFraction, 'options.trainFraction', { min: 0, max: 1, minOpen: true, maxOpen: true });
  if (o.splitDate !== undefined && (typeof o.splitDate !== 'string' || !Number.isFinite(Date.parse(o.splitDate)))) {
    throw new SizewiseError('OUT_OF_RANGE', 'options.splitDate', `options.splitDate must be an ISO date, received ${describeValue(o.splitDate)}`, o.splitDate);
  }
  if (o.maxDepth !== 'cv') integer(o.maxDepth, 'options.maxDepth', 1, 64);
  if (!Array.isArray(o.depths) || o.depths.length === 0) throw new SizewiseError('EMPTY_INPUT', 'options.depths', 'options.depths must list at least one depth', o.depths);
  for (let i = 0; i < o.depths.length; i++) integer(o.depths[i], `options.depths[${i}]`, 1, 64);
  integer(o.minSamplesLeaf, 'options.minSamplesLeaf', 1);
  integer(o.folds, 'options.folds', 2, 100);
  inRange(o.embargo, 'options.embargo', { min: 0, max: 1, maxOpen: true });
  if (o.names !== undefined) {
    if (!Array.isArray(o.names)) throw new SizewiseError('INVALID_TYPE', 'options.names', `options.names must be an array of strings, received ${describeValue(o.names)}`, o.names);
    for (let i = 0; i < o.names.length; i++) {
      const n = o.names[i] as unknown;
      if (typeof n !== 'string' || n === '') throw new SizewiseError('INVALID_TYPE', `options.names[${i}]`, `options.names[${i}] must be a non-empty string, received ${describeValue(n)}`, n);
    }
  }
  if (o.trades !== undefined && !Array.isArray(o.trades)) throw new SizewiseError('INVALID_TYPE', 'options.trades', `options.trades must be an array (one entry per series), received ${describeValue(o.trades)}`, o.trades);
  if (o.features !== undefined) {
    if (!Array.isArray(o.features) || o.features.length === 0) throw new SizewiseError('EMPTY_INPUT', 'options.features', 'options.features must name at least one feature', o.features);
    for (let i = 0; i < o.features.length; i++) oneOf(o.features[i], `options.features[${i}]`, REGIME_FEATURE_NAMES);
    if (new Set(o.features).size !== o.features.length) throw new SizewiseError('OUT_OF_RANGE', 'options.features', 'options.features must not repeat a feature', o.features);
  }
  if (typeof o.exitBias !== 'boolean') throw new SizewiseError('INVALID_TYPE', 'options.exitBias', `options.exitBias must be a boolean, received ${describeValue(o.exitBias)}`, o.exitBias);
  knownKeys(o.bootstrap, 'options.bootstrap', ['resamples', 'confidence', 'seed']);
  const bootstrap = { ...REGIME_WALK_FORWARD_DEFAULTS.bootstrap, ...o.bootstrap };
  integer(bootstrap.resamples, 'options.bootstrap.resamples', 1, 1_000_000);
  inRange(bootstrap.confidence, 'options.bootstrap.confidence', { min: 0, max: 1, minOpen: true, maxOpen: true });
  checkSeed(bootstrap.seed, 'options.bootstrap.seed');
  integer(o.minSymbolTrades, 'options.minSymbolTrades', 1);
  inRange(o.daysPerYear, 'options.daysPerYear', { min: 1, max: 366 });
  resolveScalingTemplate(o.baseline, 'options.baseline');
  return { ...o, bootstrap };
}
