import { SizewiseError, describeValue } from '../errors.js';
import type { ColumnKind } from './columnSet.js';
import type { WasmCore } from './wasm.js';

/**
 * Checks that a caller's column is an array or a numeric typed array of the batch's
 * length, and still attached; returns its length. BigInt arrays and DataViews are refused
 * (their elements are not numbers).
 */
export function checkColumn(value: unknown, field: string, length: number | undefined): number {
  const typed = ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array);
  if (!Array.isArray(value) && !typed) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array or a numeric typed array, received ${describeValue(value)}`, value);
  }
  const n = (value as ArrayLike<unknown>).length;
  if (length !== undefined && n !== length) {
    throw new SizewiseError('LENGTH_MISMATCH', field, `${field} must have ${length} rows like the first column, received ${n}`, n);
  }
  if (typed && isDetached(value as ArrayBufferView)) {
    throw new SizewiseError('INVALID_STATE', field, `${field} is a detached view (WASM memory grew); read the column through its columns object again`);
  }
  return n;
}

/**
 * Checks that a caller's column is a typed array of exactly `kind` — no conversion, since
 * setting an Int32Array from a Float64Array would silently truncate 1.5 to 1 — still
 * attached, and `length` rows long when given; returns its length.
 */
export function checkTypedColumn(value: unknown, field: string, kind: ColumnKind, length: number | undefined): number {
  if (!sameKind(kind, value)) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be a ${TYPED_NAMES[kind]}, received ${describeValue(value)}`, value);
  }
  const column = value as ArrayBufferView & ArrayLike<number>;
  if (isDetached(column)) {
    throw new SizewiseError('INVALID_STATE', field, `${field} is a detached view (WASM memory grew); read the column through its columns object again`);
  }
  if (length !== undefined && column.length !== length) {
    throw new SizewiseError('LENGTH_MISMATCH', field, `${field} must have ${length} rows like the first column, received ${column.length}`, column.length);
  }
  return column.length;
}

/**
 * Whether a view's buffer was detached (e.g. by `memory.grow`). A detached view reads as
 * length 0, so it would pass for an empty column; Node 20 has no `ArrayBuffer#detached`,
 * but constructing a view on a detached buffer throws.
 */
function isDetached(view: ArrayBufferView): boolean {
  const buffer = view.buffer as ArrayBuffer & { detached?: boolean };
  if (buffer.byteLength !== 0) return false;
  if (typeof buffer.detached === 'boolean') return buffer.detached;
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

const TYPED_NAMES: Readonly<Record<ColumnKind, string>> = Object.freeze({ f64: 'Float64Array', f32: 'Float32Array', i32: 'Int32Array', u32: 'Uint32Array', u8: 'Uint8Array' });

/**
 * The column to copy from once the destination is allocated: a caller's view into this
 * instance's memory is copied out first, since that allocation may grow the memory and
 * detach it; anything else is used as it is.
 */
export function columnSource<T extends ArrayLike<unknown>>(core: WasmCore, value: T): T {
  if (ArrayBuffer.isView(value) && value.buffer === core.exports.memory.buffer) {
    return (value as unknown as { slice(): T }).slice();
  }
  return value;
}

/**
 * Copies a checked caller column into WASM memory at `ptr`. A typed array of the column's
 * kind is copied as it is; an f64 column takes any numeric array, and an element of a plain
 * array that is not a number (a string, null, a hole) becomes NaN, which the kernel reports
 * in that row's status rather than coercing. Integer columns from anything else go through
 * `toInteger` (e.g. category codes, where a bad value becomes an invalid code).
 */
export function copyColumnIn(core: WasmCore, ptr: number, kind: ColumnKind, value: ArrayLike<unknown>, toInteger?: (x: unknown) => number): void {
  const n = value.length;
  const memory = core.exports.memory.buffer;
  if (kind === 'f64') {
    const dest = new Float64Array(memory, ptr, n);
    if (ArrayBuffer.isView(value)) dest.set(value as unknown as ArrayLike<number>);
    else for (let i = 0; i < n; i++) dest[i] = asNumber(value[i]);
    return;
  }
  const dest = kind === 'f32' ? new Float32Array(memory, ptr, n) : kind === 'i32' ? new Int32Array(memory, ptr, n) : kind === 'u32' ? new Uint32Array(memory, ptr, n) : new Uint8Array(memory, ptr, n);
  if (sameKind(kind, value)) {
    dest.set(value as unknown as ArrayLike<number>);
    return;
  }
  if (toInteger === undefined) {
    throw new SizewiseError('INVALID_TYPE', 'columns', `a ${kind} column needs a typed array of that kind`);
  }
  for (let i = 0; i < n; i++) dest[i] = toInteger(value[i]);
}

function asNumber(x: unknown): number {
  return typeof x === 'number' ? x : Number.NaN;
}

function sameKind(kind: ColumnKind, value: unknown): boolean {
  switch (kind) {
    case 'f64':
      return value instanceof Float64Array;
    case 'f32':
      return value instanceof Float32Array;
    case 'i32':
      return value instanceof Int32Array;
    case 'u32':
      return value instanceof Uint32Array;
    case 'u8':
      return value instanceof Uint8Array;
  }
}
