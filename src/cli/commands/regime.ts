import { basename } from 'node:path';
import type { Command } from 'commander';
import { regimeWalkForward, SizewiseError, type OhlcvColumns } from '../../index.js';
import type { CliIo } from '../io.js';
import { progressBar } from '../progress.js';
import { printJson } from '../printJson.js';
import { readPrices } from '../readPrices.js';
import { regimeReport } from '../regimeSection.js';
import { UsageError } from '../UsageError.js';

interface RegimeFlags {
  prices?: string[];
  splitDate?: string;
  json?: boolean;
  quiet?: boolean;
}

/** `sizewise regime --prices <ohlcv.csv>…`: the regime classifier's walk-forward on the user's bars. */
export function regimeCommand(program: Command, io: CliIo): void {
  program
    .command('regime')
    .summary('the regime classifier and scaling templates, walk-forward on your prices')
    .description(
      "Runs the reference strategy on each prices file, labels its trades in hindsight, trains decision trees on the " +
        'trades closed before the split (market features at the signal: ADX, ATR percentile, MA slope, Bollinger width, ' +
        'RSI extremes, volume ratio, …) to pick a scaling template and an exit bias, and tests them on the later trades ' +
        'against NORMAL always, each template always, and the hindsight oracle (in R per trade).',
    )
    .option('--prices <files...>', 'one or more daily OHLCV CSVs (as the files in data/); trained and tested together; required')
    .option('--split-date <date>', 'train on trades closed before this ISO date (default: 70 % of the way through the dates of all the --prices files)')
    .option('--json', 'print one JSON document: the RegimeWalkForwardResult')
    .option('--quiet', 'no progress on stderr')
    .addHelpText('after', '\nExamples:\n  $ sizewise regime --prices data/sp500_2000-2020_daily_ohlcv.csv\n  $ sizewise regime --prices a.csv b.csv --split-date 2015-01-01 --json')
    .action(async (flags: RegimeFlags) => {
      if (flags.prices === undefined || flags.prices.length === 0) throw new UsageError('--prices <files...> is required');
      const files = flags.prices;
      const bars: OhlcvColumns[] = [];
      for (const file of files) bars.push(await readPrices(file));
      let result;
      const bar = progressBar(io, 'walk-forward', flags.quiet === true);
      try {
        result = regimeWalkForward(bars, {
          names: files.map((f) => basename(f)),
          ...(flags.splitDate === undefined ? {} : { splitDate: flags.splitDate }),
          onProgress: (done, total) => bar.update(done, total),
        });
      } catch (error) {
        if (error instanceof SizewiseError) throw new UsageError(`${files.join(', ')}: ${error.message}${error.field.startsWith('opts.splitDate') || error.field.startsWith('options.splitDate') ? ' (--split-date)' : ''}`);
        throw error;
      } finally {
        bar.stop();
      }
      if (flags.json === true) {
        printJson(io, result);
        return;
      }
      io.out(`# Regime classifier, walk-forward${regimeReport(files.join(', '), result, () => true).replace(/^\n### /, ': ')}\n`);
    });
}
