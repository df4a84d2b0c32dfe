import type { BinaryEdge } from '../kelly/types.js';

/** 2³²: a u32 draw u wins when u < floor(p · 2³²). */
const TWO_POW_32 = 4_294_967_296;

/**
 * The two log-wealth steps of a binary bet at exposure f: ln(1 + f·winReturn) and
 * ln(1 − f·lossReturn), computed once on the host and handed to the WASM kernel, its
 * TypeScript twin and the exact lattice alike, so all three add the same doubles.
 */
export function binarySteps(edge: BinaryEdge, exposure: number): { lnWin: number; lnLoss: number } {
  const lnWin = Math.log1p(exposure * edge.winReturn);
  // p = 1 never loses; the kernel's threshold tops out at 2³² − 1, so make the
  // one-in-2³² "loss" a win as well and the model stays exact.
  const lnLoss = edge.winProbability >= 1 ? lnWin : Math.log1p(-exposure * edge.lossReturn);
  return { lnWin, lnLoss };
}

/** The u32 threshold below which a draw is a win: floor(p · 2³²), at most 2³² − 1. */
export function winThreshold(winProbability: number): number {
  return Math.min(Math.floor(winProbability * TWO_POW_32), TWO_POW_32 - 1);
}
