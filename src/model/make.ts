/**
 * Model objects with every field the format gives a default filled in, in the order the
 * loader makes them (row locations tell tables apart by their objects' keys: see
 * format/row-locations.ts). For code that makes rows (edits, generated matrices, tests).
 */
import type { Cell, Citation, Dimension, Level } from './types.ts';

export function makeCell(init: Pick<Cell, 'dimension' | 'jurisdiction'> & Partial<Cell>): Cell {
  const cell: Cell = {
    dimension: init.dimension, jurisdiction: init.jurisdiction, period: init.period ?? 1,
    value: init.value ?? '', level: init.level ?? '',
    inForceFrom: init.inForceFrom ?? '', inForceUntil: init.inForceUntil ?? '', observed: init.observed ?? '',
    status: init.status ?? 'not_in_source', confidence: init.confidence ?? '', relative: init.relative ?? false,
    note: init.note ?? '',
  };
  if (init.extra !== undefined) cell.extra = init.extra;
  return cell;
}

export function makeCitation(init: Pick<Citation, 'dimension' | 'jurisdiction' | 'seq' | 'source' | 'quote'> & Partial<Citation>): Citation {
  const citation: Citation = {
    dimension: init.dimension, jurisdiction: init.jurisdiction, period: init.period ?? 1, seq: init.seq,
    source: init.source, quote: init.quote, prefix: init.prefix ?? '', suffix: init.suffix ?? '', locator: init.locator ?? '',
    support: init.support ?? 'states', attribution: init.attribution ?? '',
  };
  if (init.start !== undefined) citation.start = init.start;
  if (init.end !== undefined) citation.end = init.end;
  if (init.extra !== undefined) citation.extra = init.extra;
  return citation;
}

export function makeDimension(init: Pick<Dimension, 'id' | 'label' | 'valueType'> & Partial<Dimension>): Dimension {
  const dimension: Dimension = {
    id: init.id, label: init.label, definition: init.definition ?? '', theme: init.theme ?? '', valueType: init.valueType,
    scale: init.scale ?? '', unit: init.unit ?? '', order: init.order ?? 1,
    basis: init.basis ?? '', codingRules: init.codingRules ?? '', direction: init.direction ?? '',
  };
  if (init.extra !== undefined) dimension.extra = init.extra;
  return dimension;
}

export function makeLevel(init: Pick<Level, 'scale' | 'rank' | 'id'> & Partial<Level>): Level {
  const level: Level = {
    scale: init.scale, rank: init.rank, id: init.id, label: init.label ?? init.id, definition: init.definition ?? '',
    needsAbsolute: init.needsAbsolute ?? false,
  };
  if (init.extra !== undefined) level.extra = init.extra;
  return level;
}
