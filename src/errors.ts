/** Every code a SizewiseError can carry, and what it means. */
export const SIZEWISE_ERROR_CODES = Object.freeze({
  NON_FINITE: 'NaN or ±Infinity where a finite number is required',
  INVALID_PROBABILITY: 'a probability outside [0, 1]',
  OUT_OF_RANGE: 'a finite number outside its documented range',
  INVALID_TYPE: 'not a number / string / array where one is required',
  EMPTY_INPUT: 'an empty array or trade list',
  LENGTH_MISMATCH: 'columns of different lengths',
  NO_LOSSES: 'Kelly is unbounded without a possible loss',
  SINGULAR: 'a covariance or second-moment matrix that cannot be inverted (e.g. a duplicated asset)',
  ONE_CLASS: 'outcomes all wins or all losses where a fit needs both',
  UNKNOWN_KEY: 'a config or options key that is not recognised',
  UNKNOWN_VALUE: 'a category (regime, conviction, model kind …) that is not recognised',
  INVALID_STATE: 'an object used after release, or a saved state that does not match',
  ABORTED: 'cancelled through an AbortSignal',
  WASM_UNAVAILABLE: 'no WebAssembly, or no WebAssembly SIMD, on this host',
  TOO_LARGE: 'a job above the documented memory limit',
  LOCKED: 'a store file already open for writing in another live process (or this one)',
  NOT_A_STORE: 'a file that is not a sizewise store (foreign, corrupted, or from a newer version)',
  DUPLICATE: 'a record id already stored with different content',
  CONFLICTING_INPUT: 'one value given twice, under its name and a deprecated alias, with different values',
  IO_ERROR: 'the file system or the database engine failed (disk full, permissions …)',
} as const);

/** What went wrong, in a word callers can switch on. */
export type SizewiseErrorCode = keyof typeof SIZEWISE_ERROR_CODES;

/**
 * The one error class sizewise throws (or rejects with) for bad input and bad hosts.
 * `field` names the offending input as the caller spelled it (e.g. `edge.winProbability`,
 * `trades[3].returnFraction`), and the message says what was expected and what was received.
 */
export class SizewiseError extends Error {
  override readonly name = 'SizewiseError';
  readonly code: SizewiseErrorCode;
  readonly field: string;
  readonly value: unknown;

  constructor(code: SizewiseErrorCode, field: string, message: string, value?: unknown) {
    super(message);
    this.code = code;
    this.field = field;
    this.value = value;
  }
}

/** How a received value is shown in a message: short, and unambiguous for NaN and -0. Never throws. */
export function describeValue(value: unknown): string {
  try {
    if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
    if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    if (typeof value === 'bigint') return `a BigInt (${value}n)`;
    if (typeof value === 'symbol') return 'a Symbol';
    if (value === null) return 'null';
    if (value === undefined) return 'undefined';
    if (Array.isArray(value)) return `an array of length ${value.length}`;
    if (ArrayBuffer.isView(value)) return `a ${typeName(value) ?? 'typed array'}`;
    return typeof value === 'object' ? `an object (${typeName(value) ?? 'Object'})` : typeof value;
  } catch {
    return 'a value that cannot be shown'; // e.g. a Proxy whose traps throw
  }
}

/** The name of a value's constructor when it is a plain string (a user object may say anything). */
function typeName(value: object): string | undefined {
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' ? name : undefined;
}
