// xoshiro128+ (Blackman & Vigna 2018), the TypeScript twin of assembly/random.ts.
// Both produce the same words for the same (seed, stream): that is what makes a
// simulation's numbers independent of how paths are split across workers.

const GOLDEN = 0x9e3779b9;

/** murmur3's 32-bit finaliser. */
export function mix32(z: number): number {
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

/** A seeded stream of 32-bit words and uniform floats. */
export class Xoshiro128 {
  private readonly s: Uint32Array;

  constructor(seed: number, stream = 0) {
    this.s = seedStream(seed >>> 0, stream >>> 0);
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

  /** A uniform integer in [0, n), by multiply-shift (bias below 2⁻³² × n, negligible for n ≪ 2³²). */
  nextIndex(n: number): number {
    return Math.floor(this.nextU32() * 2.3283064365386963e-10 * n);
  }
}
