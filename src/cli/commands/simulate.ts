import type { Command } from 'commander';
import {
  estimateEdge,
  exactBinary,
  EXACT_BINARY_LIMITS,
  kellyFromStats,
  recommendExposure,
  simulate,
  SIMULATE_DEFAULTS,
  SizewiseError,
  drawdownDistributionSpec,
  fanChartSpec,
  kellyCurveSpec,
  type ChartSpec,
  type ExposureOutcome,
  type ExactBinaryOutcome,
  medianGrowth,
  type SimulationResult,
  type TradeModel,
} from '../../index.js';
import { edgeInputs, type EdgeInputFlags } from '../edgeInputs.js';
import { formatTable, num, pct } from '../format.js';
import type { CliIo } from '../io.js';
import { note, noteIgnoredColumns } from '../notes.js';
import { choiceArg, fractionArg, integerArg, listArg, numberArg } from '../options.js';
import { printJson } from '../printJson.js';
import { progressBar } from '../progress.js';
import { readTrades } from '../readTrades.js';
import { chartFormat, chartKinds, PNG_SCALE, stackCharts, writeChart } from '../renderChart.js';
import { UsageError } from '../UsageError.js';

/** The --kelly multiples simulated by default. */
export const DEFAULT_KELLY_MULTIPLES = Object.freeze([0.25, 0.5, 1]);

/** Points kept per path for the fan chart's bands. */
export const DEFAULT_CHECKPOINTS = 50;

/** Exposures in the sweep behind the Kelly curve and the recommendation. */
export const DEFAULT_SWEEP = 20;

/**
 * Drawdown levels always simulated besides the reported ones: a grid of 5 % steps, so the
 * drawdown distribution can be drawn (`probabilityOfDrawdown` holds all of them).
 */
export const DRAWDOWN_GRID: readonly number[] = Object.freeze(Array.from({ length: 19 }, (_, i) => (i + 1) / 20));

/** Chart kinds of `simulate --chart`. */
export const SIMULATE_CHARTS = Object.freeze(['fan', 'kelly', 'drawdown'] as const);

interface SimulateFlags extends EdgeInputFlags {
  kelly: number[];
  model?: string;
  paths: number;
  tradesPerPath: number;
  seed: number;
  ruin: number;
  drawdownLevels: number[];
  maxDrawdown: number;
  probability: number;
  sweep: number;
  checkpoints: number;
  chart?: string;
  chartKind?: string;
  pngScale: number;
  json?: boolean;
  quiet?: boolean;
}

