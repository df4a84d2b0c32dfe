// The binary Monte Carlo kernel written the obvious way: one path at a time, scalar
// f64, data-dependent branches. Kept for the benchmark that justifies the SIMD kernel
// (assembly/simulatePaths.ts); same inputs, same output layout, same numbers. Built only
// into the benchmark module (assembly/bench.ts, `npm run bench`), never into sizewise.wasm.

import { nextU32, seedStream } from './xoshiro128';

/** As simulateBinary, scalar; `workPtr` holds 16 bytes of PRNG state + 32 bytes per exposure. */
export function simulateBinaryScalar(
  seed: u32,
  pathStart: u32,
  paths: i32,
  trades: i32,
  threshold: u32,
  exposures: i32,
  lnWinPtr: usize,
  lnLossPtr: usize,
  checkpointsPtr: usize,
  checkpoints: i32,
  outPtr: usize,
  stride: i32,
  workPtr: usize,
): void {
  const rowBytes = <usize>stride << 3;
  const rows = <usize>exposures * rowBytes;
  const statePtr = workPtr + 16;
  for (let i = 0; i < paths; i++) {
    seedStream(seed, pathStart + <u32>i, workPtr);
    for (let e = 0; e < exposures; e++) {
      const st = statePtr + (<usize>e << 5);
      store<f64>(st, 0);
      store<f64>(st, 0, 8);
      store<f64>(st, 0, 16);
      store<f64>(st, 0, 24);
    }
    const col = outPtr + (<usize>i << 3);
    let c = 0;
    for (let t = 0; t < trades; t++) {
      const win = nextU32(workPtr) < threshold;
      for (let e = 0; e < exposures; e++) {
        const st = statePtr + (<usize>e << 5);
        let w = load<f64>(st);
        if (win) w += load<f64>(lnWinPtr + (<usize>e << 3));
        else w += load<f64>(lnLossPtr + (<usize>e << 3));
        store<f64>(st, w);
        let peak = load<f64>(st, 8);
        if (peak < w) {
          peak = w;
          store<f64>(st, peak, 8);
        }
        const drop = peak - w;
        if (load<f64>(st, 16) < drop) store<f64>(st, drop, 16);
        if (w < load<f64>(st, 24)) store<f64>(st, w, 24);
      }
      if (c < checkpoints && t + 1 == load<i32>(checkpointsPtr + (<usize>c << 2))) {
        const row = col + <usize>(3 + c) * rows;
        for (let e = 0; e < exposures; e++) store<f64>(row + <usize>e * rowBytes, load<f64>(statePtr + (<usize>e << 5)));
        c++;
      }
    }
    for (let e = 0; e < exposures; e++) {
      const st = statePtr + (<usize>e << 5);
      const row = col + <usize>e * rowBytes;
      store<f64>(row, load<f64>(st));
      store<f64>(row + rows, load<f64>(st, 16));
      store<f64>(row + 2 * rows, load<f64>(st, 24));
    }
  }
}
