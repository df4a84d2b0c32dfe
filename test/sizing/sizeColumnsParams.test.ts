import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_PATH, renderSizeColumnsParams } from '../../scripts/genSizeColumnsParams.js';
import { PARAM_COLUMNS, PARAM_F64, PARAM_STEPS, PARAM_U32, SIZE_COLUMNS_PARAMS } from '../../src/sizing/sizeColumnsParams.js';

describe('the sizeColumns parameter block', () => {
  it('is laid out in assembly/sizeColumnsParams.ts exactly as the facade writes it (run `npx tsx scripts/genSizeColumnsParams.ts` if not)', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(renderSizeColumnsParams());
  });

  it('gives every slot its own bytes: u32 slots 4 apart, f64 slots 8-aligned, step tables after them', () => {
    const { offsets, bytes, maxSteps } = SIZE_COLUMNS_PARAMS;
    const slots = [
      ...[...PARAM_COLUMNS, ...PARAM_U32].map((name) => [offsets[name], 4] as const),
      ...PARAM_F64.map((name) => [offsets[name], 8] as const),
      ...PARAM_STEPS.map((name) => [offsets[name], 16 * maxSteps] as const),
    ].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < slots.length; i++) expect(slots[i][0]).toBeGreaterThanOrEqual(slots[i - 1][0] + slots[i - 1][1]);
    for (const name of PARAM_F64) expect(offsets[name] % 8).toBe(0);
    expect(bytes).toBe(slots.at(-1)![0] + slots.at(-1)![1]);
  });
});
