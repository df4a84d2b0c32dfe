import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOhlcvCsv } from '../../src/data/parseOhlcvCsv.js';
import { SizewiseError } from '../../src/errors.js';
import { LEGACY_AGENT_REGIMES, MARKET_REGIMES, toMarketRegime, VOLATILITY_STATE_REGIMES } from '../../src/regime/marketRegime.js';
import { regimeLabel } from '../../src/rl/regimeLabel.js';
import { DEFAULT_STATE_SPEC, REGIMES } from '../../src/rl/stateSpec.js';
import { StateEncoder } from '../../src/rl/StateEncoder.js';
import { tradeSamples } from '../../src/rl/tradeSamples.js';
import { breakoutTrades } from '../../src/strategy/breakoutTrades.js';
import { createSizer } from '../../src/sizing/PositionSizer.js';
import { REGIME_CODES } from '../../src/sizing/regimeCodes.js';
import { SIZER_DEFAULTS } from '../../src/sizing/sizerConfig.js';

describe('one regime vocabulary', () => {
  it('is the sizer\'s regime table and batch codes, in order', () => {
    expect(Object.keys(SIZER_DEFAULTS.regimeMultipliers).sort()).toEqual([...MARKET_REGIMES].sort());
    expect(MARKET_REGIMES.map((name) => REGIME_CODES[name])).toEqual([0, 1, 2, 3, 4]);
  });

  it('is what the agent labels and encodes: every label is a market regime', () => {
    for (const name of REGIMES) expect(MARKET_REGIMES).toContain(name);
    const feature = DEFAULT_STATE_SPEC.features.find((f) => f.name === 'regime');
    expect(feature).toEqual({ name: 'regime', categories: [...REGIMES] });
  });

  it('keeps the agent\'s state indices: each old label maps to the regime at its old position', () => {
    // The order before unification was TRENDING, CHOPPY, VOLATILE, CONSOLIDATING.
    expect(['TRENDING', 'CHOPPY', 'VOLATILE', 'CONSOLIDATING'].map((old) => LEGACY_AGENT_REGIMES[old as keyof typeof LEGACY_AGENT_REGIMES])).toEqual([...REGIMES]);
    const encoder = new StateEncoder(DEFAULT_STATE_SPEC);
    const base = { volatility: 1, trend: 0.3, momentum: 1, confidence: 0.7, drawdown: 0.07 };
    const indices = REGIMES.map((regime) => encoder.encode({ ...base, regime }));
    expect(indices).toEqual([...indices].sort((a, b) => a - b)); // categories encode in order
  });

  it('labels by the documented rule with the new names', () => {
    expect(regimeLabel({ volatility: 1.3, trend: 0.9 })).toBe('HIGH_VOL');
    expect(regimeLabel({ volatility: 1.0, trend: 0.5 })).toBe('TRENDING');
    expect(regimeLabel({ volatility: 0.7, trend: 0.1 })).toBe('LOW_VOL');
    expect(regimeLabel({ volatility: 1.0, trend: 0.1 })).toBe('MEAN_REVERTING');
  });

  it('lets the agent\'s labels on real trades go straight into the sizer, single and batch', () => {
    const bars = parseOhlcvCsv(readFileSync(new URL('../../data/sp500_2000-2020_daily_ohlcv.csv', import.meta.url), 'utf8'));
    const samples = tradeSamples(bars, breakoutTrades(bars));
    const sizer = createSizer();
    const edge = { winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 };
    const seen = new Set<string>();
    for (const s of samples) {
      const regime = s.state.regime;
      seen.add(regime);
      const d = sizer.size({ balance: '100000', price: '100', edge, regime });
      expect(d.factors.find((f) => f.name === 'regime')?.value).toBe(SIZER_DEFAULTS.regimeMultipliers[regime]);
      expect(sizer.codes.regime[regime]).toBe(REGIME_CODES[regime]);
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('maps the volatility states and reads names through toMarketRegime', () => {
    expect(VOLATILITY_STATE_REGIMES).toEqual({ LOW: 'LOW_VOL', NORMAL: 'NORMAL', HIGH: 'HIGH_VOL' });
    expect(toMarketRegime('CHOPPY')).toBe('MEAN_REVERTING');
    expect(toMarketRegime('NORMAL')).toBe('NORMAL');
    for (const bad of ['SIDEWAYS', 'constructor', null, 3, undefined]) {
      expect(() => toMarketRegime(bad, 'signal.regime')).toThrow(SizewiseError);
      expect(() => toMarketRegime(bad, 'signal.regime')).toThrow(expect.objectContaining({ code: 'UNKNOWN_VALUE', field: 'signal.regime' }));
    }
    expect(() => toMarketRegime('X', null as never)).toThrow(expect.objectContaining({ field: 'regime' }));
  });
});
