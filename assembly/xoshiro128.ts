// xoshiro128+ (Blackman & Vigna), one independent stream per (seed, stream index).
// The TypeScript twin is src/random/xoshiro128.ts; both must produce identical words.

/** murmur3's 32-bit finaliser: a bijective avalanche mix. */
// @ts-ignore: decorator
@inline
export function mix32(z: u32): u32 {
  z = (z ^ (z >>> 16)) * 0x85ebca6b;
  z = (z ^ (z >>> 13)) * 0xc2b2ae35;
  return z ^ (z >>> 16);
}

/**
 * Writes the four state words of stream `stream` for `seed` at `statePtr`.
 * A stream depends only on (seed, stream), so any split of paths across
 * workers or chunks draws the same numbers for the same path.
 */
export function seedStream(seed: u32, stream: u32, statePtr: usize): void {
  const h = mix32(seed ^ mix32(stream ^ 0x9e3779b9));
  for (let i: u32 = 0; i < 4; i++) {
    let w = mix32(h + (i + 1) * 0x9e3779b9);
    if (w == 0) w = 0x6a09e667; // a zero word is harmless alone, but never allow an all-zero state
    store<u32>(statePtr + ((<usize>i) << 2), w);
  }
}

/** Advances the state at `statePtr` and returns the next 32-bit word. */
// @ts-ignore: decorator
@inline
export function nextU32(statePtr: usize): u32 {
  let s0 = load<u32>(statePtr);
  let s1 = load<u32>(statePtr, 4);
  let s2 = load<u32>(statePtr, 8);
  let s3 = load<u32>(statePtr, 12);
  const result = s0 + s3;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  store<u32>(statePtr, s0);
  store<u32>(statePtr, s1, 4);
  store<u32>(statePtr, s2, 8);
  store<u32>(statePtr, s3, 12);
  return result;
}

/** Fills `n` words of stream (seed, stream) into `outPtr`: how the twin test reads this file's words (the kernels draw in place). */
export function fillRandomU32(seed: u32, stream: u32, outPtr: usize, n: i32, scratchPtr: usize): void {
  seedStream(seed, stream, scratchPtr);
  for (let i = 0; i < n; i++) {
    store<u32>(outPtr + ((<usize>i) << 2), nextU32(scratchPtr));
  }
}
