/**
 * Whether a table's rows, as a document's blocks hold them, can go into its mirror in bulk
 * (indexed later): see BulkCheck. Used by readMatrixDoc (convert.ts) and by the rows of a
 * table made when first needed (block-feed.ts).
 */
import { blockOf, type TableLayout } from './layout.ts';
import { fullKey, type MirrorRow } from './mirror.ts';

/** Order of places (`period`, `seq`): by length, then by character: digits compare as numbers, and it tells any two texts apart. */
function placesAfter(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x === y) continue;
    return x.length !== y.length ? x.length > y.length : x > y;
  }
  return false;
}

/**
 * Whether the rows of a table that has places in its key (cells, citations) can go into its
 * mirror in bulk, indexed later (TableMirror.addLater): every row key different, every full
 * key different. Checked a block at a time, without a string or a set per row: a row of a
 * block names the block's value first (checked), so rows of different blocks differ in both
 * keys; within a block, the rows of one identity (a cell's periods, a cell's citations) come
 * together with their places in order, as a document made from a saved folder has them.
 * Anything else (and rows made since, with their block's) is checked with sets of full keys.
 */
export class BulkCheck {
  ok = true;
  private prefix = '';
  /** Identities met in this block (their row keys' first part), and the current one's. */
  private identities = new Set<string>();
  private run = '';
  private runPlaces: readonly string[] = [];
  private runIds: string[] = [];
  /** Full keys of the blocks that rows made since belong to (null: none), kept for them. */
  private fullKeys: Set<string> | null = null;
  private readonly kept = new Map<string, Set<string>>();
  private readonly plain: RegExp;

  constructor(private readonly layout: TableLayout, private readonly madeBlocks: ReadonlySet<string>) {
    this.plain = new RegExp(`^\\[(?:"[^"\\\\\\u0000-\\u001f\\ud800-\\udfff]*",){${layout.identity.length}}$`);
  }

  block(name: string): void {
    this.prefix = '[' + JSON.stringify(name) + ',';
    this.identities = new Set();
    this.run = '';
    this.fullKeys = null;
    if (this.madeBlocks.has(name)) this.kept.set(name, (this.fullKeys = new Set()));
  }

  blockRow(row: MirrorRow): void {
    if (!this.ok) return;
    const { rowKey, rowId } = row;
    if (this.fullKeys) this.full(this.fullKeys, row);
    // The row key: the block's value first, the row's id last (`"<id>"]`).
    const idAt = rowKey.length - rowId.length - 3;
    if (row.positions.length !== this.layout.positions.length || idAt < this.prefix.length || rowKey.charCodeAt(idAt) !== 34 || !rowKey.endsWith('"]') || !rowKey.startsWith(rowId, idAt + 1) || !rowKey.startsWith(this.prefix) || /["\\\u0000-\u001f]/.test(rowId)) {
      this.ok = false;
      return;
    }
    if (idAt === this.run.length && rowKey.startsWith(this.run)) {
      // The same identity as the row before: a later place, another id.
      if (!placesAfter(row.positions, this.runPlaces) || this.runIds.length > 64 || this.runIds.includes(rowId)) this.ok = false;
      this.runIds.push(rowId);
    } else {
      const identity = rowKey.slice(0, idAt);
      // Written as JSON.stringify writes it (else two texts could be one identity), and not met before in the block.
      if (!this.plain.test(identity) || this.identities.has(identity)) this.ok = false;
      this.identities.add(identity);
      this.run = identity;
      this.runIds = [rowId];
    }
    this.runPlaces = row.positions;
  }

  madeRow(row: MirrorRow): void {
    if (!this.ok) return;
    const block = blockOf(row.identity);
    let keys = this.kept.get(block);
    if (!keys) this.kept.set(block, (keys = new Set()));
    this.full(keys, row);
  }

  private full(keys: Set<string>, row: MirrorRow): void {
    const key = fullKey(this.layout, row);
    if (keys.has(key)) this.ok = false;
    else keys.add(key);
  }
}
