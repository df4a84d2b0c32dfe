import { SizewiseError, describeValue } from '../errors.js';
import { finite } from '../validate.js';
import { checkInvertibleSize, checkSizeFunction, type SizeFunction } from './sizeFunction.js';

/**
 * The width w that makes a divergence x give the bet size m (AFML snippet 10.4, `getW`):
 * `sigmoid` w = x²·(m⁻² − 1), with 0 < |m| < 1 and x ≠ 0; `power` w = ln(m/sign x) / ln|x|,
 * with 0 < |x| < 1 and m of the sign of x, 0 < |m| < 1 (mlfinlab returns 0 with a warning
 * where w would be ≤ 0; here that is an error). O(1).
 *
 * @example calibrateWidth(10, 0.95) // 10.803324099723 (a divergence of 10 gives a 95 % bet)
 */
export function calibrateWidth(x: number, m: number, func?: SizeFunction): number {
  return widthFor(x, m, checkSizeFunction(func, 'func'), { x: 'x', m: 'm' });
}

/** `calibrateWidth` with the inputs' fields named as the caller spelled them. */
export function widthFor(x: unknown, m: unknown, func: SizeFunction, fields: { x: string; m: string }): number {
  const divergence = finite(x, fields.x);
  const size = checkInvertibleSize(func, m, fields.m);
  if (size === 0) {
    throw new SizewiseError('OUT_OF_RANGE', fields.m, `${fields.m} must not be 0: no finite width gives a zero bet at a non-zero divergence`, size);
  }
  if (func === 'sigmoid') {
    if (divergence === 0) {
      throw new SizewiseError('OUT_OF_RANGE', fields.x, `${fields.x} must not be 0: every width gives a zero bet at zero divergence`, divergence);
    }
    const w = divergence * divergence * (1 / (size * size) - 1);
    if (!(w > 0) || !Number.isFinite(w)) {
      throw new SizewiseError(
        'OUT_OF_RANGE',
        fields.x,
        `${fields.x} = ${describeValue(divergence)} with ${fields.m} = ${describeValue(size)} gives no finite width > 0`,
        divergence,
      );
    }
    return w;
  }
  if (!(Math.abs(divergence) > 0 && Math.abs(divergence) < 1)) {
    throw new SizewiseError(
      'OUT_OF_RANGE',
      fields.x,
      `${fields.x} must be in (−1, 0) or (0, 1) for the power function, received ${describeValue(divergence)}`,
      divergence,
    );
  }
  if (Math.abs(size) === 1 || Math.sign(size) !== Math.sign(divergence)) {
    throw new SizewiseError(
      'OUT_OF_RANGE',
      fields.m,
      `${fields.m} must have the sign of ${fields.x} and 0 < |${fields.m}| < 1 for the power function, received ${describeValue(size)}`,
      size,
    );
  }
  const w = Math.log(Math.abs(size)) / Math.log(Math.abs(divergence));
  if (!(w > 0) || !Number.isFinite(w)) {
    throw new SizewiseError('OUT_OF_RANGE', fields.x, `${fields.x} = ${describeValue(divergence)} with ${fields.m} = ${describeValue(size)} gives no finite width > 0`, divergence);
  }
  return w;
}
