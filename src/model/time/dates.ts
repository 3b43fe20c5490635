/**
 * The format's dates: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. A date with lower precision stands
 * for a span of days: it compares by its first day where it starts something (`in_force_from`,
 * `observed`) and by its last day where it ends something (`in_force_until`), and an as-of
 * date stands for its last day (the matrix "as of 2003" is the matrix at the end of 2003).
 * Days are counted as whole numbers (days since 1970-01-01, UTC), so comparing is subtraction.
 */

const DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

const DAY_MS = 86_400_000;

/** Days in a month of a year (month 1–12). */
const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

interface Parts {
  year: number;
  month?: number;
  day?: number;
}

function parts(date: string): Parts | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? undefined : Number(m[2]);
  const day = m[3] === undefined ? undefined : Number(m[3]);
  if (month !== undefined && day !== undefined && day > daysIn(year, month)) return undefined;
  return { year, month, day };
}

const dayOf = (year: number, month: number, day: number) => Math.round(Date.UTC(year, month - 1, day) / DAY_MS);

/** Whether `date` is a date of the format (YYYY, YYYY-MM or YYYY-MM-DD, a real day). */
export const isFormatDate = (date: string): boolean => parts(date) !== undefined;

/** The first day `date` covers (a day number), or undefined when it is not a date. */
export function firstDay(date: string): number | undefined {
  const p = parts(date);
  return p && dayOf(p.year, p.month ?? 1, p.day ?? 1);
}

/** The last day `date` covers (a day number), or undefined when it is not a date. */
export function lastDay(date: string): number | undefined {
  const p = parts(date);
  if (!p) return undefined;
  const month = p.month ?? 12;
  return dayOf(p.year, month, p.day ?? daysIn(p.year, month));
}

/** A day number as `YYYY-MM-DD`. */
export function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The year of a date of the format ('' when it is not one). */
export const yearOf = (date: string): string => (parts(date) ? date.slice(0, 4) : '');
