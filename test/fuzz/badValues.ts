// The shared catalogue of bad values the fuzz suite drives into every public function:
// each is placed, one at a time, where a valid argument had a value (see mutate.ts).

/** Numbers at the edges of what a double can hold, and just outside common ranges. */
export const BAD_NUMBERS: readonly number[] = [
  Number.NaN, Infinity, -Infinity, -0, 0, 5e-324, -5e-324, 1e-320, 1e308, -1e308, Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER + 2, 2 ** 32, 2 ** 53, -1, -0.5, 0.5, 1, 1.5, 2, 1e-9, 1e9, 65, -1.1, 1.1,
];

/** Values of the wrong type. */
export const BAD_TYPES: readonly unknown[] = [
  'abc', '', '1', '0.5', 'NaN', null, undefined, true, false, 1n, Symbol('bad'), {}, [], () => 0,
  new Date(Number.NaN), Object.create(null), new Map(), /x/, new Float64Array(0),
];

/** Strings a decimal parser must refuse (money inputs). */
export const BAD_DECIMALS: readonly string[] = ['abc', '1e', '--1', ' 1', '1,000', 'NaN', 'Infinity', '-0', '1e400', '0x10', '-1', '0', '1e-400', '١٢'];

/** Enum-like strings that are almost right. */
export const BAD_NAMES: readonly string[] = ['trending', 'NORMAL ', ' ', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'unknown'];

/** Whole arrays that are wrong as a column or a list. */
export function badArrays(): unknown[] {
  const sparse = new Array(3);
  sparse[1] = 0.01;
  return [
    [], sparse, new Array(2), [Number.NaN], [1, 'a'], [[1]], [null], [undefined], [Infinity, -Infinity],
    new Float64Array([Number.NaN, 1]), new BigInt64Array(2), new Uint8Array(0), new DataView(new ArrayBuffer(8)),
  ];
}

/** Objects with keys an options object or a saved state must not accept. */
export function badObjects(): unknown[] {
  // A value whose constructor's name is a Symbol: messages that print a type must not crash on it.
  const withSymbolName = { constructor: { name: Symbol('x') } };
  return [JSON.parse('{"__proto__": {"polluted": 1}}'), { constructor: 1 }, withSymbolName, Object.freeze({}), { length: 3 }];
}

/** Every bad value, for a leaf of any type. */
export function allBadValues(): unknown[] {
  return [...BAD_NUMBERS, ...BAD_TYPES, ...BAD_DECIMALS, ...BAD_NAMES, ...badArrays(), ...badObjects()];
}
