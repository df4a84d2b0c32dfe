/**
 * A fitted map from a model's raw score to a calibrated win probability. `toJSON` gives
 * plain data that `calibratorFromJSON` turns back into the same calibrator.
 */
export interface Calibrator {
  readonly kind: 'platt' | 'isotonic';
  /** The calibrated probability of one score, in [0, 1]. */
  predict(score: number): number;
  /** The calibrated probabilities of many scores. */
  predictMany(scores: ArrayLike<number>): Float64Array;
  toJSON(): CalibratorJSON;
}

/** The saved form of a calibrator. */
export type CalibratorJSON = { kind: 'platt'; a: number; b: number } | { kind: 'isotonic'; x: number[]; y: number[] };
