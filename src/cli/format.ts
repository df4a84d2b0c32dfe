// Small text formatters for the command line's reports.

/** 0.0742 → "7.42 %". */
export function pct(x: number, digits = 2): string {
  return `${(x * 100).toFixed(digits)} %`;
}

/** A number with fixed digits. */
export function num(x: number, digits = 2): string {
  return x.toFixed(digits);
}

/** A statistic that may be undefined (null): formatted, or "n/a". */
export function orNone(x: number | null, f: (x: number) => string = num): string {
  return x === null ? 'n/a' : f(x);
}

/** An interval as "[a, b]" with a formatter. */
export function interval([lo, hi]: readonly [number, number], f: (x: number) => string = num): string {
  return `[${f(lo)}, ${f(hi)}]`;
}

/** A section heading. */
export function heading(title: string): void {
  console.log(`\n## ${title}\n`);
}

/** Rows as an aligned text table; the first row is the header, the first column left-aligned. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const lines: string[] = [];
  rows.forEach((row, i) => {
    lines.push(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
    if (i === 0) lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
  });
  return lines.join('\n');
}

/** Prints rows as an aligned text table; the first row is the header. */
export function table(rows: readonly (readonly string[])[]): void {
  for (const line of formatTable(rows).split('\n')) console.log(line);
}
