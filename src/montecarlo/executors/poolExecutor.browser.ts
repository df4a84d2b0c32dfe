// What browser bundlers get instead of poolExecutor.ts (package.json "browser" field):
// the same exports without Piscina or Node built-ins. simulate() never calls them in a
// browser (it uses Web Workers there); they exist so a bundle resolves.
import { SizewiseError } from '../../errors.js';
import type { Executor } from './executor.js';

export const POOL_IDLE_TIMEOUT_MS = 10_000;

export function poolRunning(): boolean {
  return false;
}

export function hardwareThreads(): number {
  return 1;
}

export async function closeNodePool(): Promise<void> {}

export function poolExecutor(_threads: number): Executor {
  return () => Promise.reject(new SizewiseError('INVALID_STATE', 'opts.workers', 'the Piscina pool exists only in Node; browsers use Web Workers'));
}
