// The fuzz suite: every public function and method, driven with seeded bad values of every
// kind (badValues.ts) put into valid arguments one at a time (mutate.ts), must keep its
// promise (runEntry.ts): a SizewiseError with code and field, or a finite result that passes
// its own check, rejecting rather than throwing when async, and never hanging.
// FUZZ_RUNS sets the inputs per entry (default DEFAULT_RUNS, 2 000: about half a minute,
// every `npm test`). `npm run fuzz` is the long run: FUZZ_RUNS=50000, 25 times as many, with
// vitest's per-test timeout lifted (each call still has its entry's maxMs). 10 000 inputs per
// entry took 3 min 15 s on a shared two-core machine (70 s of CPU), so expect about 6 to 16
// minutes; the entries' seeds are fixed, so a failure names an input that reproduces.
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
