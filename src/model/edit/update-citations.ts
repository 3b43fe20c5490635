/**
 * Several citations changed as one edit (one undo step, one history entry): what accepting a
 * re-anchoring gives (see sources/reanchor.ts), where each citation's quote, context, locator
 * and saved position may change together. Checked as `set-citation` checks one citation.
 */
import { SUPPORTS, entryKey, type Citation, type Support, type TextRange } from '../types.ts';
import type { Change, CitationFields, EditContext, EditPlan, EditRefusal } from './commands.ts';

/** One citation's new fields. */
export interface CitationUpdate {
  readonly dimension: string;
  readonly jurisdiction: string;
  /** The period of the cited cell (1 when left out). */
  readonly period?: number;
  readonly seq: number;
  readonly set: Readonly<CitationFields>;
  /**
   * The position to save (where the quote is found in the source text); `null` clears it.
   * Left out, the position is kept, unless the quote or source changes (then it is cleared, as
   * `set-citation` does).
   */
  readonly position?: TextRange | null;
}

const FIELDS = ['source', 'quote', 'prefix', 'suffix', 'locator', 'support', 'attribution'] as const;

const refuse = (message: string): EditRefusal => ({ ok: false, message });

const positionText = (n: number | undefined) => (n === undefined ? '' : String(n));

/** Plan an `update-citations` edit: every update applies, or none (the first problem refuses the edit). */
export function planCitationUpdates(ctx: EditContext, label: string, updates: readonly CitationUpdate[]): EditPlan | EditRefusal {
  const replace: [Citation, Citation][] = [];
  const changes: Change[] = [];
  const done = new Set<Citation>();
  for (const u of updates) {
    const period = u.period ?? 1;
    const old = ctx.citationsOf(entryKey(u.dimension, u.jurisdiction, period)).find((c) => c.seq === u.seq);
    if (!old) return refuse(`cell (${u.dimension}, ${u.jurisdiction}) has no citation ${u.seq}`);
    if (done.has(old)) return refuse(`citation ${u.seq} of cell (${u.dimension}, ${u.jurisdiction}) is updated twice in one edit`);
    done.add(old);
    const next: Citation = { ...old };
    for (const f of FIELDS) {
      const value = u.set[f];
      if (value === undefined) continue;
      if (f === 'support') {
        if (!SUPPORTS.includes(value as Support)) return refuse(`support "${value}" is not one of ${SUPPORTS.join(', ')}`);
        next.support = value as Support;
      } else next[f] = f === 'quote' ? value.trim() : value;
    }
    if (next.quote === '') return refuse(`the quote of citation ${u.seq} of cell (${u.dimension}, ${u.jurisdiction}) would be empty`);
    if (next.source !== old.source && !ctx.matrix.sources.some((s) => s.id === next.source)) return refuse(`there is no source "${next.source}" in sources.csv`);
    if (u.position === null || (u.position === undefined && (next.quote !== old.quote || next.source !== old.source))) {
      next.start = undefined;
      next.end = undefined;
    } else if (u.position) {
      const { start, end } = u.position;
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start)) {
        return refuse(`the position ${start}–${end} of citation ${u.seq} of cell (${u.dimension}, ${u.jurisdiction}) is not a range of the text`);
      }
      next.start = start;
      next.end = end;
    }
    const target = { kind: 'citation', dimension: u.dimension, jurisdiction: u.jurisdiction, seq: u.seq, ...(period === 1 ? {} : { period }) } as const;
    const own: Change[] = FIELDS.filter((f) => old[f] !== next[f]).map((f) => ({ target, field: f, old: old[f], new: next[f] }));
    for (const f of ['start', 'end'] as const) {
      if (old[f] !== next[f]) own.push({ target, field: f, old: positionText(old[f]), new: positionText(next[f]) });
    }
    if (own.length === 0) continue;
    changes.push(...own);
    replace.push([old, next]);
  }
  if (replace.length === 0) return { ok: false, message: 'nothing changes', noop: true };
  return { ok: true, label, changes, patch: { citations: { replace } } };
}
