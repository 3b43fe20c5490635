import { describe, expect, it } from 'vitest';
import { headingAt, locatorFor, pagesOf, type TextMap } from '../../src/model/sources/text-map.ts';

const pdf: TextMap = {
  pages: [
    { start: 0, end: 100, index: 1, label: 'iii' },
    { start: 100, end: 250, index: 2, label: '12' },
    { start: 250, end: 400, index: 3, label: '13' },
  ],
  headings: [],
};

const web: TextMap = {
  pages: [],
  headings: [
    { start: 0, level: 1, text: 'Agreement' },
    { start: 50, level: 2, text: 'Article 3' },
    { start: 120, level: 2, text: 'Article 4' },
  ],
};

describe('locatorFor', () => {
  it('names the printed page a range lies on', () => {
    expect(locatorFor(pdf, { start: 110, end: 140 })).toBe('p. 12');
    expect(locatorFor(pdf, { start: 10, end: 20 })).toBe('p. iii');
  });

  it('names both pages of a range across a page break, with an en dash', () => {
    expect(locatorFor(pdf, { start: 240, end: 260 })).toBe('pp. 12\u201313');
  });

  it('does not count a page the range only ends at', () => {
    expect(pagesOf(pdf, { start: 90, end: 100 }).map((p) => p.label)).toEqual(['iii']);
    expect(locatorFor(pdf, { start: 90, end: 100 })).toBe('p. iii');
  });

  it('names the section a range starts in when there are no pages', () => {
    expect(locatorFor(web, { start: 60, end: 130 })).toBe('\u00a7 Article 3');
    expect(locatorFor(web, { start: 10, end: 20 })).toBe('\u00a7 Agreement');
    expect(headingAt(web, 119)?.text).toBe('Article 3');
  });

  it('says nothing when the map is empty', () => {
    expect(locatorFor({ pages: [], headings: [] }, { start: 0, end: 5 })).toBe('');
  });
});
