// Main-job section: the regime classifier's walk-forward on the S&P 500 reference trades
// (GOOG adds training trades) and on the Dow Jones 30 closes. A thin formatter over
// regimeWalkForward's results: every number printed is a field of the result.
import { readFile } from 'node:fs/promises';
import { parseClosesCsv, parseOhlcvCsv, regimeWalkForward, type RegimeChecks, type RegimeRow, type RegimeWalkForwardResult } from '../index.js';
import { bundledDataFile } from './bundledData.js';
import type { ReportContext } from './context.js';
import { formatTable, heading, num, pct, table } from './format.js';

const GOOG_FILE = bundledDataFile('goog_2004-2008_daily_ohlcv.csv');
const DOW_FILE = bundledDataFile('dowjones30_1991-2000_daily_close.csv');

/** Reads `bars` (the S&P 500) from the report context; loads GOOG and the Dow Jones 30 itself. */
export async function regimeSection(ctx: Pick<ReportContext, 'bars'>): Promise<void> {
  const goog = parseOhlcvCsv(await readFile(GOOG_FILE, 'utf8'));
  const dow = parseClosesCsv(await readFile(DOW_FILE, 'utf8'));
  const sp = regimeWalkForward([ctx.bars, goog], { names: ['S&P 500', 'GOOG'] });
  const dj = regimeWalkForward([...dow.values()], { names: [...dow.keys()] });

  heading('Regime classifier and scaling templates (walk-forward)');
  console.log(
    'A decision tree reads the market at each signal (ADX, ATR percentile, MA slope, Bollinger width, RSI extremes, volume ratio,\n' +
      "higher highs − lower lows, the strategy's last trades) and picks a scaling template: NO_ADD → CONSERVATIVE, ADD_NEUTRAL → NORMAL,\n" +
      'ADD_ALLOWED → AGGRESSIVE; a second tree picks the exit bias. Each trade is managed inside the strategy\'s own trade (adds and\n' +
      'partial exits in R; out with the strategy at the latest). Trained on trades closed before the split, frozen, tested after it.',
  );
  group('S&P 500 breakout trades (GOOG 2004–2008 trades add to training only)', sp, (name) => name !== 'GOOG');
  group('Dow Jones 30 stocks, 1991–2000 (closes only: ATR from close-to-close moves, no volume)', dj, () => true);
  console.log(`\n${dj.checks.symbolsJudged} Dow stocks judged: model better than NORMAL (total R and Sharpe) on ${dj.checks.symbolsBetter}.`);
  table([
    ['symbol', 'trades', 'NORMAL R', 'model R', 'oracle R', 'Sharpe NORMAL → model', 'beats', 'below oracle', 'better Sharpe'],
    ...dj.perSymbol.map((s) => [
      s.name,
      String(s.trades),
      num(s.baseline.totalR),
      num(s.model.totalR),
      num(s.oracle.totalR),
      `${sharpe(s.baseline.sharpe)} → ${sharpe(s.model.sharpe)}`,
      ...checkMarks(s.checks),
    ]),
  ]);
}

/** One walk-forward: the rows, the accuracy, the bootstrap, the success test and the rules. */
function group(title: string, r: RegimeWalkForwardResult, shown: (name: string) => boolean): void {
  console.log(regimeReport(title, r, shown));
}

