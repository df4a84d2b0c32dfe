/** "0.25 × Kelly (1.71×)" when the Kelly exposure is known, else "exposure 1.71×". */
export function exposureLabel(exposure: number, kellyExposure: number | undefined): string {
  return kellyExposure === undefined ? `exposure ${short(exposure)}×` : `${short(exposure / kellyExposure)} × Kelly (${short(exposure)}×)`;
}

/** A number with at most 3 significant digits, without trailing zeros: 0.25, 1.71, 13.7. */
export function short(x: number): string {
  return String(Number(x.toPrecision(3)));
}

/** 0.5 → "50 %". */
export function percentLabel(x: number): string {
  return `${short(x * 100)} %`;
}
