import { SizewiseError, describeValue } from '../errors.js';
import type { Calibrator } from './Calibrator.js';
import { IsotonicCalibrator } from './isotonicCalibration.js';
import { PlattCalibrator } from './plattCalibration.js';

/**
 * Restores a calibrator saved with `toJSON()` (after `JSON.stringify` / `JSON.parse`),
 * whichever kind it is.
 *
 * @example calibratorFromJSON(JSON.parse(JSON.stringify(plattCalibration(scores, outcomes))))
 */
export function calibratorFromJSON(json: unknown): Calibrator {
  const kind = json !== null && typeof json === 'object' ? (json as { kind?: unknown }).kind : undefined;
  if (kind === 'platt') return PlattCalibrator.fromJSON(json);
  if (kind === 'isotonic') return IsotonicCalibrator.fromJSON(json);
  if (json === null || typeof json !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'json', `json must be a saved calibrator object, received ${describeValue(json)}`, json);
  }
  throw new SizewiseError('UNKNOWN_VALUE', 'json.kind', `json.kind must be "platt" or "isotonic", received ${describeValue(kind)}`, kind);
}
