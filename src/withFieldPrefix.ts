import { SizewiseError } from './errors.js';

/**
 * A callee's error re-addressed to the caller's names: the field path prefix `from` (a whole
 * segment: `bars`, `trades[2]`, `options`) becomes `to` in the error's field and wherever the
 * message names a field under it (`bars.close[50]` → `series[1].bars.close[50]`). Other errors,
 * and errors about other fields, are returned as they are.
 */
export function withFieldPrefix(error: unknown, from: string, to: string): unknown {
  if (!(error instanceof SizewiseError) || !underPrefix(error.field, from)) return error;
  // `from` as a path, not as a word: followed by `.name` or `[`, and not itself inside a longer path.
  const named = new RegExp(`(?<![\\w\\].])${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=\\.\\w|\\[)`, 'g');
  return new SizewiseError(error.code, to + error.field.slice(from.length), error.message.replace(named, to), error.value);
}

function underPrefix(field: string, from: string): boolean {
  return field === from || field.startsWith(`${from}.`) || field.startsWith(`${from}[`);
}
