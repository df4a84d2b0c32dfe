import { Command, CommanderError } from 'commander';
import { closePool, SizewiseError } from '../index.js';
import { COMMANDS, type CommandRegistration } from './commands/index.js';
import { processIo, type CliIo } from './io.js';
import { UsageError } from './UsageError.js';

/** Exit codes: 0 done, 1 an unexpected failure, 2 bad usage or bad input. */
export const EXIT = Object.freeze({ ok: 0, failure: 1, usage: 2 });

/** The `sizewise` program with every command, writing through `io`. */
export function createProgram(io: CliIo, commands: readonly CommandRegistration[] = COMMANDS): Command {
  const program = new Command('sizewise')
    .description('Position sizing you can explain: the edge of your trades, Kelly in both units, sized orders, Monte Carlo of the sizing rule and backtests, from the command line.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s), outputError: (s, write) => write(s) })
    .showHelpAfterError('(run with --help for usage)')
    .helpCommand(false)
    .addHelpText(
      'after',
      '\nExamples:\n  $ sizewise edge trades.csv\n  $ sizewise simulate --trades trades.csv --kelly 0.25,0.5,1 --chart fan.png\n' +
        '  $ sizewise size --trades trades.csv --balance 100000 --price 412.37 --stop 398.50\n  $ sizewise backtest --prices data/sp500_2000-2020_daily_ohlcv.csv --chart equity.png\n' +
        '\nTrades files: CSV with a header or a JSON array, a `return` column (a fraction: -0.018 = -1.8 %),\noptional closedAt (ISO date), strategyId, rMultiple. Run `sizewise <command> --help` for each command.',
    );
  for (const register of commands) register(program, io);
  return program;
}

/**
 * Runs the command line on `argv` (the arguments after the program name) and returns the
 * exit code. Nothing reaches stdout unless the command succeeds; errors go to stderr.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo(), commands: readonly CommandRegistration[] = COMMANDS): Promise<number> {
  const program = createProgram(io, commands);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return reportError(error, io);
  } finally {
    await closePool();
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Commander has already written its message (or the help) to stderr / stdout.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof UsageError) {
    io.err(`sizewise: error: ${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof SizewiseError) {
    // The library refused a value that came from the command line or a file.
    io.err(`sizewise: error: ${error.message}${error.field ? ` (${error.field})` : ''}\n`);
    return EXIT.usage;
  }
  const e = error instanceof Error ? error : new Error(String(error));
  io.err(`sizewise: unexpected error: ${e.message}\n${process.env.SIZEWISE_DEBUG ? `${e.stack}\n` : '(set SIZEWISE_DEBUG=1 for the stack trace)\n'}`);
  return EXIT.failure;
}
