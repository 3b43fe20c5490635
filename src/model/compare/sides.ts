/**
 * The sides of a comparison: single jurisdictions, or groups of them (the `group` column
 * of jurisdictions.csv, e.g. `EU`, `North America`). Pure functions, no DOM.
 */
import type { Jurisdiction, Matrix } from '../types.ts';

export type SideKind = 'jurisdiction' | 'group';

/** One side of a comparison: a jurisdiction, or a group of jurisdictions. */
export interface Side {
  kind: SideKind;
  /** The jurisdiction id, or the group name. */
  id: string;
  /** Unique among sides of both kinds: `jurisdiction:eu`, `group:North America`. */
  key: string;
  /** Display name: the jurisdiction's label, or the group name. */
  label: string;
  /** The jurisdictions on this side, in matrix order (one for a jurisdiction side). */
  members: Jurisdiction[];
}

export interface Group {
  name: string;
  /** In matrix order. */
  members: Jurisdiction[];
}

export interface SideResolution {
  /** The sides, in the order asked for, each once. */
  sides: Side[];
  /** Tokens that name neither a jurisdiction nor a group. */
  unknown: string[];
  /** Sides left out because a jurisdiction on them is already on an earlier side. */
  overlapping: { side: Side; jurisdiction: Jurisdiction; earlier: Side }[];
}

const byOrder = <T extends { order: number; id: string }>(a: T, b: T): number =>
  a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Jurisdictions in column order, each id once (the first row wins, as on load). */
export function orderedJurisdictions(matrix: Matrix): Jurisdiction[] {
  const seen = new Set<string>();
  return [...matrix.jurisdictions].sort(byOrder).filter((j) => !seen.has(j.id) && (seen.add(j.id), true));
}

/** The groups of the matrix (non-empty `group` values), ordered by their first member. */
export function groupsOf(matrix: Matrix): Group[] {
  const groups = new Map<string, Jurisdiction[]>();
  for (const j of orderedJurisdictions(matrix)) {
    if (j.group.trim() === '') continue;
    let members = groups.get(j.group);
    if (!members) groups.set(j.group, (members = []));
    members.push(j);
  }
  return [...groups].map(([name, members]) => ({ name, members }));
}

export const jurisdictionSide = (j: Jurisdiction): Side => ({
  kind: 'jurisdiction', id: j.id, key: `jurisdiction:${j.id}`, label: j.label || j.id, members: [j],
});

export const groupSide = (g: Group): Side => ({
  kind: 'group', id: g.name, key: `group:${g.name}`, label: g.name, members: g.members,
});

/**
 * The side a token names. Tried in this order: a jurisdiction id, a group name (both
 * exactly), then a jurisdiction id, a group name ignoring case. So with a jurisdiction
 * `eu` in a group `EU`, `eu` names the jurisdiction and `EU` the group.
 */
export function sideOf(matrix: Matrix, token: string): Side | undefined {
  const t = token.trim();
  if (t === '') return undefined;
  const jurisdictions = orderedJurisdictions(matrix);
  const groups = groupsOf(matrix);
  const lower = t.toLowerCase();
  const j = jurisdictions.find((x) => x.id === t);
  if (j) return jurisdictionSide(j);
  const g = groups.find((x) => x.name === t);
  if (g) return groupSide(g);
  const ji = jurisdictions.find((x) => x.id.toLowerCase() === lower);
  if (ji) return jurisdictionSide(ji);
  const gi = groups.find((x) => x.name.toLowerCase() === lower);
  return gi ? groupSide(gi) : undefined;
}

/**
 * Resolve tokens (jurisdiction ids or group names) to sides. A token repeated is kept
 * once; a side that shares a jurisdiction with an earlier side is left out and reported
 * (a jurisdiction is never compared with itself).
 */
export function resolveSides(matrix: Matrix, tokens: readonly string[]): SideResolution {
  const sides: Side[] = [];
  const unknown: string[] = [];
  const overlapping: SideResolution['overlapping'] = [];
  const owner = new Map<string, Side>();
  for (const token of tokens) {
    if (token.trim() === '') continue;
    const side = sideOf(matrix, token);
    if (!side) {
      if (!unknown.includes(token.trim())) unknown.push(token.trim());
      continue;
    }
    if (sides.some((s) => s.key === side.key)) continue;
    const clash = side.members.find((m) => owner.has(m.id));
    if (clash) {
      overlapping.push({ side, jurisdiction: clash, earlier: owner.get(clash.id)! });
      continue;
    }
    for (const m of side.members) owner.set(m.id, side);
    sides.push(side);
  }
  return { sides, unknown, overlapping };
}

/** Sides in matrix order: by the column order of their first member. */
export function sortSides(sides: readonly Side[]): Side[] {
  return [...sides].sort((a, b) => byOrder(a.members[0], b.members[0]) || (a.kind === b.kind ? 0 : a.kind === 'group' ? -1 : 1));
}
