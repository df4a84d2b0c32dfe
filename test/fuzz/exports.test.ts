// Every function and method the package exports is in the fuzz suite, and the suite names
// nothing the package does not export: adding an export without an entry fails here.
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { ENTRIES } from './entries/index.js';

/**
 * Exports that are not calls to fuzz, with the reason. Constants and frozen defaults are
 * not functions and never appear; classes whose instances only sizewise makes are listed.
 */
export const NOT_FUZZED: Readonly<Record<string, string>> = {
  SizewiseError: 'the error class itself: sizewise constructs it, users catch it',
  SizingStore: 'made by openStore only; its methods are fuzzed as SizingStore#…',
  PositionSizer: 'made by createSizer (fuzzed); its methods are fuzzed as PositionSizer#…',
  DecisionTree: 'a private constructor: trees come from DecisionTree.fit and .fromJSON (fuzzed)',
  LogisticRegression: 'a private constructor: models come from LogisticRegression.fit and .fromJSON (fuzzed)',
};

const isClass = (f: unknown): f is new (...args: never[]) => unknown =>
  typeof f === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(f));

/** `fn`, `Class`, `Class#method` and `Class.staticMethod` for every runtime export. */
export function publicCalls(): string[] {
  const names: string[] = [];
  for (const [name, value] of Object.entries(api)) {
    if (typeof value !== 'function') continue;
    if (!isClass(value)) {
      names.push(name);
      continue;
    }
    names.push(name);
    for (const key of Object.getOwnPropertyNames(value.prototype)) {
      const d = Object.getOwnPropertyDescriptor(value.prototype, key);
      if (key !== 'constructor' && typeof d?.value === 'function') names.push(`${name}#${key}`);
    }
    for (const key of Object.getOwnPropertyNames(value)) {
      const d = Object.getOwnPropertyDescriptor(value, key);
      if (!['length', 'name', 'prototype'].includes(key) && typeof d?.value === 'function') names.push(`${name}.${key}`);
    }
  }
  return names.sort();
}

describe('the fuzz suite covers the package', () => {
  // An entry may be one variant of a call: 'probabilityKelly (posterior)' covers probabilityKelly.
  const callOf = (name: string) => name.replace(/ \(.*\)$/, '');
  const fuzzed = new Set(ENTRIES.map((e) => callOf(e.name)));
  const calls = publicCalls();

  it('has an entry for every exported function and method', () => {
    const missing = calls.filter((name) => !fuzzed.has(name) && !(name in NOT_FUZZED));
    expect(missing).toEqual([]);
  });

  it('names nothing the package does not export', () => {
    const exported = new Set(calls);
    expect([...fuzzed].filter((name) => !exported.has(name))).toEqual([]);
    expect(Object.keys(NOT_FUZZED).filter((name) => !exported.has(name))).toEqual([]);
  });

  it('has each entry once', () => {
    expect(ENTRIES.length).toBe(new Set(ENTRIES.map((e) => e.name)).size);
  });
});
