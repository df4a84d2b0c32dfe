import { checkOhlcvColumns } from '../data/checkOhlcvColumns.js';
import type { OhlcvColumns } from '../data/parseOhlcvCsv.js';
import { SizewiseError, describeValue } from '../errors.js';
import { integer, knownKeys } from '../validate.js';
import { checkLabelOptions, labelTradeUnchecked, type LabelOptions, type ResolvedLabelOptions, type TradeLabel } from './labelTrade.js';
import type { PricePath } from './pricePath.js';
import { checkRegimeFeatureOptions, MARKET_FEATURE_NAMES, regimeFeaturesUnchecked, type RegimeFeatureOptions } from './regimeFeatures.js';
import { STRATEGY_FEATURE_DEFAULTS, STRATEGY_FEATURE_NAMES, strategyFeatures, type StrategyFeatureOptions } from './strategyFeatures.js';
import { checkRegimeTrade, tradePathUnchecked, type RegimeTrade } from './tradePath.js';

/** Every feature the classifier can read, in row order: the market at the signal bar, then the strategy's record. */
export const REGIME_FEATURE_NAMES = Object.freeze([...MARKET_FEATURE_NAMES, ...STRATEGY_FEATURE_NAMES] as const);
export type RegimeFeatureName = (typeof REGIME_FEATURE_NAMES)[number];

/** One trade ready for the classifier. */
export interface RegimeSample {
  /** Position of its series among the inputs, and the series' name. */
  series: number;
  symbol: string;
  trade: RegimeTrade;
  /** The bar the features are read at: the one before the entry bar. */
  signalIndex: number;
  signalDate: string;
  exitDate: string;
  path: PricePath;
  /** Values of REGIME_FEATURE_NAMES at the signal bar (NaN where not warm). */
  features: Float64Array;
  /** Hindsight labels, for training and for scoring only. */
  label: TradeLabel;
}

export interface RegimeSampleOptions {
  features: Partial<RegimeFeatureOptions>;
  strategy: Partial<StrategyFeatureOptions>;
  label: Partial<LabelOptions>;
}

/**
 * The classifier's samples for one series: per trade, its features at the signal bar
 * (regimeFeatures at entryIndex − 1, strategyFeatures from the trades closed before its
 * entry), its managed price path (tradePath) and its hindsight labels (labelTrade).
 * `field` names the trades in errors. O(bars · windows + trades · path length).
 */
export function regimeSamples(
  bars: OhlcvColumns,
  trades: readonly RegimeTrade[],
  options: Partial<RegimeSampleOptions> & { symbol?: string; series?: number } = {},
  field = 'trades',
): RegimeSample[] {
  checkOhlcvColumns(bars, 'bars');
  if (!Array.isArray(bars.date)) throw new SizewiseError('INVALID_TYPE', 'bars.date', `bars.date must be an array of dates, received ${describeValue(bars.date)}`, bars.date);
  knownKeys(options, 'options', ['features', 'strategy', 'label', 'symbol', 'series']);
  const resolved = checkRegimeSampleOptions(options);
  if (!Array.isArray(trades)) throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array of trades, received ${describeValue(trades)}`, trades);
  const rMultiples: number[] = [];
  for (let i = 0; i < trades.length; i++) rMultiples.push(checkRegimeTrade(trades[i], `${field}[${i}]`, bars.close.length));
  const symbol = options.symbol ?? 'series 1';
  if (typeof symbol !== 'string') throw new SizewiseError('INVALID_TYPE', 'options.symbol', `options.symbol must be a string, received ${describeValue(symbol)}`, symbol);
  return regimeSamplesUnchecked(bars, trades, rMultiples, resolved, symbol, integer(options.series ?? 0, 'options.series', 0));
}

/** Sample options with their defaults, checked; `fields` names each part as the caller spelled it. */
export function checkRegimeSampleOptions(
  options: Partial<RegimeSampleOptions>,
  fields: Readonly<Record<keyof RegimeSampleOptions, string>> = { features: 'options.features', strategy: 'options.strategy', label: 'options.label' },
): ResolvedSampleOptions {
  knownKeys(options.strategy, fields.strategy, Object.keys(STRATEGY_FEATURE_DEFAULTS));
  const recentTrades = integer(options.strategy?.recentTrades ?? STRATEGY_FEATURE_DEFAULTS.recentTrades, `${fields.strategy}.recentTrades`, 1);
  return {
    features: checkRegimeFeatureOptions(options.features ?? {}, fields.features),
    strategy: { recentTrades },
    label: checkLabelOptions(options.label ?? {}, fields.label),
  };
}

export interface ResolvedSampleOptions {
  features: RegimeFeatureOptions;
  strategy: StrategyFeatureOptions;
  label: ResolvedLabelOptions;
}

/** regimeSamples for checked bars, trades (with their R-multiples) and options. */
export function regimeSamplesUnchecked(
  bars: OhlcvColumns,
  trades: readonly RegimeTrade[],
  rMultiples: readonly number[],
  o: ResolvedSampleOptions,
  symbol: string,
  series: number,
  onStep?: () => void,
): RegimeSample[] {
  const market = regimeFeaturesUnchecked(bars, o.features);
  onStep?.(); // the series' features: a step of its own, then one per trade
  const record = strategyFeatures(
    trades.map((t, i) => ({ entryIndex: t.entryIndex, exitIndex: t.exitIndex, rMultiple: rMultiples[i] })),
    o.strategy,
  );
  return trades.map((trade, i) => {
    const signalIndex = trade.entryIndex - 1;
    const features = new Float64Array(REGIME_FEATURE_NAMES.length);
    MARKET_FEATURE_NAMES.forEach((name, f) => (features[f] = market[name][signalIndex]));
    STRATEGY_FEATURE_NAMES.forEach((name, f) => (features[MARKET_FEATURE_NAMES.length + f] = record[name][i]));
    const path = tradePathUnchecked(bars, trade);
    const label = labelTradeUnchecked(path, o.label);
    onStep?.();
    return {
      series,
      symbol,
      trade: copyTrade(trade),
      signalIndex,
      signalDate: bars.date[signalIndex],
      exitDate: bars.date[trade.exitIndex],
      path,
      features,
      label,
    };
  });
}

/** The fields of a trade the sample keeps (not the caller's object, which may hold anything else). */
function copyTrade(t: RegimeTrade): RegimeTrade {
  const { entryIndex, exitIndex, entryPrice, stopPrice, exitPrice, exitReason, rMultiple } = t;
  return { entryIndex, exitIndex, entryPrice, stopPrice, exitPrice, ...(exitReason === undefined ? {} : { exitReason }), ...(rMultiple === undefined ? {} : { rMultiple }) };
}
