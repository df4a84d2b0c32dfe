// The page: read the files, run the backtest in Web Workers with a progress bar and a
// cancel button, show the numbers and draw the charts. body[data-state] is idle | running |
// done | error; [data-result] cells hold the exact numbers as String(x).
import {
  createSizer, drawdownDistributionSpec, fanChartSpec, kellyCurveSpec, parseOhlcvCsv, parseTradesFile, SIMULATE_DEFAULTS, volatilityRegime,
  type Decimal, type EdgeEstimate, type OhlcvColumns,
} from 'sizewise';
import { DRAWDOWN_LIMIT, runBacktest, type Backtest } from './backtest.js';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T;
const tradesInput = $<HTMLInputElement>('#trades');
const pricesInput = $<HTMLInputElement>('#prices');
const runButton = $<HTMLButtonElement>('#run');
const cancelButton = $<HTMLButtonElement>('#cancel');
const progress = $<HTMLProgressElement>('#progress');

let controller: AbortController | undefined;

runButton.addEventListener('click', () => void run());
cancelButton.addEventListener('click', () => controller?.abort());

async function run(): Promise<void> {
  controller = new AbortController();
  const { signal } = controller;
  setState('running', 'Reading the files…');
  try {
    const { trades } = await readFile(tradesInput, 'trades', parseTradesFile); // read as the command line reads it
    const bars = pricesInput.files?.[0] ? await readFile(pricesInput, 'prices', parseOhlcvCsv) : undefined;
    const seed = Number($<HTMLInputElement>('#seed').value || 1);
    const workers = navigator.hardwareConcurrency || 1;
    const started = performance.now();
    const backtest = await runBacktest(trades, {
      seed,
      workers,
      signal,
      onProgress: (fraction) => {
        progress.value = fraction;
        $('#status').textContent = `Simulating… ${Math.floor(100 * fraction)} %`;
      },
    });
    showEdge(backtest.edge, tradesInput.files![0].name);
    showSizes(backtest);
    if (bars) showOrder(backtest.edge, bars);
    await drawCharts(backtest);
    if (signal.aborted) throw signal.reason;
    const memory = crossOriginIsolated ? 'shared memory' : 'transferred buffers';
    setState('done', `Done in ${((performance.now() - started) / 1000).toFixed(1)} s on ${workers} Web Worker${workers === 1 ? '' : 's'} (${memory}), seed ${seed}.`);
  } catch (error) {
    if (signal.aborted) setState('idle', 'Cancelled.');
    else setState('error', 'Stopped on an error.', error instanceof Error ? error.message : String(error));
  }
}

/** Reads the chosen file and parses it; an error names the file (parseTradesFile's own messages already do). */
async function readFile<T>(input: HTMLInputElement, what: string, parse: (text: string, name: string) => T): Promise<T> {
  const file = input.files?.[0];
  if (!file) throw new Error(`Choose a ${what} file first.`);
  const text = await file.text();
  try {
    return parse(text, file.name);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.startsWith(`${file.name}: `) ? message : `${file.name}: ${message}`);
  }
}

function setState(state: 'idle' | 'running' | 'done' | 'error', status: string, error = ''): void {
  document.body.dataset.state = state;
  $('#status').textContent = status;
  $('#error').textContent = error;
  runButton.disabled = state === 'running';
  cancelButton.disabled = state !== 'running';
  progress.value = state === 'done' ? 1 : 0;
  if (state !== 'done') clearResults(); // never a stale number after a new run, a cancel or an error
}

function clearResults(): void {
  for (const id of ['#edge', '#sizes tbody', '#sizes-note', '#order-summary', '#order-factors', '#fan-chart', '#kelly-chart', '#drawdown-chart', '#exact']) $(id).replaceChildren();
  $('#order').hidden = true;
}

// ——— Numbers ———

