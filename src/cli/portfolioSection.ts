import { readFileSync } from 'node:fs';
import { correlationPenalty, parseClosesCsv, portfolioGrowth, portfolioKelly, ready, simpleReturns, type PortfolioKellyOptions } from '../index.js';
import { bundledDataFile } from './bundledData.js';
import type { ReportContext } from './context.js';
import { heading, num, pct, table } from './format.js';

export const DOW_FILE = 'dowjones30_1991-2000_daily_close.csv';
/** The first day of the held-out half. */
const TEST_FROM = '1996-01-01';
const SUBSETS: Record<string, readonly string[] | 'all'> = {
  '5 stocks (AA, AXP, T, BA, CAT)': ['AA', 'AXP', 'T', 'BA', 'CAT'],
  '10 large caps': ['KO', 'XOM', 'GE', 'IBM', 'INTC', 'JNJ', 'MRK', 'MSFT', 'PG', 'WMT'],
  'all 30': 'all',
};
const RULES: [string, PortfolioKellyOptions][] = [
  ['exact Kelly', {}],
  ['Gaussian Σ⁻¹μ', { method: 'gaussian' }],
  ['half Kelly (exact)', { fraction: 0.5 }],
  ['exact, leverage ≤ 1.5', { maxLeverage: 1.5 }],
  ['exact, long-only, leverage ≤ 1', { longOnly: true, maxLeverage: 1 }],
];

/** Growth per day → compounded per year of 252 trading days. */
const yearly = (g: number | undefined) => (g === undefined ? 'ruined' : pct(Math.expm1(252 * g), 1));

/** Portfolio Kelly on the Dow Jones 30 closes: weights, growth in and out of sample, and the correlation penalty they imply. */
export async function portfolioSection(_ctx: ReportContext): Promise<void> {
  await ready();
  const data = parseClosesCsv(readFileSync(bundledDataFile(DOW_FILE), 'utf8'));
  const symbols = [...data.keys()];
  const returns = new Map(symbols.map((s) => [s, simpleReturns(data.get(s)!.close)]));
  const date = data.get(symbols[0])!.date;
  // Return t runs from date[t] to date[t + 1]: the held-out half starts with the first return dated in it.
  const split = date.findIndex((d) => d >= TEST_FROM) - 1;
  heading('Portfolio Kelly across correlated assets');
  console.log(
    `Dow Jones 30 daily closes, ${date[0]} to ${date[date.length - 1]} (${date.length - 1} daily returns; data/SOURCES.md). ` +
      `Weights are fractions of equity, rebalanced daily, no costs. "in sample" fits and scores the whole period; "held out" fits ` +
      `${date[0]}–${date[split]} and scores the fixed weights on ${date[split + 1]} on. Growth is compounded to a 252-day year.\n`,
  );
  const heldOut = new Map<string, (number | undefined)[]>();
  const record = (rule: string, g: number | undefined) => heldOut.set(rule, [...(heldOut.get(rule) ?? []), g]);
  for (const [name, subset] of Object.entries(SUBSETS)) {
    const names = subset === 'all' ? symbols : subset;
    const series = names.map((s) => returns.get(s)!);
    const fit = series.map((r) => r.subarray(0, split));
    const test = series.map((r) => r.subarray(split));
    console.log(`### ${name}\n`);
    const rows = [['rule', 'leverage', 'in sample / yr', 'worst day', 'held-out leverage', 'held out / yr', 'worst day']];
    for (const [rule, options] of RULES) {
      const all = portfolioKelly(series, options);
      const early = portfolioKelly(fit, options);
      const later = portfolioGrowth(test, early.weights);
      rows.push([rule, num(all.leverage), yearly(all.sampleGrowthRate), pct(all.worstDay, 1), num(early.leverage), yearly(later.growthRate), pct(later.worstDay, 1)]);
      record(rule, later.growthRate);
    }
    const equal = portfolioGrowth(test, names.map(() => 1 / names.length));
    record('equal', equal.growthRate);
    rows.push(['equal weights, leverage 1', '1.00', '', '', '1.00', yearly(equal.growthRate), pct(equal.worstDay, 1)]);
    table(rows);
    if (subset !== 'all') weightTable(names, series);
    console.log('');
  }
  const range = (rule: string) => {
    const gs = heldOut.get(rule)!;
    if (gs.some((g) => g === undefined)) return `${gs.filter((g) => g === undefined).length} of ${gs.length} ruined`;
    const ys = (gs as number[]).map((g) => Math.expm1(252 * g)).sort((x, y) => x - y);
    return `${pct(ys[0], 0)} to ${pct(ys[ys.length - 1], 0)} a year`;
  };
  console.log(
    `Held out, over the ${Object.keys(SUBSETS).length} subsets: full exact Kelly ${range(RULES[0][0])}, half Kelly ${range(RULES[2][0])}, ` +
      `the 1.5× leverage cap ${range(RULES[3][0])}, long-only at 1× ${range(RULES[4][0])}, equal weights ${range('equal')}. ` +
      'Full Kelly fitted on the data it is scored on takes many times the equity in leverage and looks superb; fixed for the next five ' +
      'years, its weights chase the first five years\' sample means. A leverage cap is the constrained optimum (KKT-checked), not the ' +
      'uncapped weights scaled down. For the sizer, these weights are a correlation signal rather than positions.',
  );
}

/** Exact vs Gaussian weights per stock, and the correlation penalty the long-only weights imply for the sizer. */
function weightTable(names: readonly string[], series: Float64Array[]): void {
  const exact = portfolioKelly(series);
  const gaussian = portfolioKelly(series, { method: 'gaussian' });
  const longOnly = portfolioKelly(series, { longOnly: true });
  const rows = [['stock', 'exact', 'Gaussian', 'long-only', 'alone', 'penalty', 'sizer factor']];
  const reasons: string[] = [];
  names.forEach((s, i) => {
    const c = correlationPenalty(series, i, { name: s, longOnly: true });
    rows.push([s, num(exact.weights[i]), num(gaussian.weights[i]), num(longOnly.weights[i]), num(c.standaloneWeight), num(c.penalty), `×${num(Math.max(0.2, 1 - c.penalty))}`]);
    reasons.push(c.reason);
  });
  console.log('\nWeights over the whole period; "alone" is the stock\'s own long-only Kelly weight. The correlation penalty is');
  console.log('1 − long-only ÷ alone (correlationPenalty); size() takes it as request.correlation, factor ×max(0.2, 1 − penalty).\n');
  table(rows);
  console.log(`\ne.g. ${reasons[0]}`);
}
