// Portfolio Kelly's hot loop: the sample's mean log growth G(w) = (1/T) Σ_t ln(1 + w·r_t)
// and, on request, its gradient g = (1/T) Σ_t r_t / s_t and Hessian H = −(1/T) Σ_t r_t r_tᵀ / s_t²,
// where s_t = 1 + w·r_t. T days × N assets, returns row-major (day t's N returns contiguous).
// The TypeScript twin is src/kelly/kellyGradientTwin.ts; the facade is src/kelly/kellyGradient.ts.
//
// Returns G, or −Infinity as soon as a day has s_t ≤ 0 (the weights would be ruined that day;
// nothing is written then). With derivatives, writes g (N f64) and H (N × N f64, both
// triangles). `workPtr` is N f64 of scratch for u = r_t / s_t. Two assets per v128 step.

/** Σ_i a[i]·b[i] over n f64, two lanes at a time. */
// @ts-ignore: decorator
@inline
function dot(a: usize, b: usize, n: i32): f64 {
  let acc = f64x2.splat(0);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    acc = f64x2.add(acc, f64x2.mul(v128.load(a + (<usize>i << 3)), v128.load(b + (<usize>i << 3))));
  }
  let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (i < n) sum += load<f64>(a + (<usize>i << 3)) * load<f64>(b + (<usize>i << 3));
  return sum;
}

export function kellyGradient(
  returnsPtr: usize,
  days: i32,
  assets: i32,
  weightsPtr: usize,
  gradPtr: usize,
  hessPtr: usize,
  workPtr: usize,
  derivatives: i32,
): f64 {
  const n = assets;
  const rowBytes = <usize>n << 3;
  if (derivatives != 0) {
    memory.fill(gradPtr, 0, rowBytes);
    memory.fill(hessPtr, 0, rowBytes * <usize>n);
  }
  let logSum: f64 = 0;
  for (let t = 0; t < days; t++) {
    const row = returnsPtr + <usize>t * rowBytes;
    const s = 1 + dot(weightsPtr, row, n);
    if (!(s > 0)) return -Infinity;
    logSum += Math.log(s);
    if (derivatives == 0) continue;
    const inv = 1 / s;
    const invs = f64x2.splat(inv);
    // u = r_t / s_t, and g += u
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const at = <usize>i << 3;
      const u = f64x2.mul(v128.load(row + at), invs);
      v128.store(workPtr + at, u);
      v128.store(gradPtr + at, f64x2.add(v128.load(gradPtr + at), u));
    }
    if (i < n) {
      const at = <usize>i << 3;
      const u = load<f64>(row + at) * inv;
      store<f64>(workPtr + at, u);
      store<f64>(gradPtr + at, load<f64>(gradPtr + at) + u);
    }
    // Lower triangle: H[i][0..i] += u_i · u[0..i]
    for (let a = 0; a < n; a++) {
      const hRow = hessPtr + <usize>a * rowBytes;
      const ua = load<f64>(workPtr + (<usize>a << 3));
      const uas = f64x2.splat(ua);
      let j = 0;
      for (; j + 1 <= a; j += 2) {
        const at = <usize>j << 3;
        v128.store(hRow + at, f64x2.add(v128.load(hRow + at), f64x2.mul(uas, v128.load(workPtr + at))));
      }
      if (j == a) {
        const at = <usize>j << 3;
        store<f64>(hRow + at, load<f64>(hRow + at) + ua * load<f64>(workPtr + at));
      }
    }
  }
  if (derivatives != 0) {
    const scale = 1 / <f64>days;
    for (let a = 0; a < n; a++) {
      store<f64>(gradPtr + (<usize>a << 3), load<f64>(gradPtr + (<usize>a << 3)) * scale);
      for (let b = 0; b <= a; b++) {
        const v = -load<f64>(hessPtr + ((<usize>a * <usize>n + <usize>b) << 3)) * scale;
        store<f64>(hessPtr + ((<usize>a * <usize>n + <usize>b) << 3), v);
        store<f64>(hessPtr + ((<usize>b * <usize>n + <usize>a) << 3), v);
      }
    }
  }
  return logSum / <f64>days;
}
