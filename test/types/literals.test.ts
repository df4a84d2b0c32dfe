// Types that help: enum-like inputs are literal unions where the set is fixed, so a typo
// fails to compile. `npm run typecheck` compiles this file, and every line under a
// `// @ts-expect-error` must be a type error there, or the typecheck fails (TS2578: unused
// directive). The same calls also run here and are refused at run time, so the test checks
// that the compile-time set and the run-time set agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMPACT_STATE_SPEC,
  DEFAULT_STATE_SPEC,
  MARKET_REGIMES,
  QLearningSizer,
  REGIMES,
  SIZER_DEFAULTS,
  SIMULATE_DEFAULTS,
  createSizer,
  exactBinary,
  ready,
  recommendExposure,
  rlMultiplier,
  simulate,
  type CompactMarketState,
  type ConvictionLevel,
  type DefaultTierName,
  type MarketRegime,
  type MarketState,
  type Regime,
} from '../../src/index.js';

/** true when A and B are the same type (the usual conditional-type identity test). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

const unknownValue = (field: string) => expect.objectContaining({ name: 'SizewiseError', code: 'UNKNOWN_VALUE', field });

describe('the sizer of the defaults takes only the defaults\' names', () => {
  const sizer = createSizer();
  const base = { balance: '100000', price: '100', stopDistance: '2', edge: { winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 } };

  it('takes a regime, a conviction and a tier it knows', () => {
    const d = sizer.size({ ...base, regime: 'TRENDING', conviction: 'HIGH', tier: 'advanced' });
    // SIZER_DEFAULTS: TRENDING × 1.4, HIGH × 1.5 (advanced allows overrides).
    expect(d.factors.find((f) => f.name === 'regime')?.value).toBe(1.4);
    expect(d.factors.find((f) => f.name === 'conviction')?.value).toBe(1.5);
    expect(d.tier).toBe('advanced');
  });

  it('does not compile a misspelt regime, conviction or tier, and refuses it at run time', () => {
    // @ts-expect-error: 'TRENDNG' is not a MarketRegime
    expect(() => sizer.size({ ...base, regime: 'TRENDNG' })).toThrow(unknownValue('request.regime'));
    // @ts-expect-error: 'CHOPPY' is an earlier agent label, not one of the sizer's regimes
    expect(() => sizer.size({ ...base, regime: 'CHOPPY' })).toThrow(unknownValue('request.regime'));
    // @ts-expect-error: conviction is LOW, MEDIUM or HIGH
    expect(() => sizer.size({ ...base, conviction: 'high' })).toThrow(unknownValue('request.conviction'));
    // @ts-expect-error: the defaults' tiers are basic and advanced
    expect(() => sizer.size({ ...base, tier: 'advance' })).toThrow(unknownValue('request.tier'));
    // @ts-expect-error: the same for a batch
    expect(() => sizer.sizeBatch({ baseRisk: [0.01] }, { tier: 'pro' })).toThrow(unknownValue('options.tier'));
  });

  it('names exactly the defaults\' tiers, conviction levels and regimes', () => {
    // A Record over each union must list every member, and the lists must be the defaults' keys.
    const tiers: Record<DefaultTierName, true> = { basic: true, advanced: true };
    const convictions: Record<ConvictionLevel, true> = { LOW: true, MEDIUM: true, HIGH: true };
    const regimes: Record<MarketRegime, true> = { NORMAL: true, TRENDING: true, HIGH_VOL: true, LOW_VOL: true, MEAN_REVERTING: true };
    expect(Object.keys(SIZER_DEFAULTS.positionBoundaries).sort()).toEqual(Object.keys(tiers).sort());
    expect(Object.keys(SIZER_DEFAULTS.convictionMultipliers).sort()).toEqual(Object.keys(convictions).sort());
    expect(Object.keys(SIZER_DEFAULTS.regimeMultipliers).sort()).toEqual(Object.keys(regimes).sort());
    expect([...MARKET_REGIMES].sort()).toEqual(Object.keys(regimes).sort());
  });

  it('takes any name with a config, which may add its own, and checks it at run time', () => {
    const custom = createSizer({ regimeMultipliers: { CRISIS: 0.3 } });
    expect(custom.size({ ...base, regime: 'CRISIS' }).factors.find((f) => f.name === 'regime')?.value).toBe(0.3);
    expect(() => custom.size({ ...base, regime: 'TRENDNG' })).toThrow(unknownValue('request.regime'));
  });
});

describe('probabilityOfDrawdown has the simulated levels only', () => {
  const model = { kind: 'binary', winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 } as const;
  beforeAll(() => ready());

  it('keys simulate\'s outcomes by the levels passed', async () => {
    const r = await simulate(model, { exposures: [2], paths: 8, trades: 20, seed: 1, drawdownLevels: [0.1, 0.3], workers: 0 });
    const outcome = r.outcomes[0]!;
    const keys: Equals<keyof typeof outcome.probabilityOfDrawdown, '0.1' | '0.3'> = true;
    expect(keys).toBe(true);
    expect(Object.keys(outcome.probabilityOfDrawdown).sort()).toEqual(['0.1', '0.3']);
    // @ts-expect-error: 0.5 was not simulated
    expect(outcome.probabilityOfDrawdown['0.5']).toBeUndefined();
    expect(recommendExposure(r, { maxDrawdown: 0.3, probability: 1 }).exposure).toBe(2);
    // @ts-expect-error: the limit must be one of the simulated levels
    expect(() => recommendExposure(r, { maxDrawdown: 0.5, probability: 1 })).toThrow(unknownValue('opts.maxDrawdown'));
  });

  it('keys the default levels, 0.2 and 0.5, when none are given', async () => {
    const r = await simulate(model, { exposures: [2], paths: 8, trades: 20, workers: 0 });
    const exact = exactBinary(model, { exposure: 2, trades: 20 });
    const simulated: Equals<keyof (typeof r.outcomes)[number]['probabilityOfDrawdown'], '0.2' | '0.5'> = true;
    const lattice: Equals<keyof typeof exact.probabilityOfDrawdown, '0.2' | '0.5'> = true;
    expect([simulated, lattice]).toEqual([true, true]);
    expect(Object.keys(exact.probabilityOfDrawdown).map(Number)).toEqual([...SIMULATE_DEFAULTS.drawdownLevels]);
    // @ts-expect-error: 0.3 was not computed
    expect(exact.probabilityOfDrawdown['0.3']).toBeUndefined();
  });

  it('keys by any string when the levels are known only at run time', () => {
    const levels: number[] = [0.25];
    const exact = exactBinary(model, { exposure: 2, trades: 20, drawdownLevels: levels });
    const keys: Equals<keyof typeof exact.probabilityOfDrawdown, string> = true;
    expect(keys).toBe(true);
    expect(exact.probabilityOfDrawdown[String(levels[0])]).toBeGreaterThan(0);
  });
});

describe('a Q-learning agent takes the states of its spec', () => {
  const state: MarketState = { volatility: 1, trend: 0.3, momentum: 0.5, confidence: 0.7, drawdown: 0.02, regime: 'TRENDING' };
  const agents: { dispose(): void }[] = [];
  beforeAll(() => ready());
  afterAll(() => agents.forEach((a) => a.dispose()));

  it('names the default spec\'s features and categories', async () => {
    const agent = await QLearningSizer.create({ states: DEFAULT_STATE_SPEC, seed: 1 });
    agents.push(agent);
    // An unseen state is greedy with ties to the multiplier closest to 1.0 (QLearningSizer.act).
    expect(agent.act(state).multiplier).toBe(1);
    expect(rlMultiplier(agent, { ...state, regime: 'HIGH_VOL' })).toBe(1);
    // @ts-expect-error: 'volatilty' is misspelt (and volatility is missing)
    expect(() => agent.act({ volatilty: 1, trend: 0.3, momentum: 0.5, confidence: 0.7, drawdown: 0.02, regime: 'TRENDING' })).toThrow(
      expect.objectContaining({ name: 'SizewiseError', code: 'UNKNOWN_KEY' }),
    );
    // @ts-expect-error: NORMAL is a market regime, but not one of the agent's categories
    expect(() => agent.act({ ...state, regime: 'NORMAL' })).toThrow(unknownValue('state.regime'));
    // @ts-expect-error: the same through the sizing layer's helper
    expect(() => rlMultiplier(agent, { ...state, regime: 'VOLATILE' })).toThrow(unknownValue('state.regime'));
    const categories: Equals<MarketState['regime'], Regime> = true;
    expect(categories).toBe(true);
    expect(DEFAULT_STATE_SPEC.features.find((f) => f.name === 'regime')).toEqual({ name: 'regime', categories: [...REGIMES] });
  });

  it('names the compact spec\'s features', async () => {
    const agent = await QLearningSizer.create({ states: COMPACT_STATE_SPEC, seed: 1 });
    agents.push(agent);
    const compact: CompactMarketState = { regime: 'LOW_VOL', volatility: 0.7 };
    expect(agent.multiplier(compact)).toBe(1);
    // @ts-expect-error: the compact spec has no trend feature
    expect(() => agent.act({ ...compact, trend: 0.3 })).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'state.trend' }));
  });

  it('names the features of a spec written in the call', async () => {
    const agent = await QLearningSizer.create({
      states: { features: [{ name: 'trend', edges: [0.5] }, { name: 'side', categories: ['LONG', 'SHORT'] }] },
      seed: 1,
    });
    agents.push(agent);
    expect(agent.observe({ state: { trend: 0.7, side: 'SHORT' }, action: 0, reward: 1 })).toBeTypeOf('number');
    // @ts-expect-error: 'FLAT' is not a category of side
    expect(() => agent.act({ trend: 0.7, side: 'FLAT' })).toThrow(unknownValue('state.side'));
  });

  it('takes an index when the states are a count', async () => {
    const agent = await QLearningSizer.create({ states: 4, seed: 1 });
    agents.push(agent);
    expect(agent.act(3).multiplier).toBe(1);
    // @ts-expect-error: an agent built from a count takes state indices
    expect(() => agent.act(state)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'state' }));
  });
});
