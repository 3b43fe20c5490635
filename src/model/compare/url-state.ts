/**
 * The comparison view's state in a page address, so that a link reproduces the view.
 * Pure functions: state ↔ query string. Parameters (defaults are left out):
 *
 *   compare=eu,North%20America   the sides: jurisdiction ids or group names, comma-separated
 *                                (a `,` or `%` inside a name is written %2C / %25 before the
 *                                query is encoded)
 *   theme=Borders                limit to one theme
 *   only=differences,evidence    display filters
 *   sort=divergence              most divergent first
 *   cell=detention/ca            the selected cell: dimension id / jurisdiction id
 *
 * Parameters the view does not own (e.g. `matrix`) are kept as they are. Unknown values
 * are ignored, never an error: a hand-edited link still opens.
 */
import { SORT_ORDERS, type SortOrder } from './view.ts';

export interface CompareViewState {
  /** Side tokens, in order; undefined = not set (the view's default applies). */
  sides: string[] | undefined;
  /** '' = every theme. */
  theme: string;
  onlyDifferences: boolean;
  onlyEvidence: boolean;
  sort: SortOrder;
  cell: { dimension: string; jurisdiction: string } | undefined;
}

export const DEFAULT_VIEW_STATE: CompareViewState = Object.freeze({
  sides: undefined,
  theme: '',
  onlyDifferences: false,
  onlyEvidence: false,
  sort: 'order',
  cell: undefined,
}) as CompareViewState;

/** The parameter names this codec owns. */
export const PARAMS = { sides: 'compare', theme: 'theme', only: 'only', sort: 'sort', cell: 'cell' } as const;

const escapeToken = (t: string) => t.replace(/%/g, '%25').replace(/,/g, '%2C');
const unescapeToken = (t: string) => t.replace(/%2C/gi, ',').replace(/%25/g, '%');

/** Split a comma list of tokens (as written by `formatSides`); blanks are dropped. */
export const parseSides = (value: string): string[] =>
  value.split(',').map((t) => unescapeToken(t).trim()).filter((t) => t !== '');

export const formatSides = (tokens: readonly string[]): string => tokens.map(escapeToken).join(',');

/** The view state a query string (with or without its leading `?`) describes. */
export function parseViewState(query: string): CompareViewState {
  const params = new URLSearchParams(query);
  const state: CompareViewState = { ...DEFAULT_VIEW_STATE };
  const sides = params.get(PARAMS.sides);
  // An empty list is the default (every jurisdiction), as when the parameter is absent.
  if (sides !== null && parseSides(sides).length > 0) state.sides = parseSides(sides);
  state.theme = params.get(PARAMS.theme) ?? '';
  const only = (params.get(PARAMS.only) ?? '').split(',').map((s) => s.trim());
  state.onlyDifferences = only.includes('differences');
  state.onlyEvidence = only.includes('evidence');
  const sort = params.get(PARAMS.sort);
  if (sort !== null && (SORT_ORDERS as readonly string[]).includes(sort)) state.sort = sort as SortOrder;
  const cell = params.get(PARAMS.cell);
  const slash = cell?.lastIndexOf('/') ?? -1;
  if (cell && slash > 0 && slash < cell.length - 1) state.cell = { dimension: cell.slice(0, slash), jurisdiction: cell.slice(slash + 1) };
  return state;
}

/**
 * `query` with the view's parameters set to `state` (defaults removed), other parameters
 * kept in place. Returns the query with a leading `?`, or '' when nothing is left.
 */
export function writeViewState(state: CompareViewState, query = ''): string {
  const params = new URLSearchParams(query);
  const set = (name: string, value: string | undefined) => (value === undefined || value === '' ? params.delete(name) : params.set(name, value));
  set(PARAMS.sides, state.sides === undefined ? undefined : formatSides(state.sides) || undefined);
  set(PARAMS.theme, state.theme);
  const only = [state.onlyDifferences ? 'differences' : '', state.onlyEvidence ? 'evidence' : ''].filter(Boolean).join(',');
  set(PARAMS.only, only);
  set(PARAMS.sort, state.sort === 'order' ? undefined : state.sort);
  set(PARAMS.cell, state.cell ? `${state.cell.dimension}/${state.cell.jurisdiction}` : undefined);
  const text = params.toString();
  return text ? `?${text}` : '';
}
