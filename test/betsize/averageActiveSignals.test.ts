import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageActiveSignals } from '../../src/index.js';
import { expectAllClose } from './close.js';

// Fixtures: scripts/fixtures/betsize.py → test/fixtures/betsize/afml.json.
const afml = JSON.parse(readFileSync(new URL('../fixtures/betsize/afml.json', import.meta.url), 'utf8'));

function signalsOf(events: { start: string[]; end: string[] }, values: number[]) {
  return events.start.map((start, i) => ({ start, end: events.end[i], signal: values[i] }));
}

/** Independent oracle: the definition, point by point (O(n²)). */
function naive(xs: { start: number; end: number; signal: number }[]) {
  const times = [...new Set(xs.flatMap((x) => [x.start, x.end]))].sort((a, b) => a - b);
  return times.map((t) => {
    const active = xs.filter((x) => x.start <= t && t < x.end);
    return { time: t, signal: active.length === 0 ? 0 : active.reduce((s, x) => s + x.signal, 0) / active.length };
  });
}

describe('averageActiveSignals (AFML snippet 10.2)', () => {
  it("reproduces openquant's published prob_avg at the eight start and end times (prob_dynamic_budget.json)", () => {
    const oq = afml.openquant;
    const out = averageActiveSignals(signalsOf(oq.events, oq.published.probDefault));
    expect(out.map((p) => p.time)).toEqual(oq.probAverage.time); // epoch ms from the script
    expectAllClose(
      out.map((p) => p.signal),
      oq.published.probAverage,
    );
  });

  it("matches mlfinlab test_ch10_snippets' six overlapping events (afml.json mlfinlabSnippets)", () => {
    const s = afml.mlfinlabSnippets;
    const out = averageActiveSignals(signalsOf(s.events, s.signal));
    expect(out.map((p) => p.time)).toEqual(s.average.time);
    expectAllClose(
      out.map((p) => p.signal),
      s.average.signal,
    );
  });

  it('equals the definition evaluated point by point on random bets (property)', () => {
    const bet = fc.record({ start: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: 0, max: 15 }), signal: fc.double({ min: -1, max: 1, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(bet, { minLength: 1, maxLength: 40 }), (bets) => {
        const xs = bets.map((b) => ({ start: b.start, end: b.start + b.length, signal: b.signal }));
        const got = averageActiveSignals(xs);
        const want = naive(xs);
        return got.length === want.length && got.every((p, i) => p.time === want[i].time && Math.abs(p.signal - want[i].signal) <= 1e-12);
      }),
      { seed: 21 },
    );
  });

  it('reads Dates and ISO strings as epoch milliseconds, UTC unless an offset is given, fractions kept', () => {
    const t0 = Date.UTC(2000, 0, 1);
    const a = averageActiveSignals([{ start: new Date(t0), end: '2000-01-01T01:00:00+01:00', signal: 0.5 }]);
    expect(a).toEqual([{ time: t0, signal: 0 }]); // ends where it starts: never active
    const b = averageActiveSignals([{ start: '2000-01-01', end: '2000-01-01 00:00:00.000250', signal: 0.5 }]);
    expect(b).toEqual([
      { time: t0, signal: 0.5 },
      { time: t0 + 0.25, signal: 0 },
    ]);
  });

  it('refuses an end before its start, mixed plain numbers and dates, impossible dates and non-finite values', () => {
    expect(() => averageActiveSignals([{ start: 2, end: 1, signal: 0.1 }])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'signals[0].end' }));
    expect(() => averageActiveSignals([{ start: 0, end: '2000-01-02', signal: 0.1 }])).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'signals[0].end' }));
    expect(() => averageActiveSignals([{ start: '2001-02-29', end: '2001-03-01', signal: 0.1 }])).toThrow(
      expect.objectContaining({ code: 'INVALID_TYPE', field: 'signals[0].start' }),
    );
    expect(() => averageActiveSignals([{ start: new Date(Number.NaN), end: new Date(0), signal: 0.1 }])).toThrow(
      expect.objectContaining({ field: 'signals[0].start' }),
    );
    expect(() => averageActiveSignals([{ start: 0, end: 1, signal: Number.NaN }])).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'signals[0].signal' }));
    expect(() => averageActiveSignals([{ start: 0, end: 1, signal: 0.1, side: 1 } as never])).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'signals[0].side' }));
    expect(() => averageActiveSignals([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'signals' }));
    expect(() => averageActiveSignals(null as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'signals' }));
  });
});
