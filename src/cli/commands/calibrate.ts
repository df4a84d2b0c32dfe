import type { Command } from 'commander';
import { calibrationReport, isotonicCalibration, plattCalibration, reliabilityDiagramSpec, SizewiseError, type CalibrationReport } from '../../index.js';
import { formatTable, num, pct } from '../format.js';
import type { CliIo } from '../io.js';
import { note } from '../notes.js';
import { choiceArg, integerArg, numberArg } from '../options.js';
import { printJson } from '../printJson.js';
import { numberIn, parseRecords, readText } from '../readRecords.js';
import { chartFormat, PNG_SCALE, writeChart } from '../renderChart.js';
import { UsageError } from '../UsageError.js';

interface CalibrateFlags {
  method: string;
  trainFraction: number;
  bins: number;
  chart?: string;
  pngScale: number;
  json?: boolean;
  quiet?: boolean;
}

const HINT = 'give each prediction a score (the model\'s probability or raw score) and an outcome (1 = won, 0 = lost)';

/** `sizewise calibrate <predictions>`: fits a calibrator on the earlier predictions and scores it on the later ones. */
export function calibrateCommand(program: Command, io: CliIo): void {
  program
    .command('calibrate')
    .summary("calibrate a model's win probabilities on your predictions, tested on held-out ones")
    .description(
      "Fits a calibrator (Platt's sigmoid or isotonic regression) from a model's scores to win probabilities on the " +
        'first part of the predictions (file order: sort it by time), then scores it on the rest: Brier score, log loss, ' +
        'expected calibration error and the reliability table, next to the raw scores when they are probabilities.',
    )
    .argument('<predictions>', 'CSV with a header or a JSON array: a `score` column and an `outcome` column (1 or 0, true or false)')
    .option('--method <name>', 'PLATT or ISOTONIC', choiceArg(['PLATT', 'ISOTONIC']), 'PLATT')
    .option('--train-fraction <f>', 'share of the predictions (the first ones) the calibrator is fitted on', numberArg(0, 1, { min: true, max: true }), 0.7)
    .option('--bins <n>', 'equal-width probability bins of the reliability table', integerArg(1, 1000), 10)
    .option('--chart <file>', 'draw the reliability diagram of the held-out predictions to an .svg or .png file')
    .option('--png-scale <x>', 'a PNG chart is drawn at this multiple of its SVG size', numberArg(0.5, 4), PNG_SCALE)
    .option('--json', 'print one JSON document: the held-out CalibrationReports and the fitted calibrator')
    .option('--quiet', 'no notes on stderr')
    .addHelpText('after', '\nExamples:\n  $ sizewise calibrate predictions.csv --chart reliability.png\n  $ sizewise calibrate predictions.json --method isotonic --json')
    .action(async (file: string, flags: CalibrateFlags) => {
      if (flags.chart !== undefined) chartFormat(flags.chart);
      const { records, ignoredColumns } = parseRecords(await readText(file, 'predictions'), file, ['score', 'outcome'], 'score', HINT);
      if (flags.quiet !== true && ignoredColumns.length > 0) note(io, `${file}: ignoring columns ${ignoredColumns.join(', ')} (sizewise reads score, outcome)`);
      const scores: number[] = [];
      const outcomes: number[] = [];
      records.forEach((record, i) => {
        const row = i + 1;
        const score = record.get('score');
        const outcome = record.get('outcome');
        if (score === undefined || outcome === undefined) throw new UsageError(`${file}: row ${row}, column ${score === undefined ? 'score' : 'outcome'}: missing; ${HINT}`);
        scores.push(numberIn(score, `${file}: row ${row}, column ${score.column}`, 'write a probability as a fraction (0.62, not 62 %)'));
        outcomes.push(outcomeOf(outcome.value, `${file}: row ${row}, column ${outcome.column}`));
      });
      const split = Math.floor(scores.length * flags.trainFraction);
      if (split < 2 || scores.length - split < 2) throw new UsageError(`${file}: ${scores.length} predictions leave too few to fit (${split}) or to test (${scores.length - split}); give more, or change --train-fraction`);
      const [trainScores, testScores, trainOutcomes, testOutcomes] = [scores.slice(0, split), scores.slice(split), outcomes.slice(0, split), outcomes.slice(split)];
      let calibrator;
      let calibrated: CalibrationReport;
      try {
        calibrator = flags.method === 'PLATT' ? plattCalibration(trainScores, trainOutcomes) : isotonicCalibration(trainScores, trainOutcomes);
        calibrated = calibrationReport(calibrator.predictMany(testScores), testOutcomes, { bins: flags.bins });
      } catch (error) {
        if (error instanceof SizewiseError) throw new UsageError(`${file}: ${error.message}`);
        throw error;
      }
      const raw = testScores.every((s) => s >= 0 && s <= 1) ? calibrationReport(testScores, testOutcomes, { bins: flags.bins }) : null;
      const method = flags.method.toLowerCase();
      if (flags.chart !== undefined) {
        const compare = raw === null ? {} : { compare: { name: 'raw scores', report: raw } };
        await writeChart(reliabilityDiagramSpec(calibrated, { name: `calibrated (${method})`, ...compare, title: `Reliability of the ${scores.length - split} held-out predictions` }), flags.chart, flags.pngScale);
        if (flags.quiet !== true) note(io, `chart written to ${flags.chart}`);
      }
      if (flags.json === true) {
        printJson(io, { method, train: split, test: scores.length - split, raw, calibrated, calibrator: calibrator.toJSON() });
        return;
      }
      const row = (name: string, r: CalibrationReport | null) => (r === null ? [name, 'n/a (scores are not probabilities)', '', ''] : [name, num(r.brier, 4), num(r.logLoss, 4), num(r.ece, 4)]);
      io.out(
        [
          `# Calibration of ${file}: ${method} fitted on the first ${split} predictions, tested on the last ${scores.length - split}`,
          '',
          formatTable([['held-out predictions', 'Brier', 'log loss', 'ECE'], row('raw scores', raw), row(`calibrated (${method})`, calibrated)]),
          '',
          'Reliability of the calibrated probabilities (held out):',
          '',
          formatTable([
            ['bin', 'predictions', 'mean predicted', 'observed win rate'],
            ...calibrated.bins.map((b) => [`[${edge(b.lower)}, ${edge(b.upper)})`, String(b.count), pct(b.meanPredicted, 1), pct(b.observedRate, 1)]),
          ]),
          '',
        ].join('\n'),
      );
    });
}

/** A bin edge as short as it is exact: 0.3, 0.05, 0.125 (bins of 20 or 8 would otherwise print as 0.1 and 0.1). */
function edge(x: number): string {
  return String(Number(x.toFixed(6)));
}

/** 1/0, true/false (or "win"/"loss") as a number. */
function outcomeOf(value: unknown, where: string): number {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (text === 1 || text === true || text === '1' || text === 'true' || text === 'win') return 1;
  if (text === 0 || text === false || text === '0' || text === 'false' || text === 'loss') return 0;
  throw new UsageError(`${where}: ${JSON.stringify(value)} is not an outcome (1 or 0, true or false)`);
}
