// After tsc: put the release .wasm where dist/src/runtime/wasm.js looks for it (dist/build/).
import { copyFileSync, mkdirSync } from 'node:fs';

mkdirSync(new URL('../dist/build/', import.meta.url), { recursive: true });
copyFileSync(new URL('../build/sizewise.wasm', import.meta.url), new URL('../dist/build/sizewise.wasm', import.meta.url));
console.log('copied build/sizewise.wasm to dist/build/');
