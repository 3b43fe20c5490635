/**
 * The notation of row keys, cited values, filters, categories and levels
 * (`Column=value|value; Column=value`): what a spreadsheet user types reads as meant, and
 * whatever a name or value holds is written so that it reads back exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeValue, formatList, formatPairs, parseList, parsePairs, parseRowValues } from '../../src/model/dataset/pairs.ts';

const plain = (text: string) => {
  const parsed = parsePairs(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.pairs.map((p) => [p.name.text, p.values.map((v) => v.text)]);
};

describe('the pairs notation', () => {
  it('reads a row key, with white space around names and values ignored', () => {
    expect(plain('Passport=Brazil; Destination=Canada')).toEqual([['Passport', ['Brazil']], ['Destination', ['Canada']]]);
    expect(plain('  Passport = Brazil ;Destination=  Canada  ;')).toEqual([['Passport', ['Brazil']], ['Destination', ['Canada']]]);
    expect(plain('Destination=United States')).toEqual([['Destination', ['United States']]]);
  });

  it('reads alternatives and the notation\'s own words', () => {
    const parsed = parsePairs('free=visa free|eta|{number}; {leave out}=-1');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.pairs[0].values.map((v) => [v.text, v.special])).toEqual([['visa free', false], ['eta', false], ['{number}', true]]);
    expect(parsed.pairs[1].name).toEqual({ text: '{leave out}', special: true });
  });

  it('makes escaped characters plain: separators, a leading brace, spaces at the ends', () => {
    const parsed = parsePairs('A\\;B=x\\=y\\|z; C=\\{number}; D=\\ padded\\ ');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.pairs.map((p) => [p.name.text, p.values.map((v) => [v.text, v.special])])).toEqual([
      ['A;B', [['x=y|z', false]]],
      ['C', [['{number}', false]]],
      ['D', [[' padded ', false]]],
    ]);
  });

  it('says plainly what cannot be read', () => {
    expect(parsePairs('Passport')).toEqual({ ok: false, message: '"Passport" has no "=" and value' });
    expect(parsePairs('=Brazil')).toEqual({ ok: false, message: 'a "=" with no name before it' });
    expect(parseRowValues('Passport=Brazil|Chile')).toEqual({ ok: false, message: 'column "Passport" has 2 values: a row is named by one value per column' });
    expect(parseRowValues('Passport=Brazil; Passport=Chile')).toEqual({ ok: false, message: 'column "Passport" is named twice' });
    expect(parseRowValues('  ')).toEqual({ ok: false, message: 'no column is named (write Column=value; Column=value)' });
  });

  it('writes the canonical form, escaping only what needs it', () => {
    expect(formatPairs([{ name: 'Passport', values: ['Brazil'] }, { name: 'Destination', values: ['Canada'] }])).toBe('Passport=Brazil; Destination=Canada');
    expect(escapeValue('a;b=c|d\\e')).toBe('a\\;b\\=c\\|d\\\\e');
    expect(escapeValue('{number}')).toBe('\\{number}');
    expect(escapeValue(' x ')).toBe('\\ x\\ ');
    expect(formatList(['Austria', 'Czech Republic'])).toBe('Austria | Czech Republic');
    expect(parseList('Austria | Czech Republic|').map((v) => v.text)).toEqual(['Austria', 'Czech Republic']);
  });

  it('round-trips any names and values', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', ';', '=', '|', '\\', '{', '}', '\t', 'é', '"', ','), maxLength: 12 });
    fc.assert(fc.property(fc.array(fc.record({ name: text.filter((t) => t.trim() !== ''), values: fc.array(text, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 4 }), (pairs) => {
      const parsed = parsePairs(formatPairs(pairs));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.pairs.map((p) => ({ name: p.name.text, values: p.values.map((v) => v.text) }))).toEqual(pairs);
      expect(parsed.pairs.every((p) => !p.name.special && p.values.every((v) => !v.special))).toBe(true);
    }));
    fc.assert(fc.property(fc.array(text.filter((t) => t !== ''), { maxLength: 5 }), (values) => {
      expect(parseList(formatList(values)).map((v) => v.text)).toEqual(values);
    }));
  });
});

describe('row keys and cited values read quickly', () => {
  /** The general reader's answer for a row's values (no shortcut): what parseRowValues must give. */
  function slowRowValues(text: string) {
    const parsed = parsePairs(text);
    if (!parsed.ok) return parsed;
    const columns: string[] = [];
    const values: string[] = [];
    for (const p of parsed.pairs) {
      if (p.values.length !== 1 || columns.includes(p.name.text)) return { ok: false };
      columns.push(p.name.text);
      values.push(p.values[0].text);
    }
    return columns.length ? { ok: true, columns, values } : { ok: false };
  }

  it('read a text without escapes exactly as the general reader does (names, values, spaces, empty items, errors)', () => {
    const text = fc.array(fc.constantFrom('a', 'B', ' ', '\t', '=', ';', '{', '}', '-', '1'), { maxLength: 30 }).map((cs) => cs.join(''));
    fc.assert(fc.property(text, (t) => {
      const fast = parseRowValues(t);
      const slow = slowRowValues(t);
      expect(fast.ok).toBe(slow.ok);
      if (fast.ok && slow.ok) expect(fast).toEqual(slow);
    }), { numRuns: 3000 });
  });
});
