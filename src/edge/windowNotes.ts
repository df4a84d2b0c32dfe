/** How a window of closed trades was cut: by `days` first (trades closed after until − days), then the last `window`. */
export interface WindowCut {
  /** Trades before the window. */
  total: number;
  /** Trades left after the days cut (= total without one). */
  inDays: number;
  /** Trades left after both cuts. */
  kept: number;
  days?: number;
  /** End of the days window, epoch ms. */
  until?: number;
  /** Whether `until` is the caller's asOf rather than the latest closedAt. */
  asOf?: boolean;
  window?: number;
}

/**
 * What a window left out, said as estimateEdge says it in its warnings; one wording for
 * estimateEdge and the strategy tracker, which hands estimateEdge only the window's trades.
 */
export function windowNotes(cut: WindowCut): string[] {
  const notes: string[] = [];
  const byDays = cut.total - cut.inDays;
  if (byDays > 0 && cut.days !== undefined && cut.until !== undefined) {
    notes.push(`${byDays} of ${cut.total} trades left out: closed outside the ${cut.days} days up to ${new Date(cut.until).toISOString().slice(0, 10)}${cut.asOf === true ? '' : ' (the latest closedAt)'}`);
  }
  const byWindow = cut.inDays - cut.kept;
  if (byWindow > 0) notes.push(`${byWindow} older trades left out: the window keeps the last ${cut.window}`);
  return notes;
}
