import { SizewiseError } from '../errors.js';
import { COLUMN_SET, type ColumnSpec, type WasmColumnSet } from './columnSet.js';
import type { WasmCore } from './wasm.js';

/**
 * Turns a column set into the object users fill: a getter per column (a view rebuilt after
 * WASM memory grows), plus `length`, `release()` and the COLUMN_SET mark by which the
 * kernels' facades recognise it and read it in place.
 */
export function exposeColumns<S extends Record<string, ColumnSpec>, T extends object>(target: T, set: WasmColumnSet<S>, names: readonly (keyof S & string)[]): T {
  for (const name of names) {
    Object.defineProperty(target, name, { enumerable: true, get: () => set.view(name) });
  }
  // Not enumerable: the columns object's keys are its columns (validators check them).
  Object.defineProperty(target, 'length', { value: set.length });
  Object.defineProperty(target, 'release', { value: () => set.release() });
  Object.defineProperty(target, COLUMN_SET, { value: set });
  return target;
}

/**
 * The column set behind a column object, when it is one of ours on this core. A set of
 * ours without every `required` column (e.g. scale columns given to the layer batch) is
 * an error, not a set to copy from.
 */
export function columnSetOf(columns: object, core: WasmCore, required: readonly string[], field = 'columns'): WasmColumnSet<Record<string, ColumnSpec>> | undefined {
  const set = (columns as { [COLUMN_SET]?: WasmColumnSet<Record<string, ColumnSpec>> })[COLUMN_SET];
  if (set === undefined || !set.belongsTo(core)) return undefined;
  const missing = required.filter((name) => !set.has(name));
  if (missing.length > 0) {
    throw new SizewiseError(
      'INVALID_TYPE',
      field,
      `these columns were allocated for another batch: they have no ${missing.join(', ')} (use the matching allocate function)`,
    );
  }
  return set;
}
