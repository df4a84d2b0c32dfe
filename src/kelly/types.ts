/**
 * A binary bet: with probability `winProbability` a unit position gains `winReturn`
 * (0.032 = +3.2 %), otherwise it loses `lossReturn` (0.018 = −1.8 %, given positive).
 */
export interface BinaryEdge {
  winProbability: number;
  winReturn: number;
  lossReturn: number;
}

/** What a Kelly result was computed from, so fractions of it can report their own growth. */
export type KellyModel =
  | ({ kind: 'binary' } & BinaryEdge)
  | { kind: 'sample'; returns: Float64Array }
  | { kind: 'gaussian'; mean: number; variance: number };

/**
 * A Kelly sizing in both units traders use:
 * - `exposure`: notional ÷ equity (p/lossReturn − q/winReturn for a binary bet; can exceed 1);
 * - `riskFraction`: equity lost if the bet loses, exposure × lossReturn ("Kelly %").
 */
export interface KellyResult {
  exposure: number;
  riskFraction: number;
  /** Expected log growth per bet at this exposure. */
  growthRate: number;
  /** Expected return per unit of exposure: p·winReturn − q·lossReturn (may be ≤ 0). */
  edge: number;
  /** Multiple of full Kelly this result holds (1 = full Kelly, 0.25 = quarter Kelly). */
  kellyMultiple: number;
  /** The average loss per unit of exposure that links the two units: riskFraction = exposure × lossReturn. */
  lossReturn: number;
  model: KellyModel;
}
