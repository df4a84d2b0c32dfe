import type { FuzzEntry } from '../entry.js';
import { kellyEntries } from './kelly.js';

/** Every public function and method in the fuzz suite, by part. */
export const ENTRIES: readonly FuzzEntry[] = [...kellyEntries];
