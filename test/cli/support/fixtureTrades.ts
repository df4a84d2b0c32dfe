import { readFileSync } from 'node:fs';
import type { TradeByFraction } from '../../../src/index.js';
import { fixture } from './runBin.js';

/** The trades of fixtures/cli/trades.csv, read here without the command line's reader. */
export function fixtureTrades(): TradeByFraction[] {
  const [header, ...lines] = readFileSync(fixture('trades.csv'), 'utf8').trim().split('\n');
  const at = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    const cell = (name: string) => cells[at.indexOf(name)];
    return { closedAt: cell('closedAt'), strategyId: cell('strategyId'), returnFraction: Number(cell('return')), rMultiple: Number(cell('rMultiple')) };
  });
}
