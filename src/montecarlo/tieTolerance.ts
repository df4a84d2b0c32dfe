/**
 * How far a running sum of `trades` log steps of size at most `maxStep` may drift from
 * the exact value by rounding: 2⁻⁴⁰·n·s, far above the ≈ 2⁻⁵³·n·s rounding error and far
 * below any difference that matters. Comparisons against a level treat values within it
 * as equal to the level, so lattice ties (e.g. ln 1.25 = −ln 0.8: as many wins as losses
 * leaves wealth exactly unchanged) are decided the same way by the simulator, its twin,
 * the exact lattice and a brute-force check.
 */
export function tieTolerance(trades: number, maxStep: number): number {
  return 2 ** -40 * trades * maxStep;
}
