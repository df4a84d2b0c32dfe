import type { Command } from 'commander';
import { numberArg } from './options.js';

/** Where a command's edge comes from: a trades file, or the three statistics of a binary bet. */
export interface EdgeInputFlags {
  trades?: string;
  winRate?: number;
  avgWin?: number;
  avgLoss?: number;
}

/** Adds --trades and --win-rate/--avg-win/--avg-loss to a command. */
export function edgeInputs(command: Command): Command {
  return command
    .option('--trades <file>', 'trades file: CSV with a header or a JSON array, a `return` column (a fraction: -0.018 = -1.8 %)')
    .option('--win-rate <p>', 'instead of --trades: the probability of a win, in [0, 1]', numberArg(0, 1))
    .option('--avg-win <w>', 'instead of --trades: the average win, a fraction of the position (0.032 = +3.2 %)', numberArg(0, 1e6, { min: true }))
    .option('--avg-loss <l>', 'instead of --trades: the average loss as a positive fraction (0.018 = −1.8 %)', numberArg(0, 1e6, { min: true }));
}
