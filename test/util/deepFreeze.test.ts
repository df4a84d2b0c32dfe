import { describe, expect, it } from 'vitest';
import { SIZER_DEFAULTS } from '../../src/sizing/sizerConfig.js';
import { DEFAULT_STATE_SPEC } from '../../src/rl/stateSpec.js';
import { deepFreeze } from '../../src/util/deepFreeze.js';

describe('deepFreeze', () => {
  it('freezes nested objects and arrays and returns the same value', () => {
    const value = { a: { b: [1, { c: 2 }] }, d: 'x' };
    expect(deepFreeze(value)).toBe(value);
    expect(Object.isFrozen(value.a.b)).toBe(true);
    expect(Object.isFrozen(value.a.b[1])).toBe(true);
    expect(() => (value.a.b as number[]).push(3)).toThrow(TypeError);
    expect(deepFreeze(null)).toBeNull();
  });

  it('is what freezes the sizer defaults and the default state spec', () => {
    expect(Object.isFrozen(SIZER_DEFAULTS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_STATE_SPEC.features[0])).toBe(true);
  });
});
