/** A batch of transitions as columns (s, a, r, s′, done), applied in order. */
export interface TransitionBatch {
  state: Int32Array;
  action: Int32Array;
  reward: Float64Array;
  nextState: Int32Array;
  /** 1 when the episode ends at this transition (no bootstrap from s′), else 0. */
  done: Uint8Array;
}
