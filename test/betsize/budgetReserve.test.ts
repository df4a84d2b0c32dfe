import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { betSizeBudget, betSizeReserve } from '../../src/index.js';
import { concurrentSides } from '../../src/betsize/betEvents.js';
import { mixtureCdf } from '../../src/betsize/mixture.js';
import { reserveSizes } from '../../src/betsize/betSizeReserve.js';
import { expectAllClose, expectClose } from './close.js';

// Fixtures: scripts/fixtures/betsize.py → test/fixtures/betsize/afml.json and reserve.json.
const afml = JSON.parse(readFileSync(new URL('../fixtures/betsize/afml.json', import.meta.url), 'utf8'));
const reserve = JSON.parse(readFileSync(new URL('../fixtures/betsize/reserve.json', import.meta.url), 'utf8'));
const oq = afml.openquant;

const eventsOf = (start: string[], end: string[], side: number[]) => start.map((s, i) => ({ start: s, end: end[i], side: side[i] }));
const reserveEvents = eventsOf(reserve.start, reserve.end, reserve.side);
const [mu1, mu2, sigma1, sigma2, p1] = reserve.fit as number[];
const openquantFit = { mu1, mu2, sigma1, sigma2, p1 };

describe('betSizeBudget (AFML §10.2)', () => {
  it("reproduces openquant's published budget bet sizes (prob_dynamic_budget.json)", () => {
    expectAllClose(betSizeBudget(eventsOf(oq.events.start, oq.events.end, oq.events.side)), oq.published.budget);
  });

  it("matches mlfinlab test_bet_sizing's budget cases, including one with no short bet (afml.json)", () => {
    const b = afml.mlfinlabBetSizing;
    expectAllClose(betSizeBudget(eventsOf(oq.events.start, oq.events.end, b.budgetMixed.side)), b.budgetMixed.betSize);
    expectAllClose(betSizeBudget(eventsOf(oq.events.start, oq.events.end, b.budgetAllLong.side)), b.budgetAllLong.betSize);
  });

  it('refuses an event that ends before it starts, a side other than −1, 0, 1, and no events', () => {
    expect(() => betSizeBudget([{ start: 3, end: 1, side: 1 }])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'events[0].end' }));
    expect(() => betSizeBudget([{ start: 0, end: 1, side: 2 }])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'events[0].side' }));
    expect(() => betSizeBudget([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'events' }));
    expect(() => betSizeBudget([{ start: 0, end: 1 } as never])).toThrow(expect.objectContaining({ field: 'events[0].side' }));
  });
});

describe('concurrent bets at each start (mlfinlab get_concurrent_sides)', () => {
  it("counts the active longs and shorts of openquant's 500-event reserve set as its generator does (reserve.json)", () => {
    const { long, short } = concurrentSides(reserveEvents);
    expect(Array.from(long)).toEqual(reserve.activeLong);
    expect(Array.from(short)).toEqual(reserve.activeShort);
  });
});

describe('betSizeReserve (AFML §10.2)', () => {
  it("reproduces openquant's published reserve bet sizes with its published mixture (reserve_fixture.json)", () => {
    const out = betSizeReserve(reserveEvents, { mixture: openquantFit });
    expect(Array.from(out.concurrency)).toEqual(reserve.c);
    const published = reserve.c.map((c: number) => reserve.publishedBetSizeByC[String(c)]);
    expectAllClose(out.sizes, published);
    expectAllClose(out.sizes, reserve.betSize); // and the script's scipy values
  });

  it("matches mlfinlab test_bet_sizing's mixture CDF and reserve sizes at c = 5, −4 and 0 (afml.json)", () => {
    const b = afml.mlfinlabBetSizing;
    const m = { mu1: b.mixture[0], mu2: b.mixture[1], sigma1: b.mixture[2], sigma2: b.mixture[3], p1: b.mixture[4] };
    expectClose(mixtureCdf(m, 5), b.cdfAt5);
    expectAllClose(reserveSizes(m, [5, -4, 0]), [b.reserveAt5, b.reserveAtMinus4, b.reserveAt0]);
  });

  it('fits c_t by EF3M so that the mixture has the moments of c_t to 1e-3 (here to 1e-9), the same for a seed', () => {
    const out = betSizeReserve(reserveEvents, { seed: 7 });
    expect(out.mixture.momentError).toBeLessThan(1e-9);
    const c = Float64Array.from(reserve.c as number[]);
    const raw = [1, 2, 3, 4, 5].map((k) => c.reduce((s, x) => s + x ** k, 0) / c.length);
    expectAllClose(raw, reserve.rawMoments, 1e-12); // numpy's moments of c_t
    expect(betSizeReserve(reserveEvents, { seed: 7 })).toEqual(out);
    for (const s of out.sizes) expect(Math.abs(s)).toBeLessThanOrEqual(1);
    // Larger c_t, larger size: the mapping is the mixture CDF, monotone.
    const byC = new Map<number, number>();
    out.concurrency.forEach((x, i) => byC.set(x, out.sizes[i]));
    const cs = [...byC.keys()].sort((a, b) => a - b);
    for (let i = 1; i < cs.length; i++) expect(byC.get(cs[i])!).toBeGreaterThan(byC.get(cs[i - 1])!);
  });

  it('refuses a set with no spread in c_t, a bad mixture and bad fit options', () => {
    expect(() => betSizeReserve([{ start: 0, end: 1, side: 1 }])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'events' }));
    const events = [
      { start: 0, end: 2, side: 1 },
      { start: 1, end: 3, side: -1 },
    ];
    expect(() => betSizeReserve(events, { mixture: { ...openquantFit, sigma1: 0 } })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'options.mixture.sigma1' }));
    expect(() => betSizeReserve(events, { mixture: { ...openquantFit, p1: 1.5 } })).toThrow(expect.objectContaining({ code: 'INVALID_PROBABILITY', field: 'options.mixture.p1' }));
    expect(() => betSizeReserve(events, { fitRuns: 0 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'options.fitRuns' }));
    expect(() => betSizeReserve(events, { seed: -1 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'options.seed' }));
    expect(() => betSizeReserve(events, { runs: 3 } as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'options.runs' }));
  });
});
