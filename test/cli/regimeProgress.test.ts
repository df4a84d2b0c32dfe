// `sizewise regime` draws regimeWalkForward's progress on stderr when it is a terminal, run in
// process with a terminal-like io (the bin's stderr is a pipe in tests, where nothing is drawn).
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';

describe('sizewise regime progress', () => {
  it('draws a walk-forward bar on a terminal, erases it, and prints the same report as without it', async () => {
    const args = ['regime', '--prices', 'data/goog_2004-2008_daily_ohlcv.csv', '--json'];
    const outs: string[] = [];
    const errs: string[] = [];
    const tty = { out: (t: string) => void outs.push(t), err: (t: string) => void errs.push(t), errIsTTY: true, columns: 80 };
    expect(await runCli(args, tty)).toBe(0);
    const quietOuts: string[] = [];
    const quietErrs: string[] = [];
    const quiet = { out: (t: string) => void quietOuts.push(t), err: (t: string) => void quietErrs.push(t), errIsTTY: true, columns: 80 };
    expect(await runCli([...args, '--quiet'], quiet)).toBe(0);
    const drawn = errs.join('');
    expect(drawn).toMatch(/\rwalk-forward \[#+-*\] +\d+ %/);
    expect(drawn).toContain('100 %');
    expect(errs[errs.length - 1]).toMatch(/^\r +\r$/); // erased at the end
    expect(quietErrs).toEqual([]);
    expect(outs.join('')).toBe(quietOuts.join(''));
  });
});
