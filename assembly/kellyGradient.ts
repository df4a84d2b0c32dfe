// Portfolio Kelly's hot loop: the sample's mean log growth G(w) = (1/T) Σ_t ln(1 + w·r_t)
// and, on request, its gradient g = (1/T) Σ_t r_t / s_t and Hessian H = −(1/T) Σ_t r_t r_tᵀ / s_t²,
// where s_t = 1 + w·r_t. T days × N assets, returns row-major (day t's N returns contiguous).
// The TypeScript twin is src/kelly/kellyGradientTwin.ts; the facade is src/kelly/kellyGradient.ts.
//
// Returns G, or −Infinity as soon as a day has s_t ≤ 0 (the weights would be ruined that day;
// the outputs are then not meaningful). With derivatives, writes g (N f64) and H (N × N f64,
// both triangles). `workPtr` is 4·N f64 of scratch for u = r_t / s_t of four days. Two assets
// per v128 step; the Hessian takes four days per pass over its lower triangle, so each of its
// entries is loaded and stored once per four days: H[a][b] += (u0a·u0b + u1a·u1b) + (u2a·u2b + u3a·u3b).

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
  let t = 0;
  while (t < days) {
    const block = days - t >= 4 ? 4 : 1;
    for (let d = 0; d < block; d++) {
      const row = returnsPtr + <usize>(t + d) * rowBytes;
      const s = 1 + dot(weightsPtr, row, n);
      if (!(s > 0)) return -Infinity;
      logSum += Math.log(s);
      if (derivatives != 0) scaleRow(row, 1 / s, workPtr + <usize>d * rowBytes, gradPtr, n);
    }
    if (derivatives != 0) {
      if (block == 4) addFourDays(hessPtr, workPtr, rowBytes, n);
      else addOneDay(hessPtr, workPtr, rowBytes, n);
    }
    t += block;
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

/** u = row · inv into `u`, and g += u. */
// @ts-ignore: decorator
@inline
function scaleRow(row: usize, inv: f64, u: usize, gradPtr: usize, n: i32): void {
  const invs = f64x2.splat(inv);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const at = <usize>i << 3;
    const v = f64x2.mul(v128.load(row + at), invs);
    v128.store(u + at, v);
    v128.store(gradPtr + at, f64x2.add(v128.load(gradPtr + at), v));
  }
  if (i < n) {
    const at = <usize>i << 3;
    const v = load<f64>(row + at) * inv;
    store<f64>(u + at, v);
    store<f64>(gradPtr + at, load<f64>(gradPtr + at) + v);
  }
}

/** Lower triangle: H[a][0..a] += (u0a·u0 + u1a·u1) + (u2a·u2 + u3a·u3), the u of four days at u, u + rowBytes, …. */
function addFourDays(hessPtr: usize, u: usize, rowBytes: usize, n: i32): void {
  const u1 = u + rowBytes;
  const u2 = u1 + rowBytes;
  const u3 = u2 + rowBytes;
  for (let a = 0; a < n; a++) {
    const hRow = hessPtr + <usize>a * rowBytes;
    const at = <usize>a << 3;
    const a0 = load<f64>(u + at);
    const a1 = load<f64>(u1 + at);
    const a2 = load<f64>(u2 + at);
    const a3 = load<f64>(u3 + at);
    const s0 = f64x2.splat(a0);
    const s1 = f64x2.splat(a1);
    const s2 = f64x2.splat(a2);
    const s3 = f64x2.splat(a3);
    let j = 0;
    for (; j + 1 <= a; j += 2) {
      const b = <usize>j << 3;
      const first = f64x2.add(f64x2.mul(s0, v128.load(u + b)), f64x2.mul(s1, v128.load(u1 + b)));
      const second = f64x2.add(f64x2.mul(s2, v128.load(u2 + b)), f64x2.mul(s3, v128.load(u3 + b)));
      v128.store(hRow + b, f64x2.add(v128.load(hRow + b), f64x2.add(first, second)));
    }
    if (j == a) {
      const b = <usize>j << 3;
      const first = a0 * load<f64>(u + b) + a1 * load<f64>(u1 + b);
      const second = a2 * load<f64>(u2 + b) + a3 * load<f64>(u3 + b);
      store<f64>(hRow + b, load<f64>(hRow + b) + (first + second));
    }
  }
}

/** Lower triangle: H[a][0..a] += ua·u, one day (the last days when T is not a multiple of 4). */
function addOneDay(hessPtr: usize, u: usize, rowBytes: usize, n: i32): void {
  for (let a = 0; a < n; a++) {
    const hRow = hessPtr + <usize>a * rowBytes;
    const ua = load<f64>(u + (<usize>a << 3));
    const uas = f64x2.splat(ua);
    let j = 0;
    for (; j + 1 <= a; j += 2) {
      const b = <usize>j << 3;
      v128.store(hRow + b, f64x2.add(v128.load(hRow + b), f64x2.mul(uas, v128.load(u + b))));
    }
    if (j == a) {
      const b = <usize>j << 3;
      store<f64>(hRow + b, load<f64>(hRow + b) + ua * load<f64>(u + b));
    }
  }
}
