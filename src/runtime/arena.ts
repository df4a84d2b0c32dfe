import { SizewiseError } from '../errors.js';

const PAGE_BYTES = 65_536;
/** WASM32 linear memory cannot exceed 4 GiB. */
const MAX_PAGES = 65_536;

/**
 * The host's allocator over WASM linear memory: first-fit with coalescing, 16-byte
 * aligned (v128 loads), growing the memory when no free block fits. Kernels never
 * allocate; the facade allocates their inputs and outputs here and frees them.
 *
 * `memory.grow` detaches every typed-array view of the old buffer, so views must be
 * made from the current buffer (`f64`, `u8`, … below) after the last allocation;
 * `generation` changes on every grow for owners that keep views.
 */
export class WasmArena {
  private readonly memory: WebAssembly.Memory;
  private readonly sizes = new Map<number, number>();
  /** Free blocks as [start, end) pairs, sorted by start, never adjacent. */
  private free: Array<[number, number]> = [];
  private top: number;
  private grows = 0;

  constructor(memory: WebAssembly.Memory, base: number) {
    this.memory = memory;
    this.top = align(base, 16);
  }

  /** Changes whenever the memory grows and earlier views were detached. */
  get generation(): number {
    return this.grows;
  }

  /** Bytes currently handed out. */
  get allocatedBytes(): number {
    let total = 0;
    for (const size of this.sizes.values()) total += size;
    return total;
  }

  /** A block of at least `bytes` bytes, 16-byte aligned, not zeroed. */
  alloc(bytes: number): number {
    const size = align(Math.max(bytes, 16), 16);
    for (let i = 0; i < this.free.length; i++) {
      const [start, end] = this.free[i];
      if (end - start >= size) {
        if (end - start === size) this.free.splice(i, 1);
        else this.free[i] = [start + size, end];
        this.sizes.set(start, size);
        return start;
      }
    }
    const ptr = this.top;
    this.ensure(ptr + size);
    this.top = ptr + size;
    this.sizes.set(ptr, size);
    return ptr;
  }

  /** Returns a block to the arena. Freeing an unknown pointer is a programming error. */
  release(ptr: number): void {
    const size = this.sizes.get(ptr);
    if (size === undefined) {
      throw new SizewiseError('INVALID_STATE', 'ptr', `WASM block ${ptr} is not allocated (released twice?)`, ptr);
    }
    this.sizes.delete(ptr);
    let start = ptr;
    let end = ptr + size;
    let i = 0;
    while (i < this.free.length && this.free[i][0] < start) i++;
    if (i > 0 && this.free[i - 1][1] === start) {
      start = this.free[i - 1][0];
      this.free.splice(--i, 1);
    }
    if (i < this.free.length && this.free[i][0] === end) {
      end = this.free[i][1];
      this.free.splice(i, 1);
    }
    if (end === this.top) this.top = start;
    else this.free.splice(i, 0, [start, end]);
  }

  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, length);
  }
  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, length);
  }
  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, length);
  }
  u32(ptr: number, length: number): Uint32Array {
    return new Uint32Array(this.memory.buffer, ptr, length);
  }
  u8(ptr: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, ptr, length);
  }

  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const pages = Math.ceil((end - have) / PAGE_BYTES);
    if (have / PAGE_BYTES + pages > MAX_PAGES) {
      throw new SizewiseError('TOO_LARGE', 'memory', `the job needs ${end} bytes of WASM memory, above the 4 GiB limit`, end);
    }
    try {
      this.memory.grow(pages);
    } catch (error) {
      // The engine's own ceiling (or the host's memory) can be lower than 4 GiB.
      throw new SizewiseError('TOO_LARGE', 'memory', `the job needs ${end} bytes of WASM memory, more than this host grants (${error instanceof Error ? error.message : String(error)})`, end);
    }
    this.grows++;
  }
}

function align(x: number, to: number): number {
  return Math.ceil(x / to) * to;
}