/** `sizewise simulate`: Monte Carlo of the trades (bootstrap) or of a binary edge at multiples of Kelly. */
export function simulateCommand(program: Command, io: CliIo): void {
  const command = program
    .command('simulate')
    .summary('Monte Carlo of your trades at multiples of Kelly: ruin, drawdown, growth, a recommendation')
    .description(
      'Simulates many futures of the sizing: a bootstrap of the trades file\'s returns (or a binary edge from ' +
        '--win-rate/--avg-win/--avg-loss, next to its exact lattice figures) at multiples of the Kelly exposure; ' +
        'reports P(ruin), P(drawdown ≥ level) and median growth, and recommends the exposure with the highest ' +
        'median growth whose P(drawdown ≥ --max-drawdown) stays within --probability, from a sweep of exposures.',
    );
  edgeInputs(command);
  command
    .option('--kelly <multiples>', 'multiples of the Kelly exposure to simulate, comma-separated', listArg(numberArg(0, 1000, { min: true })), [...DEFAULT_KELLY_MULTIPLES])
    .option('--model <kind>', 'with --trades: BOOTSTRAP the returns (default) or BINARY, their win/loss approximation', choiceArg(['BOOTSTRAP', 'BINARY']))
    .option('--paths <n>', 'simulated futures', integerArg(1, 16_777_216), SIMULATE_DEFAULTS.paths)
    .option('--trades-per-path <n>', 'trades in each future', integerArg(1, 10_000_000), SIMULATE_DEFAULTS.trades)
    .option('--seed <s>', 'seed: the same seed gives the same numbers', integerArg(0, 0xffff_ffff), SIMULATE_DEFAULTS.seed)
    .option('--ruin <level>', 'ruined if wealth ever falls to this fraction of the start', fractionArg, SIMULATE_DEFAULTS.ruinLevel)
    .option('--drawdown-levels <levels>', 'drawdown levels to report, comma-separated fractions', listArg(fractionArg), [...SIMULATE_DEFAULTS.drawdownLevels])
    .option('--max-drawdown <level>', 'the recommendation keeps P(drawdown ≥ this) within --probability', fractionArg, 0.5)
    .option('--probability <p>', 'the largest acceptable P(drawdown ≥ --max-drawdown)', numberArg(0, 1), 0.1)
    .option('--sweep <n>', 'exposures in the sweep behind the recommendation and the Kelly curve (0: recommend among --kelly)', integerArg(0, 200), DEFAULT_SWEEP)
    .option('--checkpoints <n>', 'points kept per path for the fan chart', integerArg(0, 1000), DEFAULT_CHECKPOINTS)
    .option('--chart <file>', 'draw the charts to an .svg or .png file')
    .option('--png-scale <x>', 'a PNG chart is drawn at this multiple of its SVG size', numberArg(0.5, 4), PNG_SCALE)
    .option('--chart-kind <kinds>', `which charts, comma-separated: ${SIMULATE_CHARTS.join(', ')} (default: all, stacked)`)
    .option('--json', 'print one JSON document: the SimulationResult (outcomes in --kelly order, each with kellyFraction) and the recommendation')
    .option('--quiet', 'no progress bar and no notes on stderr')
    .addHelpText(
      'after',
      '\nExamples:\n  $ sizewise simulate --trades trades.csv --kelly 0.25,0.5,1 --chart fan.png\n' +
        '  $ sizewise simulate --win-rate 0.55 --avg-win 0.03 --avg-loss 0.02 --paths 20000 --json',
    )
    .action(async (flags: SimulateFlags) => {
      const kinds = flags.chart === undefined ? [] : chartKinds(flags.chartKind, SIMULATE_CHARTS);
      if (flags.chart !== undefined) chartFormat(flags.chart);
      if (kinds.includes('fan') && flags.checkpoints === 0) throw new UsageError('--chart-kind fan needs --checkpoints above 0');
      const source = await modelOf(flags, io);
      const kelly = source.kellyExposure;
      const exposures = flags.kelly.map((m) => m * kelly);
      exposures.forEach((f, i) => {
        if (!(f < source.maxExposure)) {
          throw new UsageError(`--kelly ${flags.kelly[i]}: ${num(f)}× would lose ${pct(f * source.worstLoss, 0)} of equity on ${source.worstName}; keep multiples below ${num(source.maxExposure / kelly, 3)}`);
        }
      });
      const reported = uniqueSorted([...flags.drawdownLevels, flags.maxDrawdown]);
      const common = { paths: flags.paths, trades: flags.tradesPerPath, seed: flags.seed, ruinLevel: flags.ruin };
      const quiet = flags.quiet === true;

      const main = await run(io, quiet, `simulating ${exposures.length} exposure${exposures.length === 1 ? '' : 's'}`, (onProgress) =>
        simulate(source.model, { ...common, drawdownLevels: uniqueSorted([...reported, ...DRAWDOWN_GRID]), exposures, checkpoints: flags.checkpoints, onProgress }),
      );
      let sweep: SimulationResult | undefined;
      if (flags.sweep > 0) {
        const top = Math.min(2 * kelly, 0.99 * source.maxExposure);
        const bottom = Math.min(kelly, top) / 40;
        const grid = Array.from({ length: flags.sweep }, (_, i) => (flags.sweep === 1 ? top : bottom * (top / bottom) ** (i / (flags.sweep - 1))));
        sweep = await run(io, quiet, `sweep of ${grid.length} exposures`, (onProgress) => simulate(source.model, { ...common, drawdownLevels: reported, exposures: grid, onProgress }));
      }
      const recommendation = recommendExposure(sweep ?? main, { maxDrawdown: flags.maxDrawdown, probability: flags.probability });
      const exact = source.model.kind === 'binary' ? exactFigures(source.model, exposures, flags, io) : undefined;

      if (flags.chart !== undefined) {
        const specs: ChartSpec[] = [];
        if (kinds.includes('fan')) specs.push(fanChartSpec(main, { kellyExposure: kelly }));
        if (kinds.includes('kelly')) specs.push(kellyCurveSpec(sweep ?? main, { kellyExposure: kelly, recommended: recommendation.exposure, ruinLevel: flags.ruin, drawdownLevels: reported }));
        if (kinds.includes('drawdown')) specs.push(drawdownDistributionSpec(main, { kellyExposure: kelly }));
        await writeChart(stackCharts(specs), flags.chart, flags.pngScale);
        if (!quiet) note(io, `chart written to ${flags.chart} (${kinds.join(', ')})`);
      }

      const withMultiple = <T extends { exposure: number }>(o: T) => ({ ...o, kellyFraction: o.exposure / kelly });
      if (flags.json === true) {
        printJson(io, {
          ...main,
          outcomes: main.outcomes.map(withMultiple),
          model: source.model.kind,
          kellyExposure: kelly,
          ...(exact === undefined ? {} : { exact }),
          ...(sweep === undefined ? {} : { sweep: { ...sweep, outcomes: sweep.outcomes.map(withMultiple) } }),
          recommendation: { ...withMultiple(recommendation), maxDrawdown: flags.maxDrawdown, probability: flags.probability },
        });
        return;
      }
      io.out(`${report(source.description, kelly, main, exact, sweep, recommendation, flags)}\n`);
    });
}

