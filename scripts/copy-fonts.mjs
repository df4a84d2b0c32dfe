// After tsc: put the chart font where dist/src/cli/renderChart.js looks for it (./fonts/ beside it).
import { cpSync } from 'node:fs';

cpSync(new URL('../src/cli/fonts/', import.meta.url), new URL('../dist/src/cli/fonts/', import.meta.url), { recursive: true });
console.log('copied src/cli/fonts/ to dist/src/cli/fonts/');
