import { kellyFromStats } from '../../src/kelly/kellyFromStats.js';
import type { SizerEdgeEstimate } from '../../src/sizing/sizingTypes.js';
import type { SizerConfigInput } from '../../src/sizing/sizerConfig.js';

/** The fields of an EdgeEstimate the sizer reads, built from trade statistics with the Kelly core. */
export function edgeEstimate(s: { winRate: number; avgWin: number; avgLoss: number; trades: number; minTrades?: number }): SizerEdgeEstimate {
  const kelly = kellyFromStats(s);
  const expectancy = s.winRate * s.avgWin - (1 - s.winRate) * s.avgLoss;
  return { trades: s.trades, avgLoss: s.avgLoss, expectancy, kelly, reliable: s.trades >= (s.minTrades ?? 20) };
}

/** The configurations the contract suite runs against. */
export const CONFIGS: Record<string, SizerConfigInput> = {
  'the seeds\' defaults': {},
  'meta-probability map and volatility targeting': {
    signalQuality: { method: 'metaProbability' },
    volatilityAdjustment: { method: 'target', targetVolatility: 0.012, maxMultiplier: 1.5 },
  },
  'a tight custom tier with a default regime': {
    positionBoundaries: { pro: { minRisk: 0.001, maxRisk: 0.02, allowOverrides: true, maxLeverage: 1.5 } },
    defaultTier: 'pro',
    defaultRegime: 'NORMAL',
    regimeMultipliers: { CRISIS: 0.3 },
    drawdownSchedule: [
      { above: 0.05, multiplier: 0.75 },
      { above: 0.1, multiplier: 0.5 },
      { above: 0.2, multiplier: 0.25 },
    ],
  },
  'half Kelly, low cap, steep tiers': {
    defaultFraction: 0.5,
    maxRiskFraction: 0.03,
    signalQuality: { confidenceTiers: [{ min: 0.6, multiplier: 1 }, { min: 0.9, multiplier: 3 }], belowTiers: 0.25 },
    positionBoundaries: { basic: { maxRisk: 0.08, maxLeverage: 5 } },
  },
};
