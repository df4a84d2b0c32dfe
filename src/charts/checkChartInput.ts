import { SizewiseError, describeValue } from '../errors.js';
import { inRange, integer, knownKeys } from '../validate.js';

/** Most series (outcomes, curves) one chart draws: more would not be readable. */
export const MAX_CHART_SERIES = 50;

/** The largest exposure (and Kelly exposure) a chart places: beyond it a value is a unit error. */
export const MAX_CHART_EXPOSURE = 1e6;

/** A plain object (not null, not an array). */
export function record(value: unknown, field: string, expected: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be ${expected}, received ${describeValue(value)}`, value);
  }
  return value as Record<string, unknown>;
}

/** A non-empty array of at most `max` items. */
export function list(value: unknown, field: string, expected: string, max: number): readonly unknown[] {
  if (!Array.isArray(value)) throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array of ${expected}, received ${describeValue(value)}`, value);
  if (value.length === 0) throw new SizewiseError('EMPTY_INPUT', field, `${field} must not be empty`, value);
  if (value.length > max) throw new SizewiseError('OUT_OF_RANGE', field, `${field} holds ${value.length} items; a chart draws at most ${max}`, value.length);
  return Array.from(value); // a hole in a sparse array becomes undefined, a bad item, rather than being skipped
}

/** A string of 1–200 characters. */
export function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be a string of 1 to 200 characters, received ${describeValue(value)}`, value);
  }
  return value;
}

/**
 * Percentiles or probabilities keyed by a number in (0, 1) written as a string (`'0.05'`,
 * as the simulator keys them), each value checked by `check`; sorted by key.
 */
export function keyedByLevel(value: unknown, field: string, check: (x: unknown, field: string) => number): { level: number; value: number }[] {
  const rows = Object.entries(record(value, field, 'an object keyed by levels such as "0.5"')).map(([key, x]) => {
    const level = Number(key);
    if (key.trim() === '' || !(level > 0 && level < 1)) {
      throw new SizewiseError('UNKNOWN_KEY', `${field}.${key}`, `${field} must be keyed by numbers in (0, 1) such as "0.5", found the key ${JSON.stringify(key)}`, key);
    }
    return { level, value: check(x, `${field}.${key}`) };
  });
  if (rows.length === 0) throw new SizewiseError('EMPTY_INPUT', field, `${field} must hold at least one level`, value);
  return rows.sort((a, b) => a.level - b.level);
}

/** The parts of a SimulationResult every simulation chart reads: trades and the outcomes with their exposures. */
export function simulationOutcomes(result: unknown, field = 'result'): { trades: number; outcomes: Record<string, unknown>[]; exposures: number[] } {
  const r = record(result, field, 'a SimulationResult from simulate()');
  const trades = integer(r.trades, `${field}.trades`, 1);
  const outcomes = list(r.outcomes, `${field}.outcomes`, 'exposure outcomes', MAX_CHART_SERIES).map((o, i) =>
    record(o, `${field}.outcomes[${i}]`, 'an exposure outcome'),
  );
  const exposures = outcomes.map((o, i) => {
    return inRange(o.exposure, `${field}.outcomes[${i}].exposure`, { min: 0, max: MAX_CHART_EXPOSURE });
  });
  return { trades, outcomes, exposures };
}

/** Options shared by the simulation charts: the Kelly exposure that labels each outcome as a multiple of it, and a title. */
export interface SimulationChartOptions {
  /** Full Kelly's exposure: outcomes are then labelled and placed as multiples of it. */
  kellyExposure?: number;
  /** Replaces the chart's title. */
  title?: string;
}

/** Checks options of a simulation chart against its known keys. */
export function simulationChartOptions(options: unknown, known: readonly string[]): { kellyExposure: number | undefined; title: string | undefined; raw: Record<string, unknown> } {
  const o = record(options, 'options', 'an options object');
  knownKeys(o, 'options', known);
  return {
    kellyExposure: o.kellyExposure === undefined ? undefined : inRange(o.kellyExposure, 'options.kellyExposure', { min: 1e-9, max: MAX_CHART_EXPOSURE }),
    title: o.title === undefined ? undefined : text(o.title, 'options.title'),
    raw: o,
  };
}
