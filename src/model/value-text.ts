/**
 * A cell's value as a reader sees it, the same in the grid, Compare, briefings, the wide CSV
 * and the command line: numbers with their dimension's unit ("11 sites", "1 site", "40%"),
 * yes/no capitalised.
 */
import type { Dimension } from './types.ts';

/** Plurals whose singular no rule below gives. */
const IRREGULAR: Record<string, string> = { people: 'person', children: 'child', men: 'man', women: 'woman', persons: 'person' };

/** Words after which a unit's head noun has been said: "people per year", "sites in operation". */
const AFTER_HEAD = new Set(['per', 'in', 'of', 'a', 'an', 'each', 'for', 'from', 'to', 'at', 'by', 'on', 'with']);

/**
 * An English plural noun as its singular ("countries" → "country", "cases" → "case",
 * "processes" → "process", "people" → "person"); a word that does not look like a plural
 * ("km", "EUR", "status", "analysis") is left as it is.
 */
function singular(word: string): string {
  const lower = word.toLowerCase();
  const irregular = IRREGULAR[lower];
  if (irregular) return word[0] === word[0].toUpperCase() && word[0] !== word[0].toLowerCase() ? irregular[0].toUpperCase() + irregular.slice(1) : irregular;
  if (!/^[a-z]{3,}$/i.test(word)) return word;
  if (/[^aeiou]ies$/i.test(word)) return word.slice(0, -3) + (word.endsWith('IES') ? 'Y' : 'y');
  if (/(ss|x|ch|sh)es$/i.test(word)) return word.slice(0, -2);
  if (/(ss|us|is)$/i.test(word)) return word;
  if (/s$/i.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * The unit as said after `value`: singular after 1 (or -1), as written otherwise. The unit's
 * head noun is the word before "per", "in", "of"… ("people per year" → "person per year"), or
 * its last word ("asylum claims" → "asylum claim").
 */
export function unitFor(value: string, unit: string): string {
  if (!/^[-+]?0*1$/.test(value.trim())) return unit;
  const words = unit.split(/(\s+)/);
  let head = words.length - 1;
  for (let i = 0; i < words.length; i += 2) {
    if (i > 0 && AFTER_HEAD.has(words[i].toLowerCase())) {
      head = i - 2;
      break;
    }
  }
  if (head < 0) return unit;
  words[head] = singular(words[head]);
  return words.join('');
}

/** A number with its unit: "40%", "11 sites", "1 site"; the value alone when there is no unit. */
export function withUnit(value: string, unit: string): string {
  if (!unit) return value;
  if (unit === '%') return `${value}%`;
  return `${value} ${unitFor(value, unit)}`;
}

/** The value as shown: with its unit for numbers, yes/no capitalised for booleans. */
export function shownValue(dimension: Dimension, value: string): string {
  if (value === '') return '';
  if (dimension.valueType === 'number') return withUnit(value, dimension.unit);
  if (dimension.valueType === 'boolean') return value === 'yes' ? 'Yes' : value === 'no' ? 'No' : value;
  return value;
}
