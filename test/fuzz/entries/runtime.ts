import { hasWasmSimd, loadWasm, ready } from '../../../src/index.js';
import type { FuzzEntry } from '../entry.js';

// After the first load an injected source is refused (INVALID_STATE); with no argument both resolve.
export const runtimeEntries: FuzzEntry[] = [
  { name: 'ready', valid: () => [], call: (s) => ready(s as never), async: true, weight: 0.1 },
  { name: 'loadWasm', valid: () => [], call: (s) => loadWasm(s as never), async: true, weight: 0.1, check: (core) => void core },
  { name: 'hasWasmSimd', valid: () => [], call: () => hasWasmSimd() },
];
