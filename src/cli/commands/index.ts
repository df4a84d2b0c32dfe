// The commands of `sizewise`, in the order --help lists them. A command is a function that
// registers itself on the program; later parts add theirs here.
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { backtestCommand } from './backtest.js';
import { calibrateCommand } from './calibrate.js';
import { edgeCommand } from './edge.js';
import { historyCommand } from './history.js';
import { regimeCommand } from './regime.js';
import { reportCommand } from './report.js';
import { simulateCommand } from './simulate.js';
import { sizeCommand } from './size.js';
import { trackCommand } from './track.js';
import { trainCommand } from './train.js';

export type CommandRegistration = (program: Command, io: CliIo) => void;

export const COMMANDS: readonly CommandRegistration[] = Object.freeze([
  edgeCommand,
  sizeCommand,
  simulateCommand,
  backtestCommand,
  regimeCommand,
  calibrateCommand,
  trainCommand,
  trackCommand,
  historyCommand,
  reportCommand,
]);
