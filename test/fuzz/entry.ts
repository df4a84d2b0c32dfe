/**
 * One public function or method in the fuzz suite. `valid()` returns fresh valid arguments
 * (the controls, and the base that bad values are put into); `call` runs it; `check` states
 * what its result promises beyond "finite" (e.g. a size ≥ 0 and ≤ its cap), throwing when
 * broken.
 */
export interface FuzzEntry {
  /** `fn`, `Class` (constructor), `Class#method` or `Class.staticMethod`, as exported. */
  name: string;
  /** One or more sets of valid arguments, built fresh on every call. */
  valid: () => unknown[];
  call: (...args: unknown[]) => unknown;
  /** A promise about a successful result, beyond being finite. */
  check?: (result: unknown, args: unknown[]) => void;
  /** Result paths (regular expressions on `result.a[0].b`) where a non-finite number is documented. */
  allowNonFinite?: readonly RegExp[];
  /** The call returns a promise: it must reject, never throw. */
  async?: boolean;
  /** Runs relative to the suite's default (slow calls take fewer). */
  weight?: number;
  /** Longest a call may take (ms) before it counts as hanging; default 2000. */
  maxMs?: number;
}
