// The fuzz suite: every public function and method, driven with seeded bad values of every
// kind (badValues.ts) put into valid arguments one at a time (mutate.ts), must keep its
// promise (runEntry.ts): a SizewiseError with code and field, or a finite result that passes
// its own check, rejecting rather than throwing when async, and never hanging.
// FUZZ_RUNS sets the inputs per entry (default DEFAULT_RUNS; `npm run fuzz` runs a long one).
import { beforeAll, describe, it } from 'vitest';
import { ready } from '../../src/index.js';
import { ENTRIES } from './entries/index.js';
import { fillTracker } from './entries/store.js';
import { fuzzEntry, runsFor } from './runEntry.js';

describe('fuzz: every public function keeps its promise', () => {
  beforeAll(async () => {
    await ready();
    await fillTracker();
  });
  for (const entry of ENTRIES) {
    it(`${entry.name} (${runsFor(entry)} inputs)`, () => fuzzEntry(entry));
  }
});
