/** One cut in calendar time across several series. */
export interface CalendarSplit {
  /** Every date any series has, sorted, each once. */
  calendar: string[];
  /** The first date of the held-out part. */
  splitDate: string;
}

/**
 * The walk-forward split of several dated series (ISO dates, checked by the caller): their
 * union calendar and the date at `fraction` of it. Trades closed before the split date train,
 * trades signalled on or after it are held out, and trades open across it are in neither —
 * one cut in calendar time for every series, so no model is trained on anything that happened
 * after a trade it is tested on, whichever series each comes from. (A split at a fraction of
 * each series' own bars would train on one series' later years and test on another's earlier
 * ones.) O(N log N) in the number of dates.
 *
 * @example calendarSplit([['2020-01-01', '2020-01-02'], ['2020-01-02', '2020-01-03', '2020-01-06']], 0.5).splitDate // '2020-01-03'
 */
export function calendarSplit(dates: readonly (readonly string[])[], fraction: number): CalendarSplit {
  const calendar = [...new Set(dates.flat())].sort();
  return { calendar, splitDate: calendar[Math.min(calendar.length - 1, Math.floor(calendar.length * fraction))] };
}
