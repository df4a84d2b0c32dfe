// Parsers for option values: each turns the text as typed into a checked value, or throws
// commander's InvalidArgumentError, which commander reports with the option's name
// ("error: option '--paths <n>' argument 'abc' is invalid. …") and which exits with code 2.
import { InvalidArgumentError } from 'commander';

/** A number written plainly (no percent sign, no units). */
function parseNumber(text: string): number {
  const trimmed = text.trim();
  if (trimmed.endsWith('%')) throw new InvalidArgumentError(`write it as a fraction without "%": 2.5 % is 0.025.`);
  const x = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(x)) throw new InvalidArgumentError('expected a number.');
  return x;
}

/** An integer in [min, max]. */
export function integerArg(min: number, max = Number.MAX_SAFE_INTEGER): (text: string) => number {
  return (text) => {
    const x = parseNumber(text);
    if (!Number.isInteger(x) || x < min || x > max) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}.`);
    return x;
  };
}

/** A number in an interval; `open` excludes the ends. */
export function numberArg(min: number, max: number, open: { min?: boolean; max?: boolean } = {}): (text: string) => number {
  const range = `${open.min === true ? '(' : '['}${min}, ${max}${open.max === true ? ')' : ']'}`;
  return (text) => {
    const x = parseNumber(text);
    const below = open.min === true ? x <= min : x < min;
    const above = open.max === true ? x >= max : x > max;
    if (below || above) throw new InvalidArgumentError(`expected a number in ${range}.`);
    return x;
  };
}

/** A fraction in (0, 1), such as a probability limit or a drawdown level. */
export const fractionArg = numberArg(0, 1, { min: true, max: true });

/** A comma-separated list of numbers, each checked by `item`. */
export function listArg(item: (text: string) => number): (text: string) => number[] {
  return (text) => {
    const parts = text.split(',').map((p) => p.trim());
    if (parts.some((p) => p === '')) throw new InvalidArgumentError('expected numbers separated by commas, such as 0.25,0.5,1.');
    return parts.map((p, i) => {
      try {
        return item(p);
      } catch (error) {
        throw new InvalidArgumentError(`item ${i + 1} (${JSON.stringify(p)}): ${(error as Error).message}`);
      }
    });
  };
}

/** An amount of money as a decimal string (kept exact: the library turns it into a Decimal). */
export function moneyArg(text: string): string {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) throw new InvalidArgumentError('expected an amount such as 100000 or 412.37 (digits and one decimal point).');
  return trimmed;
}

/** One of a fixed set of words (case-insensitive in, upper case out). */
export function choiceArg(choices: readonly string[]): (text: string) => string {
  return (text) => {
    const upper = text.trim().toUpperCase();
    if (!choices.includes(upper)) throw new InvalidArgumentError(`expected one of ${choices.join(', ')}.`);
    return upper;
  };
}
