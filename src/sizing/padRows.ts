/** Rows the sizing kernels take per step (eight statuses are stored at once). */
export const ROW_STEP = 8;

/** Rows a sizing kernel processes for `n` rows: a multiple of ROW_STEP (the columns are padded to it). */
export function padRows(n: number): number {
  return Math.ceil(n / ROW_STEP) * ROW_STEP;
}
