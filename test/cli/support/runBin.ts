import { execFile } from 'node:child_process';
import { BIN } from './buildBin.js';

/** What one run of the bin gave. */
export interface BinRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `sizewise …args` as a child process (stdin closed, stderr not a terminal). */
export function runBin(args: readonly string[], options: { cwd?: string } = {}): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd: options.cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, SIZEWISE_DEBUG: '' } }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') {
        reject(error);
        return;
      }
      resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
    });
  });
}

/** A fixture file's path. */
export function fixture(name: string): string {
  return new URL(`../../fixtures/cli/${name}`, import.meta.url).pathname;
}