const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)} %`;
const times = (x: number) => `${x >= 1e6 ? x.toExponential(2) : Number(x.toPrecision(3)).toLocaleString('en')}×`;
const money = (d: Decimal) => d.toFixed(2).replace(/\B(?=(\d{3})+\.)/g, ','); // 169599.04 → 169,599.04
const kellyName = (m: number) => ({ 0.25: '¼ Kelly', 0.5: '½ Kelly', 1: 'Full Kelly' })[m] ?? `${m} × Kelly`;

/** An exact value for checking: a row of the "Exact values" table, `[data-result=name]` holding String(x). */
function exact(name: string, value: number): void {
  const row = $('#exact').appendChild(document.createElement('tr'));
  row.insertCell().textContent = name;
  const cell = row.insertCell();
  cell.dataset.result = name;
  cell.textContent = String(value);
}

function showEdge(edge: EdgeEstimate, fileName: string): void {
  $('#file-name').textContent = fileName;
  const figures: [string, string, string?][] = [
    ['Trades', String(edge.trades), edge.reliable ? undefined : 'too few to trust Kelly'],
    ['Win rate', pct(edge.winRate), `${pct(edge.winRateInterval[0])} – ${pct(edge.winRateInterval[1])} (95 %)`],
    ['Average win', pct(edge.avgWin, 2)],
    ['Average loss', pct(edge.avgLoss, 2)],
    ['Expectancy', pct(edge.expectancy, 2), 'per trade'],
    ['Kelly exposure', times(edge.kelly.exposure), `${times(edge.kellyInterval[0])} – ${times(edge.kellyInterval[1])} (bootstrap)`],
    ['Kelly risk', pct(edge.kelly.riskFraction), 'of equity lost on an average loss'],
  ];
  $('#edge').replaceChildren(
    ...figures.map(([name, value, note]) => {
      const div = document.createElement('div');
      div.append(Object.assign(document.createElement('dt'), { textContent: name }), Object.assign(document.createElement('dd'), { textContent: value }));
      if (note) div.append(Object.assign(document.createElement('small'), { textContent: note }));
      return div;
    }),
  );
  exact('trades', edge.trades);
  exact('winRate', edge.winRate);
  exact('kellyExposure', edge.kelly.exposure);
  exact('kellyRiskFraction', edge.kelly.riskFraction);
}

function showSizes({ edge, multiples, leftOut, simulation, recommended }: Backtest): void {
  const body = $<HTMLTableSectionElement>('#sizes tbody');
  simulation?.outcomes.forEach((o, i) => {
    const m = multiples[i];
    const growth = Math.log(o.terminalWealth.median) / simulation.trades; // medianGrowth: ln(median terminal wealth) ÷ trades
    const cells = [kellyName(m), times(o.exposure), pct(o.exposure * edge.avgLoss), pct(o.probabilityOfRuin, 2), pct(o.probabilityOfDrawdown['0.5'], 1), pct(growth, 3), times(o.terminalWealth.median)];
    const row = body.insertRow();
    for (const text of cells) row.insertCell().textContent = text;
    exact(`ruin-${m}`, o.probabilityOfRuin);
    exact(`medianGrowth-${m}`, growth);
  });
  const notes: string[] = [];
  if (!simulation) notes.push('The estimated edge is not positive: Kelly sizes nothing, so there is nothing to simulate.');
  for (const m of leftOut) notes.push(`${kellyName(m)} is left out: the worst trade alone would lose all the equity at ${times(m * edge.kelly.exposure)}.`);
  if (recommended) {
    notes.push(`Largest median growth with P(drawdown ≥ ${pct(DRAWDOWN_LIMIT.maxDrawdown, 0)}) ≤ ${pct(DRAWDOWN_LIMIT.probability, 0)}: ${times(recommended.exposure)} = ${Number((recommended.exposure / edge.kelly.exposure).toPrecision(2))} × Kelly.`);
  }
  $('#sizes-note').textContent = notes.join(' ');
}

/** The sizer's order for the balance at the last close, its volatility layer fed by the prices' ATR. */
function showOrder(edge: EdgeEstimate, bars: OhlcvColumns): void {
  const last = bars.close.length - 1;
  const volatility = volatilityRegime(bars);
  const decision = createSizer().size({ balance: $<HTMLInputElement>('#balance').value, price: bars.close[last], edge, atr: volatility.atr, atrAverage: volatility.atrAverage });
  $('#order-summary').textContent =
    `${bars.date[last]}, close ${bars.close[last].toLocaleString('en', { maximumFractionDigits: 4 })}: buy ${decision.quantity.toString()} units for ${money(decision.notional)} ` +
    `(exposure ${times(decision.exposure)}, risk ${pct(decision.riskFraction, 2)} of equity). ATR(14) is ${pct(volatility.atrPercent, 2)} of the price, ${volatility.atrRatio.toFixed(2)} × its average: ${volatility.regime.toLowerCase()} volatility.`;
  $('#order-factors').replaceChildren(...decision.factors.map((f) => Object.assign(document.createElement('li'), { textContent: `${f.name}: ${f.reason}` })));
  $('#order').hidden = false;
}

async function drawCharts({ edge, simulation, sweep, recommended, drawdownLevels }: Backtest): Promise<void> {
  if (!simulation) return;
  const { default: embed } = await import('vega-embed'); // loaded on the first run only
  // The command line's chart specs (src/charts), drawn by vega-embed instead of rendered to a file.
  const options = { actions: { export: true, source: false, compiled: false, editor: false }, renderer: 'svg' } as const;
  const kellyExposure = edge.kelly.exposure;
  await embed('#fan-chart', fanChartSpec(simulation, { kellyExposure }), options);
  if (sweep && recommended) await embed('#kelly-chart', kellyCurveSpec(sweep, { kellyExposure, recommended: recommended.exposure, ruinLevel: SIMULATE_DEFAULTS.ruinLevel, drawdownLevels }), options);
  await embed('#drawdown-chart', drawdownDistributionSpec(simulation, { kellyExposure }), options);
}
