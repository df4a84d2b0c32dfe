import fc from 'fast-check';
import type { FuzzEntry } from './entry.js';
import { applyMutation, mutations } from './mutate.js';
import { brokenErrorPromise, nonFinitePath } from './promise.js';

/** Inputs per entry in one CI run (FUZZ_RUNS overrides: `npm run fuzz` runs many more). */
export const DEFAULT_RUNS = 2_000;

export function runsFor(entry: FuzzEntry): number {
  const base = Number(process.env.FUZZ_RUNS ?? DEFAULT_RUNS);
  return Math.max(1, Math.round(base * (entry.weight ?? 1)));
}

/** A seed per entry from its name, so each entry's inputs are fixed run to run. */
export function seedOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h | 0;
}

/**
 * Calls the entry with `args` and returns what broke its promise (undefined when kept):
 * a SizewiseError with code and field, or a result that is finite everywhere and passes
 * the entry's own check; an async entry rejects rather than throws; nothing hangs.
 */
export async function brokenPromise(entry: FuzzEntry, args: unknown[]): Promise<string | undefined> {
  const maxMs = entry.maxMs ?? 2_000;
  const started = performance.now();
  const tooSlow = () => {
    const elapsed = performance.now() - started;
    return elapsed > maxMs ? `took ${elapsed.toFixed(0)} ms (limit ${maxMs})` : undefined;
  };
  let result: unknown;
  try {
    result = entry.call(...args);
  } catch (error) {
    if (entry.async === true) return `threw instead of rejecting: ${brokenErrorPromise(error) ?? (error as Error).message}`;
    return tooSlow() ?? brokenErrorPromise(error);
  }
  if (entry.async === true) {
    if (!(result instanceof Promise)) return 'an async entry did not return a promise';
    try {
      result = await result;
    } catch (error) {
      return tooSlow() ?? brokenErrorPromise(error);
    }
  }
  const slow = tooSlow();
  if (slow !== undefined) return slow;
  const bad = nonFinitePath(result, entry.allowNonFinite);
  if (bad !== undefined) return `returned a non-finite number: ${bad}`;
  try {
    entry.check?.(result, args);
  } catch (error) {
    return `broke its own promise: ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
}

/** Runs the controls and then the seeded mutations of one entry; throws a readable failure. */
export async function fuzzEntry(entry: FuzzEntry): Promise<void> {
  const control = await brokenPromise(entry, entry.valid());
  if (control !== undefined) throw new Error(`${entry.name}: the valid control failed: ${control}`);
  await fc.assert(
    fc.asyncProperty(mutations(entry.valid()), async (m) => {
      const args = entry.valid();
      applyMutation(args, m);
      const broken = await brokenPromise(entry, args);
      if (broken !== undefined) throw new Error(`${entry.name}(${describeMutation(m)}): ${broken}`);
    }),
    { seed: seedOf(entry.name), numRuns: runsFor(entry), endOnFailure: true },
  );
}

function describeMutation(m: ReturnType<typeof mutations> extends fc.Arbitrary<infer M> ? M : never): string {
  const at = m.path.join('.');
  if (m.kind === 'drop') return `without args.${at}`;
  const shown = (v: unknown) => {
    try {
      if (typeof v === 'bigint') return `${v}n`;
      if (typeof v === 'symbol') return 'Symbol()';
      if (Array.isArray(v)) return `[${v.length} items]`;
      if (ArrayBuffer.isView(v)) return `a ${(v as object).constructor.name}`;
      return typeof v === 'object' && v !== null ? 'an object' : String(v);
    } catch {
      return 'a value';
    }
  };
  return m.kind === 'replace' ? `args.${at} = ${shown(m.value)}` : `args.${at}.${m.key} = ${shown(m.value)}`;
}
