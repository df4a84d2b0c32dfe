import { afterAll, describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { closePool } from '../../src/index.js';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';

afterAll(() => closePool());

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', errIsTTY: false, columns: 80, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

describe('runCli exit codes', () => {
  it('exits 1 on an unexpected failure, with the message on stderr and nothing on stdout', async () => {
    const broken = (program: Command) => {
      program.command('broken').action(() => {
        throw new TypeError('something the library never throws');
      });
    };
    const io = capture();
    expect(await runCli(['broken'], io, [broken])).toBe(1);
    expect(io.stdout).toBe('');
    expect(io.stderr).toContain('sizewise: unexpected error: something the library never throws');
  });

  it('exits 2 without a command (help on stderr), 0 for --help (help on stdout)', async () => {
    const none = capture();
    expect(await runCli([], none)).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Usage: sizewise');
    const help = capture();
    expect(await runCli(['--help'], help)).toBe(0);
    expect(help.stdout).toContain('Usage: sizewise');
  });
});
