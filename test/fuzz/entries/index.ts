import type { FuzzEntry } from '../entry.js';
import { betsizeEntries } from './betsize.js';
import { chartEntries } from './charts.js';
import { dataEntries } from './data.js';
import { evaluateEntries } from './evaluate.js';
import { kellyEntries } from './kelly.js';
import { montecarloEntries } from './montecarlo.js';
import { probabilityEntries } from './probability.js';
import { regimeEntries } from './regime.js';
import { rlEntries } from './rl.js';
import { runtimeEntries } from './runtime.js';
import { sizingEntries } from './sizing.js';
import { storeEntries } from './store.js';

/** Every public function and method in the fuzz suite, by part. */
export const ENTRIES: readonly FuzzEntry[] = [...kellyEntries, ...dataEntries, ...runtimeEntries, ...evaluateEntries, ...probabilityEntries, ...regimeEntries, ...storeEntries, ...betsizeEntries, ...rlEntries, ...sizingEntries, ...montecarloEntries, ...chartEntries];
