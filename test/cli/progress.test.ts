import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { progressBar } from '../../src/cli/progress.js';

function fakeIo(errIsTTY: boolean): CliIo & { written: string[] } {
  const written: string[] = [];
  return { written, out: () => {}, err: (t) => void written.push(t), errIsTTY, columns: 80 };
}

describe('progressBar', () => {
  it('draws on a terminal, redrawing in place, and erases itself when stopped', () => {
    const io = fakeIo(true);
    const bar = progressBar(io, 'simulating', false);
    bar.update(0, 4);
    bar.update(4, 4); // the end is always drawn, however soon after the last redraw
    bar.stop();
    expect(io.written[0]).toMatch(/^\rsimulating \[-+\]   0 %$/);
    expect(io.written[1]).toMatch(/^\rsimulating \[#+\] 100 %$/);
    expect(io.written[2]).toMatch(/^\r +\r$/);
  });

  it('writes nothing when stderr is not a terminal, or with --quiet', () => {
    for (const [tty, quiet] of [[false, false], [true, true]] as const) {
      const io = fakeIo(tty);
      const bar = progressBar(io, 'x', quiet);
      bar.update(1, 2);
      bar.update(2, 2);
      bar.stop();
      expect(io.written).toEqual([]);
    }
  });
});
