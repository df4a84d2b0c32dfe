import { WasmColumnSet } from '../runtime/columnSet.js';
import type { WasmCore } from '../runtime/wasm.js';
import { kellyGradientTwin } from './kellyGradientTwin.js';

/** The sample portfolio Kelly works on: T days × N assets of simple returns, row-major (day t's N returns together). */
export interface KellyGradientInput {
  returns: Float64Array;
  days: number;
  assets: number;
}

/**
 * Evaluates the sample's mean log growth G(w) = mean ln(1 + w·r_t) and, with derivatives,
 * its gradient and Hessian (kept in `gradient` and `hessian`, N and N × N). Returns
 * −Infinity when a day has 1 + w·r_t ≤ 0. `release()` frees what it holds.
 */
export interface KellyGradient {
  readonly gradient: Float64Array;
  readonly hessian: Float64Array;
  evaluate(weights: Float64Array, derivatives: boolean): number;
  release(): void;
}

const COLUMNS = (days: number, assets: number) => ({
  returns: { kind: 'f64', length: days * assets },
  weights: { kind: 'f64', length: assets },
  gradient: { kind: 'f64', length: assets },
  hessian: { kind: 'f64', length: assets * assets },
  work: { kind: 'f64', length: 4 * assets }, // u = r_t / s_t of four days
}) as const;

/**
 * The evaluator for a checked sample of `days` × `assets`, which `pack` writes row-major into
 * the block it is given: on `core`, the WASM kernel (assembly/kellyGradient.ts) — the sample
 * is packed straight into WASM memory, in one block of the arena with everything the kernel
 * writes (refused before memory grows if it does not fit), and every evaluation runs there —
 * else the TypeScript twin on a JS array. The facade of the kernel: it owns the memory and the types.
 */
export function createKellyGradient(days: number, assets: number, pack: (dest: Float64Array) => void, core?: WasmCore): KellyGradient {
  if (core === undefined) {
    const returns = new Float64Array(days * assets);
    pack(returns);
    return twinGradient({ returns, days, assets });
  }
  const set = new WasmColumnSet(core, 0, COLUMNS(days, assets));
  pack(set.view('returns'));
  const gradient = new Float64Array(assets);
  const hessian = new Float64Array(assets * assets);
  return {
    gradient,
    hessian,
    evaluate(weights, derivatives) {
      set.view('weights').set(weights);
      const growth = core.exports.kellyGradient(
        set.ptr('returns'),
        days,
        assets,
        set.ptr('weights'),
        set.ptr('gradient'),
        set.ptr('hessian'),
        set.ptr('work'),
        derivatives ? 1 : 0,
      );
      if (derivatives && growth !== -Infinity) {
        gradient.set(set.view('gradient'));
        hessian.set(set.view('hessian'));
      }
      return growth;
    },
    release: () => set.release(),
  };
}

function twinGradient(input: KellyGradientInput): KellyGradient {
  const gradient = new Float64Array(input.assets);
  const hessian = new Float64Array(input.assets * input.assets);
  const g = new Float64Array(input.assets);
  const h = new Float64Array(input.assets * input.assets);
  return {
    gradient,
    hessian,
    evaluate(weights, derivatives) {
      const growth = kellyGradientTwin(input, weights, g, h, derivatives);
      if (derivatives && growth !== -Infinity) {
        gradient.set(g);
        hessian.set(h);
      }
      return growth;
    },
    release: () => undefined,
  };
}
