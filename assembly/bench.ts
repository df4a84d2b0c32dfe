// The benchmark-only module (build/sizewise.bench.wasm, `npm run bench`): every export of
// the production module (assembly/index.ts, an entry of asconfig.json) plus the kernels
// kept only as comparisons in bench/. Never loaded by the library, never built by
// `npm test` or `npm start`.

export { simulateBinaryScalar } from './simulatePathsScalar';