/** One walk-forward as text: the rows, the accuracy, the bootstrap, the success test and the rules (the `regime` command prints it too). */
export function regimeReport(title: string, r: RegimeWalkForwardResult, shown: (name: string) => boolean): string {
  const out: string[] = [];
  out.push(`\n### ${title}\n`);
  out.push(
    `Split ${r.splitDate}: ${r.trainTrades} training trades, ${r.testTrades} held out (${r.straddling} open across the split and ` +
      `${r.notWarm} before the features were warm left out). Features: ${r.featureNames.join(', ')}` +
      (r.droppedFeatures.length > 0 ? ` (dropped: ${r.droppedFeatures.map((d) => `${d.name}, ${d.reason}`).join('; ')}).` : '.'),
  );
  const cv = r.cv.scores.map((s) => `${s.depth}: ${num(s.meanAccuracy)}${s.sdAccuracy === null ? '' : ` ± ${num(s.sdAccuracy)}`}`).join(', ');
  out.push(`Depth ${r.maxDepth} chosen by purged, embargoed 5-fold CV on the training part (accuracy by depth ${cv}).\n`);
  const rows: [string, RegimeRow][] = [
    ['baseline: NORMAL always', r.baseline],
    ['full position, no scaling', r.full],
    ...Object.entries(r.fixed)
      .filter(([name]) => name !== 'NORMAL')
      .map(([name, row]): [string, RegimeRow] => [`${name} always`, row]),
    ['oracle: best per trade (hindsight)', r.oracle],
    ['model: the trees\' choice', r.model],
  ];
  out.push(formatTable([
    ['rule (held-out trades)', 'total R', 'mean R', 'Sharpe', 'max DD (R)', 'hit rate'],
    ...rows.map(([name, row]) => [name, num(row.totalR), row.meanR === null ? '—' : num(row.meanR, 3), sharpe(row.sharpe), num(row.maxDrawdownR), row.hitRate === null ? '—' : pct(row.hitRate, 0)]),
  ]));
  const d = r.modelMinusBaseline;
  out.push(
    `\nTree accuracy on the held-out labels ${pct(r.accuracy, 0)} vs ${pct(r.majorityRate, 0)} for always ${r.majorityClass} (the training majority)` +
      (r.exitAccuracy === null ? '.' : `; exit-bias tree ${pct(r.exitAccuracy, 0)} vs ${pct(r.exitMajorityRate ?? 0, 0)}.`),
  );
  out.push(
    `Model − baseline, mean R per trade: ${num(d.meanR, 3)}` +
      (d.interval === null ? '' : `, ${pct(d.confidence, 0)} paired bootstrap interval [${num(d.interval[0], 3)}, ${num(d.interval[1], 3)}] (${d.resamples} resamples).`),
  );
  const s = r.modelMinusBaselineSharpe;
  if (s.difference !== null) {
    console.log(
      `Model − baseline, Sharpe: ${num(s.difference)}` +
        (s.interval === null ? '' : `, ${pct(s.confidence, 0)} paired bootstrap interval [${num(s.interval[0])}, ${num(s.interval[1])}] (the same resamples).`),
    );
  }
  const symbols = r.perSymbol.filter((s) => shown(s.name));
  const [beats, below, better] = checkMarks(r.checks);
  out.push(
    `Success test (better than baseline, below the oracle, better Sharpe, across symbols): ${beats} ${below} ${better} ` +
      `${r.checks.acrossSymbols ? 'yes' : 'no'} (${r.checks.symbolsBetter} of ${r.checks.symbolsJudged} symbols judged better) → ` +
      `${r.checks.holds ? 'holds' : 'does not hold'}.` +
      (symbols.length === 1 ? ` ${symbols[0].name} alone: ${checkMarks(symbols[0].checks).join(' ')}.` : ''),
  );
  out.push('\nScaling tree:');
  out.push(indent(r.rules));
  if (r.exitRules !== '') {
    const lines = r.exitRules.split('\n');
    out.push(`Exit-bias tree (depth ${r.exitMaxDepth}${lines.length > 12 ? `, first 12 of ${lines.length} lines` : ''}):`);
    out.push(indent(lines.slice(0, 12).join('\n')));
  }
  return out.join('\n');
}

function checkMarks(c: RegimeChecks): [string, string, string] {
  const mark = (ok: boolean) => (ok ? 'yes' : 'no');
  return [mark(c.beatsBaseline), mark(c.belowOracle), mark(c.betterSharpe)];
}

function sharpe(x: number | null): string {
  return x === null ? '—' : num(x);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
