/**
 * A join's fast way into a fresh document: one with its rows as the folder it was made from
 * had them, nothing made, edited or removed since (a server's document until its first
 * edit, and again after a rebuild). Each table's file is its blocks' records as they stand,
 * one string per block, without reading a row; the mirror's rows are made later, when first
 * needed (block-feed.ts), and checked then. readMatrixDoc (convert.ts) is the way for every
 * other document, and for a fresh one whose rows fail that check.
 */
import type * as Y from 'yjs';
import type { MatrixTexts } from '../../model/format/load.ts';
import { DESCRIPTOR_FILE, TABLES } from '../../model/format/schema.ts';
import { csvLine } from '../../model/format/csv/write-csv.ts';
import { TABLE_NAMES } from '../../model/types.ts';
import { BlockFeed, blockBody } from './block-feed.ts';
import { readBlock } from './blocks.ts';
import { docDescriptor, docHeader } from './convert.ts';
import { DocRows } from './doc-rows.ts';
import { DocMirror } from './mirror.ts';

export interface FreshDocTexts {
  readonly texts: MatrixTexts;
  /** Its tables' rows are made by feeds: give them the store's objects with `attachFed`. */
  readonly mirror: DocMirror;
}

/** (Y.Map's size counts its entries one by one: the raw map tells "none ever" at once.) */
const everSet = (map: object): boolean => (map as { _map: Map<string, unknown> })._map.size > 0;

/** The matrix of a fresh document as the text of its files; undefined when the document is not fresh. */
export function readFreshDoc(doc: Y.Doc): FreshDocTexts | undefined {
  const rows = new DocRows(doc);
  if (TABLE_NAMES.some((table) => everSet(rows.rows(table)) || everSet(rows.fields(table)))) return undefined;
  const mirror = new DocMirror();
  const texts: MatrixTexts = {};
  let computedRows = 0;
  for (const table of TABLE_NAMES) {
    const blocks = [...rows.blocks(table)];
    const bodies: string[] = [];
    for (const [, text] of blocks) {
      const body = blockBody(text);
      if (body !== '') bodies.push(body);
    }
    const header = csvLine(docHeader(rows, table));
    texts[TABLES[table].file] = bodies.length ? header + '\n' + bodies.join('\n') + '\n' : header + '\n';
    // (Computed cells are few: their number, for the descriptor, is read now.)
    if (table === 'computed') for (const [, text] of blocks) computedRows += readBlock(text).length;
    mirror.feed(table, new BlockFeed(table, blocks, mirror));
  }
  texts[DESCRIPTOR_FILE] = docDescriptor(rows, computedRows);
  return { texts, mirror };
}
