/**
 * Freezes an object and, recursively, every object and array it holds, so an exported
 * default cannot be changed through a nested field. Returns the same value. O(size).
 *
 * @example deepFreeze({ a: [1, 2] }).a.push(3) // throws TypeError (frozen array)
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