interface ModelSource {
  model: TradeModel;
  kellyExposure: number;
  description: string;
  /** Exposures at or above this lose everything on the worst outcome. */
  maxExposure: number;
  worstLoss: number;
  worstName: string;
}

/** The trade model and Kelly exposure from a trades file or the three statistics. */
async function modelOf(flags: SimulateFlags, io: CliIo): Promise<ModelSource> {
  if (flags.trades === undefined) {
    if (flags.winRate === undefined || flags.avgWin === undefined || flags.avgLoss === undefined) {
      throw new UsageError('give --trades <file>, or all of --win-rate, --avg-win and --avg-loss');
    }
    if (flags.model !== undefined) throw new UsageError('--model applies to --trades; the statistics are always the binary model');
    const kelly = kellyFromStats({ winRate: flags.winRate, avgWin: flags.avgWin, avgLoss: flags.avgLoss }).exposure;
    return binarySource(flags.winRate, flags.avgWin, flags.avgLoss, kelly, `binary edge: win ${pct(flags.winRate)} of trades for +${pct(flags.avgWin)}, else −${pct(flags.avgLoss)}`);
  }
  if (flags.winRate !== undefined || flags.avgWin !== undefined || flags.avgLoss !== undefined) throw new UsageError('give --trades or the --win-rate/--avg-win/--avg-loss statistics, not both');
  const input = await readTrades(flags.trades);
  if (flags.quiet !== true) noteIgnoredColumns(io, input);
  let edge;
  try {
    edge = estimateEdge(input.trades);
  } catch (error) {
    if (error instanceof SizewiseError) throw new UsageError(`${input.file}: ${error.message}`);
    throw error;
  }
  if (flags.model === 'BINARY') {
    return binarySource(edge.winRate, edge.avgWin, edge.avgLoss, edge.kelly.exposure, `binary approximation of the ${edge.trades} trades in ${input.file}: win ${pct(edge.winRate)} for +${pct(edge.avgWin)}, else −${pct(edge.avgLoss)}`);
  }
  noEdge(edge.kelly.exposure);
  const worst = Math.min(...input.returns);
  return {
    model: { kind: 'bootstrap', returns: input.returns },
    kellyExposure: edge.kelly.exposure,
    description: `bootstrap of the ${input.returns.length} trade returns in ${input.file}`,
    maxExposure: worst < 0 ? -1 / worst : Infinity,
    worstLoss: -worst,
    worstName: `the worst trade (${pct(worst)})`,
  };
}

function binarySource(p: number, win: number, loss: number, kelly: number, description: string): ModelSource {
  noEdge(kelly);
  return { model: { kind: 'binary', winProbability: p, winReturn: win, lossReturn: loss }, kellyExposure: kelly, description, maxExposure: 1 / loss, worstLoss: loss, worstName: `a loss (−${pct(loss)})` };
}

function noEdge(kelly: number): void {
  if (!(kelly > 0)) throw new UsageError('the edge is not positive (Kelly exposure 0): every multiple of Kelly sizes nothing, so there is nothing to simulate');
}

/** Runs one simulation with a progress bar on a terminal. */
async function run(io: CliIo, quiet: boolean, label: string, job: (onProgress: (done: number, total: number) => void) => Promise<SimulationResult>): Promise<SimulationResult> {
  const bar = progressBar(io, label, quiet);
  try {
    return await job((done, total) => bar.update(done, total));
  } finally {
    bar.stop();
  }
}

