import { SizewiseError, describeValue } from '../errors.js';
import type { WasmCore } from '../runtime/wasm.js';
import { INVALID_CODE } from './regimeCodes.js';

export type ColumnKind = 'f64' | 'u8';

/** Marks a column object made by sizewise, whose columns already live in WASM memory. */
export const COLUMN_SET: unique symbol = Symbol('sizewise.columnSet');

/** Rows the kernels process for `n` rows: a multiple of 8 (eight rows per step, statuses stored eight at a time). */
export function padRows(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/**
 * Named columns in WASM linear memory, each padded to a multiple of 8 rows (the
 * kernels take eight rows per step; padding rows are computed and ignored). Views are rebuilt when the memory has grown since
 * they were made (`memory.grow` detaches every view of the old buffer), so read the
 * columns through this object rather than keeping a view across other allocations.
 */
export class WasmColumnSet<K extends string> {
  readonly length: number;
  private readonly core: WasmCore;
  private readonly kinds: Record<K, ColumnKind>;
  private readonly pointers = new Map<K, number>();
  private readonly views = new Map<K, Float64Array | Uint8Array>();
  private generation: number;
  private released = false;

  constructor(core: WasmCore, length: number, kinds: Record<K, ColumnKind>) {
    this.core = core;
    this.length = length;
    this.kinds = kinds;
    const padded = padRows(length);
    try {
      for (const name of Object.keys(kinds) as K[]) {
        this.pointers.set(name, core.arena.alloc(padded * (kinds[name] === 'f64' ? 8 : 1)));
      }
    } catch (error) {
      for (const ptr of this.pointers.values()) core.arena.release(ptr);
      throw error;
    }
    this.generation = core.arena.generation;
  }

  /** Byte address of a column. */
  ptr(name: K): number {
    this.check();
    const ptr = this.pointers.get(name);
    // Address 0 would be read and written by a kernel: never hand out a missing column.
    if (ptr === undefined) throw new SizewiseError('INVALID_STATE', `columns.${name}`, `these columns have no ${name} column`);
    return ptr;
  }

  /** A current view of a column. */
  view(name: K): Float64Array | Uint8Array {
    this.check();
    if (this.generation !== this.core.arena.generation) {
      this.views.clear();
      this.generation = this.core.arena.generation;
    }
    let view = this.views.get(name);
    if (view === undefined) {
      const ptr = this.ptr(name);
      view = this.kinds[name] === 'f64' ? this.core.arena.f64(ptr, this.length) : this.core.arena.u8(ptr, this.length);
      this.views.set(name, view);
    }
    return view;
  }

  has(name: string): name is K {
    return this.pointers.has(name as K);
  }

  belongsTo(core: WasmCore): boolean {
    return this.core === core;
  }

  /** Frees the columns; later use throws INVALID_STATE. */
  release(): void {
    if (this.released) return;
    this.released = true;
    for (const ptr of this.pointers.values()) this.core.arena.release(ptr);
    this.views.clear();
  }

  private check(): void {
    if (this.released) {
      throw new SizewiseError('INVALID_STATE', 'columns', 'these columns were released; allocate new ones');
    }
  }
}

/** Defines a getter per column on `target`, plus `length`, `release()` and the COLUMN_SET mark. */
export function exposeColumns<K extends string, T extends object>(target: T, set: WasmColumnSet<K>, names: readonly K[]): T {
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
export function columnSetOf(columns: object, core: WasmCore, required: readonly string[]): WasmColumnSet<string> | undefined {
  const set = (columns as { [COLUMN_SET]?: WasmColumnSet<string> })[COLUMN_SET];
  if (set === undefined || !set.belongsTo(core)) return undefined;
  const missing = required.filter((name) => !set.has(name));
  if (missing.length > 0) {
    throw new SizewiseError(
      'INVALID_TYPE',
      'columns',
      `these columns were allocated for another batch: they have no ${missing.join(', ')} (use the matching allocate function)`,
    );
  }
  return set;
}

/** Checks a caller's column is array-like and of the batch's length; returns its length. */
export function checkColumn(value: unknown, field: string, length: number | undefined): number {
  const ok = Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
  if (!ok) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array or typed array, received ${describeValue(value)}`, value);
  }
  const n = (value as ArrayLike<unknown>).length;
  if (length !== undefined && n !== length) {
    throw new SizewiseError('LENGTH_MISMATCH', field, `${field} must have ${length} rows like the first column, received ${n}`, n);
  }
  if (ArrayBuffer.isView(value) && value.buffer.byteLength === 0 && n > 0) {
    throw new SizewiseError('INVALID_STATE', field, `${field} is a detached view (WASM memory grew); read the column through its columns object again`);
  }
  return n;
}

/**
 * Copies a caller's column into WASM memory at `ptr`. Numbers are copied as they are (the
 * kernel checks them row by row); u8 code columns take integers 0–254 and anything else
 * becomes INVALID_CODE, so a bad code fails its row instead of wrapping around.
 */
export function copyColumnIn(core: WasmCore, ptr: number, kind: ColumnKind, value: ArrayLike<number>): void {
  const n = value.length;
  if (kind === 'f64') {
    core.arena.f64(ptr, n).set(value);
    return;
  }
  const dest = core.arena.u8(ptr, n);
  if (value instanceof Uint8Array) {
    dest.set(value);
    return;
  }
  for (let i = 0; i < n; i++) dest[i] = toCode(value[i]);
}

/** A category code as the kernels read it: integers 0–254 as they are, anything else INVALID_CODE. */
export function toCode(x: number): number {
  return Number.isInteger(x) && x >= 0 && x < INVALID_CODE ? x : INVALID_CODE;
}
