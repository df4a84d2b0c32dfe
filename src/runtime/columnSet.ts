import { SizewiseError } from '../errors.js';
import type { WasmCore } from './wasm.js';

/** Element types of WASM columns. */
export type ColumnKind = 'f64' | 'f32' | 'i32' | 'u32' | 'u8';

/** The typed array that views a column of each kind. */
export type ColumnView<K extends ColumnKind> = {
  f64: Float64Array;
  f32: Float32Array;
  i32: Int32Array;
  u32: Uint32Array;
  u8: Uint8Array;
}[K];

/** A column: its kind, and its own length when it is not one value per row (a table, a work area). */
export type ColumnSpec = ColumnKind | { readonly kind: ColumnKind; readonly length: number };

/** The kind of a column spec. */
export type KindOf<S extends ColumnSpec> = S extends ColumnKind ? S : S extends { kind: infer K extends ColumnKind } ? K : never;

const COLUMN_BYTES: Readonly<Record<ColumnKind, number>> = Object.freeze({ f64: 8, f32: 4, i32: 4, u32: 4, u8: 1 });

/** Every column starts on a 16-byte boundary, so kernels may read it with v128 loads. */
const ALIGN = 16;

/** Marks a column object made by sizewise, whose columns already live in WASM memory. */
export const COLUMN_SET: unique symbol = Symbol('sizewise.columnSet');

/**
 * Named columns in WASM linear memory, laid out in ONE block of the arena: the request is
 * sized in full first, so a set that does not fit is refused before the memory grows
 * (a refused request never leaves the module larger), and a set is freed in one call.
 *
 * Row columns hold `rows` values, padded up to a multiple of `padTo` (kernels that take
 * eight rows a step have no tail loop; padding rows are computed and ignored); a column
 * spec with its own `length` (a lookup table, a work area, an output block) holds that many.
 * Views are rebuilt when the memory has grown since they were made (`memory.grow` detaches
 * every view of the old buffer), so read columns through `view()` rather than keeping a
 * view across other allocations. Contents start undefined.
 */
export class WasmColumnSet<S extends Record<string, ColumnSpec>> {
  /** Rows (row columns hold this many meaningful values). */
  readonly length: number;
  /** Bytes the block takes in WASM memory. */
  readonly bytes: number;
  private readonly core: WasmCore;
  private readonly base: number;
  /** Per column: kind, byte offset in the block, and the length its view shows. */
  private readonly columns = new Map<keyof S, { kind: ColumnKind; offset: number; length: number }>();
  private readonly views = new Map<keyof S, ColumnView<ColumnKind>>();
  private generation: number;
  private released = false;

  constructor(core: WasmCore, rows: number, specs: S, options: { padTo?: number } = {}) {
    this.core = core;
    this.length = rows;
    const padded = Math.ceil(rows / (options.padTo ?? 1)) * (options.padTo ?? 1);
    let offset = 0;
    for (const [name, spec] of Object.entries(specs)) {
      const kind = typeof spec === 'string' ? spec : spec.kind;
      const stored = typeof spec === 'string' ? padded : spec.length;
      // A row column's view shows the rows; its padding is the kernels' alone.
      this.columns.set(name, { kind, offset, length: typeof spec === 'string' ? rows : spec.length });
      offset += Math.ceil((stored * COLUMN_BYTES[kind]) / ALIGN) * ALIGN;
    }
    this.bytes = offset;
    this.base = core.arena.alloc(offset); // one block: refused (TOO_LARGE) before anything grows
    this.generation = core.arena.generation;
  }

  /** Byte address of a column. */
  ptr(name: keyof S): number {
    return this.base + this.column(name).offset;
  }

  /** A current view of a column (rows long for row columns, its own length otherwise). */
  view<K extends keyof S & string>(name: K): ColumnView<KindOf<S[K]>> {
    const column = this.column(name);
    if (this.generation !== this.core.arena.generation) {
      this.views.clear();
      this.generation = this.core.arena.generation;
    }
    let view = this.views.get(name);
    if (view === undefined) {
      view = viewOf(this.core.exports.memory.buffer, column.kind, this.base + column.offset, column.length);
      this.views.set(name, view);
    }
    return view as ColumnView<KindOf<S[K]>>;
  }

  /** Whether the set has a column of this name. */
  has(name: string): name is keyof S & string {
    return this.columns.has(name);
  }

  /** Whether the set lives in this instance's memory. */
  belongsTo(core: WasmCore): boolean {
    return this.core === core;
  }

  /** Frees the block; later use throws INVALID_STATE. Releasing twice is harmless. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.core.arena.release(this.base);
    this.views.clear();
  }

  private column(name: keyof S): { kind: ColumnKind; offset: number; length: number } {
    if (this.released) throw new SizewiseError('INVALID_STATE', 'columns', 'these columns were released; allocate new ones');
    const column = this.columns.get(name);
    // A kernel given a missing column would read and write at address 0: never hand one out.
    if (column === undefined) throw new SizewiseError('INVALID_STATE', `columns.${String(name)}`, `these columns have no ${String(name)} column`);
    return column;
  }
}

function viewOf(buffer: ArrayBuffer, kind: ColumnKind, at: number, length: number): ColumnView<ColumnKind> {
  switch (kind) {
    case 'f64':
      return new Float64Array(buffer, at, length);
    case 'f32':
      return new Float32Array(buffer, at, length);
    case 'i32':
      return new Int32Array(buffer, at, length);
    case 'u32':
      return new Uint32Array(buffer, at, length);
    case 'u8':
      return new Uint8Array(buffer, at, length);
  }
}
