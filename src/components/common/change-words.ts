/** Changes and times in words, for the history lists (panel, history dialog) and banners. */
import type { Change } from '../../model/edit/commands.ts';
import { targetWords } from '../../model/edit/history.ts';

const FIELD_WORDS: Record<string, string> = {
  as_of: 'as of', seq: 'place', in_force_from: 'in force from', in_force_until: 'in force until', needs_absolute: 'needs absolute', coding_rules: 'coding rules',
};

const shown = (v: string) => (v === '' ? '(empty)' : `“${v.length > 120 ? `${v.slice(0, 117)}…` : v}”`);

/** `level: “rare” → “common”` (with the target when `withTarget`). */
export function changeWords(c: Change, withTarget = false): string {
  const field = FIELD_WORDS[c.field] ?? c.field;
  return `${withTarget ? `${targetWords(c.target)}, ` : ''}${field}: ${shown(c.old)} → ${shown(c.new)}`;
}

/** A time as people say it: "14:05:09" today, "3 Mar, 14:05" another day. */
export function timeWords(at: number, now = Date.now()): string {
  const d = new Date(at);
  const today = new Date(now).toDateString() === d.toDateString();
  const time = d.toLocaleTimeString(undefined, today ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' });
  return today ? time : `${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}, ${time}`;
}
