/**
 * Words about computed cells that the check of any matrix uses (why a cell is flagged), apart
 * from the code that computes them (see engine-hook.ts).
 */
import type { ComputedCheck } from './computed-checks.ts';

/** What a computed cell says about the cell's flag: undefined when the data backs its value. */
export function computedFlag(check: ComputedCheck): string | undefined {
  if (check.status === 'matches') return undefined;
  return check.reason ?? 'has a computed value that cannot be checked';
}

/** Reasons that are no problem of their own (their cause is reported once, elsewhere). */
export const RULE_FAILED_FLAG = 'has a rule that cannot be computed';
export const RULE_UNCHECKED_FLAG = 'has a computed value that cannot be checked';

/** Words for a stored or computed value and level. */
export const valueWords = (value: string, level: string): string => `"${value}"${level ? ` (level ${level})` : ''}`;

