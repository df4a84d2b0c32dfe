import { createSizer, volatilityRegime, type DefaultSizerNames, type SizingBacktest, type SizingRequest } from '../index.js';
import type { ReportContext } from './context.js';
import { formatFactorTable } from './decisionTable.js';
import { sizerVolatilityOptions } from './dynamicRisk.js';
import { flatVsDynamic } from './flatVsDynamic.js';
import { heading, num, orNone, pct, table } from './format.js';

/** Example signals sized through every layer, and flat 1 % risk vs the dynamic sizer over the reference trades. */
export async function sizingSection(ctx: ReportContext): Promise<void> {
  const sizer = createSizer();
  const volOptions = sizerVolatilityOptions(sizer);
  const vol = volatilityRegime(ctx.bars, volOptions);
  heading('Sizing layers: example signals');
  console.log(
    `Defaults of config/trading_rules.yaml; edge from all ${ctx.edge.trades} trades; account ${ctx.balance.toFixed(0)}, ` +
      `price ${ctx.price.toFixed(2)}, stop ${ctx.stopDistance.toFixed(2)} away; ATR(${volOptions.period}) now ${num(vol.atr)} = ${num(vol.atrRatio)} × its ${volOptions.averagePeriod}-day mean (${vol.regime}).`,
  );
  const account = { balance: ctx.balance, price: ctx.price, lotStep: ctx.lotStep, stopDistance: ctx.stopDistance, edge: ctx.edge };
  const examples: [string, Partial<SizingRequest<DefaultSizerNames>>][] = [
    ['strong signal in a trend (advanced tier, HIGH conviction)', { tier: 'advanced', confidence: 0.88, conviction: 'HIGH', regime: 'TRENDING', atr: vol.atr, atrAverage: vol.atrAverage }],
    ['middling signal, volatility spiking', { confidence: 0.67, atrRatio: 1.6, regime: 'HIGH_VOL' }],
    ['good signal during a 12 % drawdown', { confidence: 0.78, drawdown: 0.12, regime: 'NORMAL' }],
    ['weak signal, crowded book, RL agent keen (basic tier ignores conviction)', { confidence: 0.55, conviction: 'HIGH', banditWeight: 0.1, correlation: 0.6, rlMultiplier: 1.8 }],
  ];
  for (const [title, signal] of examples) {
    const d = sizer.size({ ...account, ...signal });
    console.log(`\n### ${title}\n`);
    console.log(formatFactorTable(d.factors));
    console.log(
      `→ risk ${pct(d.riskFraction)} of balance, exposure ${num(d.exposure, 3)}×: buy ${d.quantity.toString()} at ${ctx.price.toFixed(2)} = ` +
        `${d.notional.toFixed(2)} (leftover ${d.leftover.toFixed(2)}, ${d.riskAmount.toFixed(2)} lost at the stop) [tier ${d.tier}]`,
    );
    for (const w of d.warnings) console.log(`warning: ${w}`);
  }

  heading('Flat 1 % risk vs the dynamic sizer over the reference strategy');
  const start = ctx.balance.toNumber();
  const tier = sizer.config.positionBoundaries[sizer.config.defaultTier];
  const both = flatVsDynamic(sizer, ctx.bars, ctx.trades, { risk: 0.01, startEquity: start });
  const flat = { ...both.flat, fallbackTrades: 0 };
  const dynamic = both.dynamic;
  console.log(
    'Both risk a fraction of equity at the strategy\'s own stop, one position at a time, daily mark-to-market, no costs. ' +
      'Dynamic = quarter Kelly from the trades closed before each entry (1 % fallback below 20), × ATR ratio, × volatility regime, × drawdown schedule, ' +
      `bounded to ${pct(tier.minRisk, 1)}–${pct(tier.maxRisk, 0)} and ${tier.maxLeverage}× leverage. The strategy has no confidence, bandit, correlation or RL input, so those layers are out.\n`,
  );
  type Row = SizingBacktest & { fallbackTrades: number };
  const row = (name: string, r: Row) => [
    name,
    r.finalEquity.toFixed(0),
    pct(r.finalEquity / start - 1, 1),
    pct(r.maxDrawdown, 1),
    orNone(r.sharpe, num),
    orNone(r.meanRisk, pct),
    String(r.fallbackTrades),
  ];
  table([['rule', 'final equity', 'return', 'max drawdown', 'Sharpe', 'mean risk', 'fallback trades'], row('flat 1 % risk', flat), row('dynamic sizer', dynamic)]);
  const better = (a: number | null, b: number | null, higher: boolean) =>
    a === null || b === null ? 'not comparable' : a === b ? 'the same' : (higher ? a > b : a < b) ? 'better' : 'worse';
  const ratio = (dynamic.meanRisk ?? 0) / (flat.meanRisk ?? 1);
  const risk =
    ratio > 1.1
      ? `it also risks more on average (${num(ratio)}× flat), so part of any gain is simply more risk`
      : ratio < 0.9
        ? `it risks less on average (${num(ratio)}× flat), so the difference comes from where the risk went, not from more of it`
        : `its average risk is about the same (${num(ratio)}× flat), so the difference comes from where the risk went`;
  console.log(
    `\nWhat it shows: the dynamic sizer's final equity is ${better(dynamic.finalEquity, flat.finalEquity, true)}, its max drawdown ${better(dynamic.maxDrawdown, flat.maxDrawdown, false)} ` +
      `and its Sharpe ${better(dynamic.sharpe, flat.sharpe, true)} than flat 1 %; ${risk}. ` +
      `For its first ${dynamic.fallbackTrades} trades the base was the 1 % fallback (too few closed trades to trust Kelly). ` +
      `This is one path of one market (${ctx.trades.length} trades, no costs): an illustration of the mechanism, not evidence that it will do better.`,
  );
}
