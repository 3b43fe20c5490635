/**
 * The two dates of a form that compares the matrix at two dates (Changes: from / to; Then and
 * now: then / now), read from its fields by name and checked as the command line's dates are.
 */
import { asOfDay } from '../../model/time/as-of.ts';

export type DatePair = { dates: [string, string] } | { error: string };

export function readDatePair(form: HTMLFormElement, first: string, second: string): DatePair {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
  const dates: [string, string] = [value(first), value(second)];
  const bad = dates.find((d) => asOfDay(d) === undefined);
  return bad === undefined ? { dates } : { error: `"${bad}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD).` };
}