/** The exact lattice figures of the binary model at each exposure (the reported drawdown levels only). */
function exactFigures(model: Extract<TradeModel, { kind: 'binary' }>, exposures: readonly number[], flags: SimulateFlags, io: CliIo): ExactBinaryOutcome[] | undefined {
  if (flags.tradesPerPath > EXACT_BINARY_LIMITS.maxTrades) {
    if (flags.quiet !== true) note(io, `no exact lattice figures above ${EXACT_BINARY_LIMITS.maxTrades} trades per path`);
    return undefined;
  }
  const edge = { winProbability: model.winProbability, winReturn: model.winReturn, lossReturn: model.lossReturn };
  return exposures.map((f) => exactBinary(edge, { exposure: f, trades: flags.tradesPerPath, ruinLevel: flags.ruin, drawdownLevels: uniqueSorted(flags.drawdownLevels) }));
}

function uniqueSorted(xs: readonly number[]): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}

function report(description: string, kelly: number, main: SimulationResult, exact: ExactBinaryOutcome[] | undefined, sweep: SimulationResult | undefined, rec: ReturnType<typeof recommendExposure>, flags: SimulateFlags): string {
  const levels = uniqueSorted(flags.drawdownLevels);
  const growth = (o: Pick<ExposureOutcome, 'terminalWealth'>) => pct(medianGrowth(o, main.trades), 3);
  const pair = (sim: string, ex: string | undefined) => (ex === undefined ? sim : `${sim} | ${ex}`);
  const rows = main.outcomes.map((o, i) => {
    const e = exact?.[i];
    return [
      num(flags.kelly[i]),
      `${num(o.exposure)}×`,
      pair(pct(o.probabilityOfRuin, 1), e && pct(e.probabilityOfRuin, 1)),
      ...levels.map((l) => pair(pct(o.probabilityOfDrawdown[String(l)], 1), e && pct(e.probabilityOfDrawdown[String(l)], 1))),
      pair(growth(o), e && growth(e)),
      `${wealth(o.terminalWealth.median)}×`,
      `${wealth(o.terminalWealth.percentiles['0.05'])}–${wealth(o.terminalWealth.percentiles['0.95'])}×`,
    ];
  });
  const header = ['× Kelly', 'exposure', 'P(ruin)', ...levels.map((l) => `P(drawdown ≥ ${pct(l, 0)})`), 'median growth / trade', 'median final wealth', '5–95 % final wealth'];
  const lines = [
    `# Monte Carlo: ${main.paths.toLocaleString('en')} futures of ${main.trades.toLocaleString('en')} trades (seed ${main.seed}, ${Math.round(main.elapsedMs)} ms)`,
    '',
    `Model: ${description}. Kelly exposure ${num(kelly)}×.`,
    `Ruin = wealth ever at or below ${pct(flags.ruin, 0)} of the start; drawdown = fall from the running peak; wealth is a multiple of the start.`,
    ...(exact === undefined ? [] : ['Binary model: simulated | exact lattice.']),
    '',
    formatTable([header, ...rows]),
    '',
    sweep === undefined
      ? `Recommended among the simulated multiples (limit P(drawdown ≥ ${pct(flags.maxDrawdown, 0)}) ≤ ${pct(flags.probability, 0)}):`
      : `Recommended from a sweep of ${sweep.outcomes.length} exposures from ${num(sweep.outcomes[0].exposure)}× to ${num(sweep.outcomes[sweep.outcomes.length - 1].exposure)}× (${Math.round(sweep.elapsedMs)} ms; limit P(drawdown ≥ ${pct(flags.maxDrawdown, 0)}) ≤ ${pct(flags.probability, 0)}):`,
    `${num(rec.exposure)}× = ${num(rec.exposure / kelly)} × Kelly${rec.feasible ? '' : ' (no simulated exposure meets the limit: this is the least risky)'}.`,
    `Why: ${rec.reason}.`,
  ];
  return lines.join('\n');
}

/** Wealth multiples: 2 decimals in the usual range, scientific beyond. */
function wealth(x: number): string {
  return x !== 0 && (x >= 1e4 || x < 0.01) ? x.toExponential(2) : x.toFixed(2);
}
