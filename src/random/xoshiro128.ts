// xoshiro128+ (Blackman & Vigna 2018), the TypeScript twin of assembly/xoshiro128.ts.
// Both produce the same words for the same (seed, stream): that is what makes a
// simulation's numbers independent of how paths are split across workers.
import { SizewiseError, describeValue } from '../errors.js';
import { integer, seed as checkSeed } from '../validate.js';

const GOLDEN = 0x9e3779b9;

/** Largest `n` of `nextIndex(n)`: the multiply-shift maps a 32-bit word onto [0, n). */
const MAX_INDEX_RANGE = 2 ** 32;

/** murmur3's 32-bit finaliser. */
function mix32(z: number): number {
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The four state words of stream `stream` for `seed` (both u32). */
export function seedStream(seed: number, stream: number): Uint32Array {
  const h = mix32((seed ^ mix32((stream ^ GOLDEN) >>> 0)) >>> 0);
  const state = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    const w = mix32((h + Math.imul(i + 1, GOLDEN)) >>> 0);
    state[i] = w === 0 ? 0x6a09e667 : w;
  }
  return state;
}

/**
 * A seeded stream of 32-bit words and uniform floats.
 *
 * @example
 * const rng = new Xoshiro128(42, 7);   // seed 42, stream 7
 * rng.nextIndex(6);                    // an integer in 0 … 5
 * const again = Xoshiro128.fromState(rng.state()); // continues exactly where rng stands
 */
export class Xoshiro128 {
  private readonly s: Uint32Array;

  /** `seed` and `stream` are integers in [0, 2³²). */
  constructor(seed: number, stream = 0) {
    this.s = seedStream(checkSeed(seed, 'seed'), integer(stream, 'stream', 0, 0xffff_ffff));
  }

  /**
   * A generator that continues from four saved state words (from `state()`): integers in
   * [0, 2³²), not all zero (xoshiro128+ would then stay at zero forever).
   */
  static fromState(words: unknown, field = 'words'): Xoshiro128 {
    const rng = new Xoshiro128(0);
    rng.s.set(checkStateWords(words, field));
    return rng;
  }

  /** A copy of the four state words: where the stream stands. */
  state(): Uint32Array {
    return this.s.slice();
  }

  /**
   * Skips `steps` words, as that many `nextU32()` calls would, in O(log steps): the state
   * update of xoshiro128+ is linear over GF(2), so it is a 128 × 128 bit matrix T and
   * skipping is T^steps, by repeated squaring (the reference `jump()`, 2⁶⁴ steps, is the
   * special case with a precomputed polynomial; Blackman & Vigna 2018, §4). `steps` is a
   * non-negative safe integer or a bigint.
   */
  advance(steps: number | bigint): this {
    let k: bigint;
    if (typeof steps === 'bigint') {
      if (steps < 0n) throw new SizewiseError('OUT_OF_RANGE', 'steps', `steps must be ≥ 0, received ${steps}`, steps);
      k = steps;
    } else {
      k = BigInt(integer(steps, 'steps', 0));
    }
    let power = transitionMatrix();
    let state: Uint32Array = this.s.slice();
    while (k > 0n) {
      if ((k & 1n) === 1n) state = applyMatrix(power, state);
      k >>= 1n;
      if (k > 0n) power = composeMatrices(power, power);
    }
    this.s.set(state);
    return this;
  }

  /** The next word, an integer in [0, 2³²). */
  nextU32(): number {
    const s = this.s;
    const result = (s[0] + s[3]) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 11) | (s[3] >>> 21);
    return result;
  }

  /** A uniform float in [0, 1) with 32 bits of resolution. */
  nextFloat(): number {
    return this.nextU32() * 2.3283064365386963e-10;
  }

  /**
   * A uniform integer in [0, n) for an integer n in [1, 2³²], by multiply-shift (bias
   * below 2⁻³² × n, negligible for n ≪ 2³²).
   */
  nextIndex(n: number): number {
    if (!(n >= 1 && n <= MAX_INDEX_RANGE && Number.isInteger(n))) integer(n, 'n', 1, MAX_INDEX_RANGE);
    return Math.floor(this.nextU32() * 2.3283064365386963e-10 * n);
  }
}

/** One step of the state update on a copy of `s` (the linear part of nextU32). */
function step(s: Uint32Array): Uint32Array {
  const out = s.slice();
  const t = out[1] << 9;
  out[2] ^= out[0];
  out[3] ^= out[1];
  out[1] ^= out[2];
  out[0] ^= out[3];
  out[2] ^= t;
  out[3] = (out[3] << 11) | (out[3] >>> 21);
  return out;
}

let transition: Uint32Array | undefined;

/** T as 128 columns of 4 words: column j is the step applied to the state with only bit j set. */
function transitionMatrix(): Uint32Array {
  if (transition === undefined) {
    transition = new Uint32Array(128 * 4);
    for (let j = 0; j < 128; j++) {
      const unit = new Uint32Array(4);
      unit[j >>> 5] = 1 << (j & 31);
      transition.set(step(unit), j * 4);
    }
  }
  return transition;
}

/** M·v over GF(2): the XOR of the columns of M at the set bits of v. */
function applyMatrix(m: Uint32Array, v: Uint32Array): Uint32Array {
  const out = new Uint32Array(4);
  for (let j = 0; j < 128; j++) {
    if ((v[j >>> 5] >>> (j & 31)) & 1) {
      out[0] ^= m[j * 4];
      out[1] ^= m[j * 4 + 1];
      out[2] ^= m[j * 4 + 2];
      out[3] ^= m[j * 4 + 3];
    }
  }
  return out;
}

/** A·B: column j is A applied to column j of B. */
function composeMatrices(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(128 * 4);
  for (let j = 0; j < 128; j++) out.set(applyMatrix(a, b.subarray(j * 4, j * 4 + 4)), j * 4);
  return out;
}

/** Checks four xoshiro128+ state words: integers in [0, 2³²), not all zero. */
export function checkStateWords(words: unknown, field: string): Uint32Array {
  if (!Array.isArray(words) && !(words instanceof Uint32Array)) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must hold the generator's 4 state words, received ${describeValue(words)}`, words);
  }
  if (words.length !== 4) {
    throw new SizewiseError('LENGTH_MISMATCH', field, `${field} must hold 4 state words, received ${words.length}`, words.length);
  }
  const out = new Uint32Array(4);
  // By index: a hole in a saved array is a missing word, not one to skip.
  for (let i = 0; i < 4; i++) out[i] = integer(words[i], `${field}[${i}]`, 0, 0xffff_ffff);
  if (out.every((w) => w === 0)) {
    throw new SizewiseError('INVALID_STATE', field, `${field} must not be all zero (xoshiro128+ would stay at 0)`, words);
  }
  return out;
}
