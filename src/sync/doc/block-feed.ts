/**
 * The mirror rows of one of a document's big tables (cells, citations) on a join, made a
 * block at a time when first needed (readMatrixDoc's `defer`, convert.ts), instead of all of
 * them during the join: a join of the 100,000-cell matrix made 300,000 rows, parsed 20 MB of
 * block heads and checked every key before showing anything, about 0.4–0.8 s of its time.
 * Blocks with a row made, edited or removed since are read row by row during the join as
 * before; the feed hands those rows out in their place.
 *
 * The join took the blocks' records as the table's file on two assumptions, which
 * readMatrixDoc checks before it does the same: every block's records are cut cleanly by its
 * head's lengths, and no key is there twice (BulkCheck: else two rows would have to be
 * resolved). The feed checks both as it makes the rows, and that there are as many rows as
 * the store has objects. A document that fails (never one a server made from a folder: it
 * resolves what it made) was loaded wrongly: the feed says so once (DocMirror.feedFailed), and the
 * binding reads the document again the long way.
 */
import type { TableName } from '../../model/types.ts';
import { eachBlockRow } from './blocks.ts';
import { BulkCheck } from './bulk-check.ts';
import { LAYOUTS } from './layout.ts';
import { MirrorRow, type DocMirror } from './mirror.ts';
import type { RowObject } from './table-rows.ts';

/** A block as the document held it when the join read it: its name and its string. */
export type BlockEntry = readonly [name: string, text: string];

/**
 * What a feed makes rows of, in the table's file order: a block the join took whole (its
 * rows made when needed), or rows the join made at once (a block with rows edited, made or
 * removed since, and the rows made since: read row by row, checked then).
 */
export type FeedEntry = { readonly block: BlockEntry } | { readonly rows: MirrorRow[] };

/** The records of a block as a join takes them whole: everything after its head. */
export function blockBody(text: string): string {
  const at = text.indexOf('\n');
  return at < 0 ? '' : text.slice(at + 1);
}

export class BlockFeed {
  private next = 0;
  private made = 0;
  private objects: readonly RowObject[] | undefined;
  private failed = false;
  /** The check readMatrixDoc makes before taking a table in bulk. */
  private readonly check: BulkCheck;

  constructor(
    private readonly table: TableName,
    private blocks: readonly FeedEntry[],
    /** The mirror the rows are for: told of each block's rows as they are made, and when they are not what the join assumed. */
    private readonly mirror: DocMirror,
  ) {
    // (Rows made since are in blocks read row by row, checked then: no block here has rows to check by full key.)
    this.check = new BulkCheck(LAYOUTS[table], new Set());
  }

  /** Blocks not made into rows yet. */
  get left(): number {
    return this.blocks.length - this.next;
  }

  /** The store's objects of the table's rows, in the order of the file the join made (the i-th row gets the i-th). */
  attach(objects: readonly RowObject[]): void {
    if (this.made) throw new Error('BlockFeed.attach: rows were made before their objects were known');
    this.objects = objects;
  }

  /** The rows of the next entry (a block's made and checked); undefined when every entry is made. */
  take(): MirrorRow[] | undefined {
    if (this.next >= this.blocks.length) return undefined;
    const entry = this.blocks[this.next++];
    const objects = this.objects;
    if ('rows' in entry) {
      const rows = entry.rows;
      for (let i = 0; i < rows.length; i++) rows[i].object = objects?.[this.made + i];
      this.made += rows.length;
      return this.done(rows);
    }
    const [name, text] = entry.block;
    const layout = LAYOUTS[this.table];
    const rows: MirrorRow[] = [];
    this.check.block(name);
    let section: string | undefined;
    let readable = true;
    try {
      section = eachBlockRow(text, (rowKey, rowId, positions, record) => {
        const row = new MirrorRow(layout, rowKey, rowId, positions);
        row.record = record;
        row.object = objects?.[this.made + rows.length];
        this.check.blockRow(row);
        rows.push(row);
      });
    } catch {
      // A head that is not one (a document no server made): read again the long way, which says what is wrong.
      readable = false;
    }
    this.made += rows.length;
    // The join took this block's body as its records exactly when it was not empty.
    const taken = blockBody(text) !== '';
    if (!readable || (rows.length ? !taken || section === undefined : taken)) this.fail();
    if (!this.check.ok) this.fail();
    return this.done(rows);
  }

  /** Hand out an entry's rows; after the last, check the count and let go of what the feed held. */
  private done(rows: MirrorRow[]): MirrorRow[] {
    const objects = this.objects;
    if (this.next === this.blocks.length) {
      if (this.made !== (objects?.length ?? this.made)) this.fail();
      // Done: what it held (the store's rows of the join, which edits replace) is let go.
      this.blocks = [];
      this.next = 0;
      this.objects = undefined;
    }
    this.mirror.madeRows(rows);
    return rows;
  }

  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    this.mirror.feedFailed();
  }
}
