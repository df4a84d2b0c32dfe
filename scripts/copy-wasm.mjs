// npm run build: puts the release module where the built facade looks for it
// (dist/src/runtime/wasm.js resolves ../../build/sizewise.wasm → dist/build/sizewise.wasm).
import { copyFileSync, mkdirSync } from 'node:fs';

const from = new URL('../build/sizewise.wasm', import.meta.url);
const to = new URL('../dist/build/sizewise.wasm', import.meta.url);
mkdirSync(new URL('.', to), { recursive: true });
copyFileSync(from, to);
console.log('copied build/sizewise.wasm to dist/build/sizewise.wasm');
