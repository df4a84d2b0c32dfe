// The scaling vocabulary of the regime classifier. It says how to scale a position in and
// out (adds and partial exits); it is not a market regime (see rl/stateSpec and
// sizing/regimeCodes for those), hence the distinct names.

/** Whether adding to a winner is expected to pay: the tree's target. */
export type ScalingRegime = 'ADD_ALLOWED' | 'ADD_NEUTRAL' | 'NO_ADD';

/** How to take profits: let a continuation run, or bank a bigger part early on a mean reversion. */
export type ExitBias = 'CONTINUATION' | 'MEAN_REVERSION';

export const SCALING_REGIMES = Object.freeze(['ADD_ALLOWED', 'ADD_NEUTRAL', 'NO_ADD'] as const satisfies readonly ScalingRegime[]);

export const EXIT_BIASES = Object.freeze(['CONTINUATION', 'MEAN_REVERSION'] as const satisfies readonly ExitBias[]);

/** The first exit's fraction under each exit bias (the source's numbers). */
export const EXIT_BIAS_FRACTIONS: Readonly<Record<ExitBias, number>> = Object.freeze({ CONTINUATION: 0.3, MEAN_REVERSION: 0.5 });

/** The template each scaling regime trades with: adds when they pay, none when they whipsaw. */
export const SCALING_REGIME_TEMPLATES: Readonly<Record<ScalingRegime, 'AGGRESSIVE' | 'NORMAL' | 'CONSERVATIVE'>> = Object.freeze({
  ADD_ALLOWED: 'AGGRESSIVE',
  ADD_NEUTRAL: 'NORMAL',
  NO_ADD: 'CONSERVATIVE',
});
