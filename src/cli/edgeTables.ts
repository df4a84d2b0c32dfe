import { fractionalKelly, riskConstrainedKelly, type EdgeEstimate, type KellyResult } from '../index.js';
import { interval, num, pct } from './format.js';

/** The risk constraint the edge reports use: P(wealth ever below 70 % of the start) ≤ 10 %. */
export const RISK_CONSTRAINT = Object.freeze({ wealthFloor: 0.7, probability: 0.1 });

/** Full, half, quarter and risk-constrained Kelly of an edge (null: no win, so no binary bet to constrain). */
export interface KellySizes {
  full: KellyResult;
  half: KellyResult;
  quarter: KellyResult;
  riskConstrained: KellyResult | null;
}

/** The Kelly sizes of an estimated edge (fractions uncapped: the cap is a sizing rule, not part of the estimate). */
export function kellySizes(edge: EdgeEstimate): KellySizes {
  return {
    full: edge.kelly,
    half: fractionalKelly(edge.kelly, { fraction: 0.5, cap: 1 }),
    quarter: fractionalKelly(edge.kelly, { fraction: 0.25, cap: 1 }),
    riskConstrained: edge.wins === 0 ? null : riskConstrainedKelly({ winProbability: edge.winRate, winReturn: edge.avgWin, lossReturn: edge.avgLoss }, RISK_CONSTRAINT),
  };
}

/** The edge's statistics with their intervals, as table rows (header first). */
export function edgeRows(edge: EdgeEstimate, minTrades: number, confidence: number): string[][] {
  return [
    ['statistic', 'value', `${pct(confidence, 0)} interval`],
    ['trades (wins / losses)', `${edge.trades} (${edge.wins} / ${edge.losses})`, ''],
    ['win rate', pct(edge.winRate), `${interval(edge.winRateInterval, pct)} Wilson`],
    ['average win', pct(edge.avgWin), ''],
    ['average loss', pct(edge.avgLoss), ''],
    ['payoff ratio', num(edge.payoffRatio), ''],
    ['expectancy per trade', pct(edge.expectancy, 3), ''],
    ['profit factor', num(edge.profitFactor), ''],
    ['Kelly exposure', `${num(edge.kelly.exposure)}×`, `${interval(edge.kellyInterval)} bootstrap`],
    [`reliable (≥ ${minTrades} trades)`, edge.reliable ? 'yes' : 'no', ''],
  ];
}

/** Kelly in both units, as table rows (header first). */
export function kellyRows(sizes: KellySizes): string[][] {
  const rows: [string, KellyResult | null][] = [
    ['full Kelly', sizes.full],
    ['half Kelly', sizes.half],
    ['quarter Kelly', sizes.quarter],
    [`risk-constrained (α ${RISK_CONSTRAINT.wealthFloor}, β ${RISK_CONSTRAINT.probability})`, sizes.riskConstrained],
  ];
  return [
    ['sizing', 'exposure', 'risk fraction', 'growth / trade', '× full Kelly'],
    ...rows.map(([name, k]) => (k === null ? [name, 'n/a', 'n/a', 'n/a', 'n/a'] : [name, `${num(k.exposure)}×`, pct(k.riskFraction), pct(k.growthRate, 3), num(k.kellyMultiple)])),
  ];
}
