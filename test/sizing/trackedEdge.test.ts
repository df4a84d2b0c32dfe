// size({ strategyId, tracker }): the strategy's edge as the tracker holds it, through the public API only.
import { describe, expect, it } from 'vitest';
import { createSizer, StrategyTracker } from '../../src/index.js';

const account = { balance: '100000', price: '250', stopDistance: '10', lotStep: '1' };

/** Closes `returns` for one strategy through the tracker, one day apart. */
async function closeAll(tracker: StrategyTracker, strategyId: string, returns: readonly number[]): Promise<void> {
  await tracker.positionsClosed(returns.map((returnFraction, i) => ({ strategyId, returnFraction, closedAt: new Date(Date.UTC(2024, 0, 1 + i)) })));
}

const repeat = (x: number, n: number) => Array<number>(n).fill(x);
/** 10 wins of +5 %, 6 losses of −4 %, 4 wins of +5 %. */
const SLUMP = [...repeat(0.05, 10), ...repeat(-0.04, 6), ...repeat(0.05, 4)];
/** Eight (−3 %, +3 %) pairs, then four wins: the last five trades are wins. */
const STREAK = [...Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? -0.03 : 0.03)), ...repeat(0.03, 4)];

describe('size() from a strategy tracker', () => {
  it('sizes from the performance-adjusted Kelly and says why it was adjusted (drawdown)', async () => {
    const tracker = new StrategyTracker();
    await closeAll(tracker, 'slump', SLUMP);
    const d = createSizer().size({ ...account, strategyId: 'slump', tracker });
    // Raw Kelly risk p − q/b = 0.7 − 0.3 / (0.05 / 0.04) = 0.46 (Thorp 2006, §2; 14 wins of 20).
    // The adjustment (docs/store.md): the 20 returns compounded from 1 peak at 1.05¹⁰ and fall six
    // times by 4 %, a drawdown D = 1 − 0.96⁶ = 21.72 % > 20 %, so Kelly × (1 − D) = × 0.96⁶.
    const factor = 0.96 ** 6;
    expect(d.factors[0].value).toBeCloseTo(0.25 * 0.46 * factor, 14);
    expect(d.factors[0].reason).toBe(
      `0.25 × Kelly risk ${(46 * factor).toFixed(2)} % from 20 trades of strategy "slump" in the tracker ` +
        `(full Kelly 46.00 % adjusted ×${Math.round(factor * 1e4) / 1e4} by the tracker for a ${((1 - factor) * 100).toFixed(2)} % drawdown over its last 20 trades)`,
    );
    expect(d.usedFallback).toBe(false);
    expect(d.warnings).toEqual([]);
    expect(d.riskFraction).toBe(0.05); // 9.0 % capped at the basic tier's 5 %
    // The same as handing the sizer the tracker's sizing edge.
    expect(createSizer().size({ ...account, edge: tracker.sizingEdge('slump')! })).toMatchObject({ riskFraction: d.riskFraction, quantity: d.quantity });
  });

  it('says when a winning streak raised it', async () => {
    const tracker = new StrategyTracker();
    await closeAll(tracker, 'streak', STREAK);
    const d = createSizer().size({ ...account, strategyId: 'streak', tracker });
    // 12 wins of +3 % and 8 losses of −3 % in 20: Kelly risk 0.6 − 0.4 / 1 = 0.2; the last 5 are
    // wins (≥ 4 of 5) and the drawdown stays below 20 %, so × 1.1 (under the 0.5 cap): 0.22.
    expect(d.factors[0].value).toBeCloseTo(0.25 * 0.2 * 1.1, 14);
    expect(d.factors[0].reason).toContain('(full Kelly 20.00 % adjusted ×1.1 by the tracker for a winning streak in its last trades)');
  });

  it('says when the tracker left the Kelly alone', async () => {
    const tracker = new StrategyTracker({ performance: { streakWins: 5 } });
    await closeAll(tracker, 'calm', [...STREAK.slice(0, 19), -0.03]);
    const d = createSizer().size({ ...account, strategyId: 'calm', tracker });
    // 11 wins, 9 losses of 3 %: Kelly risk 0.55 − 0.45 = 0.1; no drawdown above 20 %, no 5 wins of 5.
    expect(d.factors[0].value).toBeCloseTo(0.25 * 0.1, 14);
    expect(d.factors[0].reason).toMatch(/^0\.25 × Kelly risk 10\.00 % from 20 trades of strategy "calm" in the tracker \(full Kelly, not adjusted by the tracker: its last 20 trades fell at most [\d.]+ % and had no winning streak\)$/);
  });

  it('falls back to the fixed risk, with a warning, for an unknown strategy or one without a loss', async () => {
    const tracker = new StrategyTracker();
    await closeAll(tracker, 'lucky', [0.02, 0.03, 0.01]);
    const sizer = createSizer();
    const unknown = sizer.size({ ...account, strategyId: 'nobody', tracker });
    expect(unknown.factors[0]).toEqual({ name: 'base', value: 0.01, reason: 'strategy "nobody" is unknown to the tracker (no closed trade): fixed 1.00 % risk instead of Kelly' });
    expect(unknown.usedFallback).toBe(true);
    expect(unknown.warnings).toEqual(['edge unreliable: strategy "nobody" is unknown to the tracker (no closed trade); using the fixed fallback risk 1.00 %']);
    const lucky = sizer.size({ ...account, strategyId: 'lucky', tracker });
    expect(lucky.factors[0].value).toBe(0.01);
    expect(lucky.factors[0].reason).toBe('strategy "lucky" has 3 closed trades in the tracker but no losing one yet, so no finite Kelly: fixed 1.00 % risk instead of Kelly');
    expect(lucky.usedFallback).toBe(true);
    // Risk-based money from the stop: 100000 × 1 % ÷ 10 = 100 units.
    expect(lucky.quantity.toString()).toBe('100');
    // Without a stop there is no average loss to turn the risk into an exposure.
    const { stopDistance: _stop, ...noStop } = account;
    expect(() => sizer.size({ ...noStop, strategyId: 'lucky', tracker })).toThrow(expect.objectContaining({ code: 'NO_LOSSES', field: 'request.stopDistance' }));
  });

  it('names the tracker\'s own fallback when it differs from the sizer\'s', async () => {
    const tracker = new StrategyTracker({ fallbackRiskFraction: 0.02 });
    await closeAll(tracker, 'lucky', [0.02]);
    const d = createSizer().size({ ...account, strategyId: 'lucky', tracker });
    expect(d.factors[0].value).toBe(0.01);
    expect(d.warnings[0]).toContain('(the tracker\'s own fallback is 2.00 %; config.fallbackRiskFraction applies)');
  });

  it('trusts Kelly only when both the tracker\'s minTrades and config.minTradesForCalculation are met', async () => {
    const fifteen = SLUMP.slice(0, 9).concat(repeat(-0.04, 3), repeat(0.05, 3)); // 12 wins, 3 losses
    // The tracker would trust 15 trades (minTrades 10); the sizer needs 20: the sizer's fallback.
    const lenient = new StrategyTracker({ minTrades: 10 });
    await closeAll(lenient, 's', fifteen);
    expect(lenient.edge('s')!.reliable).toBe(true);
    const d = createSizer().size({ ...account, strategyId: 's', tracker: lenient });
    expect(d.factors[0]).toMatchObject({ value: 0.01, reason: 'only 15 closed trades of strategy "s" in the tracker (Kelly needs 20): fixed 1.00 % risk instead of Kelly' });
    // The sizer would trust 25 trades (20); the tracker wants 30: the tracker's word stands, and the reason says so.
    const strict = new StrategyTracker({ minTrades: 30 });
    await closeAll(strict, 's', [...SLUMP, ...repeat(0.05, 5)]);
    const e = createSizer().size({ ...account, strategyId: 's', tracker: strict });
    expect(e.usedFallback).toBe(true);
    expect(e.factors[0].reason).toBe(
      'the tracker marks strategy "s" unreliable at 25 trades (fewer than its minTrades; config.minTradesForCalculation is 20: build the tracker with the same minTrades): fixed 1.00 % risk instead of Kelly',
    );
    // Built with the same number, they agree: Kelly from 15 trades.
    const sizer = createSizer({ minTradesForCalculation: 10 });
    const same = new StrategyTracker({ minTrades: sizer.config.minTradesForCalculation });
    await closeAll(same, 's', fifteen);
    const f = sizer.size({ ...account, strategyId: 's', tracker: same });
    // Kelly risk 0.8 − 0.2 / 1.25 = 0.64, not adjusted: the curve falls 1 − 0.96³ = 11.5 % < 20 % and
    // the last five trades hold 3 wins (< 4).
    expect(f.usedFallback).toBe(false);
    expect(f.factors[0].value).toBeCloseTo(0.25 * 0.64, 14);
  });
});
