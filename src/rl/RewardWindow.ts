/** Rewards kept for the moving average. */
export const REWARD_WINDOW = 100;

/** The last REWARD_WINDOW rewards an agent received, oldest first, behind `metrics().rewardAverage`. */
export class RewardWindow {
  private readonly values: number[] = [];

  /** Adds one reward. */
  push(reward: number): void {
    this.values.push(reward);
    if (this.values.length > REWARD_WINDOW) this.values.shift();
  }

  /** Adds the first `n` rewards of a column in order (only the last REWARD_WINDOW can stay). */
  pushAll(rewards: ArrayLike<number>, n: number): void {
    for (let i = Math.max(0, n - REWARD_WINDOW); i < n; i++) this.values.push(rewards[i]);
    if (this.values.length > REWARD_WINDOW) this.values.splice(0, this.values.length - REWARD_WINDOW);
  }

  /** Their mean, or null before any reward. */
  mean(): number | null {
    if (this.values.length === 0) return null;
    let sum = 0;
    for (const r of this.values) sum += r;
    return sum / this.values.length;
  }

  /** A copy, oldest first. */
  toArray(): number[] {
    return [...this.values];
  }
}
