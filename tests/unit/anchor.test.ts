import { describe, expect, it } from 'vitest';
import { SourceIndex } from '../../src/model/anchor/source-index.ts';
import { foldQuery } from '../../src/model/anchor/normalize.ts';
import { SMALL_SOURCE } from './support/small-matrix.ts';

const text = SMALL_SOURCE;
const index = new SourceIndex(text);
const slice = (r: { start: number; end: number } | undefined) => (r ? text.slice(r.start, r.end) : undefined);

describe('anchoring a quote in print-extracted text', () => {
  it('finds an exact quote and returns its range in the original text', () => {
    const a = index.anchor({ quote: 'Claimants must ask for protection in the first' });
    expect(a.status).toBe('found');
    expect(slice(a.range)).toBe('Claimants must ask for protection in the first');
  });

  it('crosses hard line breaks', () => {
    const a = index.anchor({ quote: 'in the first safe country they reach' });
    expect(a.status).toBe('found');
    expect(slice(a.range)).toBe('in the first\nsafe country they reach');
  });

  it('finds an end-of-line hyphenated word written whole, with "- ", or as printed', () => {
    for (const quote of ['but common in the south', 'but com- mon in the south', 'but com-\nmon in the south']) {
      const a = index.anchor({ quote });
      expect(a.status, quote).toBe('found');
      expect(slice(a.range)).toBe('but com-\nmon in the south');
    }
  });

  it('treats curly and straight quotes alike, and runs of white space as one', () => {
    const a = index.anchor({ quote: 'The "shared   perimeter" remains a goal.' });
    expect(a.status).toBe('found');
    expect(slice(a.range)).toBe('The “shared perimeter” remains a goal.');
  });

  it('reports a quote that occurs twice as ambiguous, listing both places', () => {
    const a = index.anchor({ quote: 'is harmonized across the union' });
    expect(a.status).toBe('ambiguous');
    expect(a.candidates).toHaveLength(2);
    expect(a.candidates!.map(slice)).toEqual(['is harmonized across the union', 'is harmonized across the union']);
  });

  it('settles an ambiguous quote with its prefix or its suffix', () => {
    const byPrefix = index.anchor({ quote: 'is harmonized across the union', prefix: 'visa policy' });
    expect(byPrefix.status).toBe('found');
    expect(text.slice(byPrefix.range!.start - 12, byPrefix.range!.start)).toBe('visa policy ');
    const bySuffix = index.anchor({ quote: 'is harmonized across the union', suffix: '; visa' });
    expect(bySuffix.status).toBe('found');
    expect(bySuffix.range!.start).toBeLessThan(byPrefix.range!.start);
  });

  it('reports a quote that is nowhere as orphaned, suggesting the close passage', () => {
    const a = index.anchor({ quote: 'Detention of claimants is rarely seen in the north' });
    expect(a.status).toBe('orphaned');
    expect(a.suggestion?.text).toContain('Detention of claimants is rare in the north');
    expect(a.suggestion!.similarity).toBeGreaterThan(0.75);
  });

  it('never attaches a quote silently to a look-alike passage', () => {
    const a = index.anchor({ quote: 'Detention of migrants is frequent in the east' });
    expect(a.status).toBe('orphaned');
    expect(a.range).toBeUndefined();
  });

  it('orphans a quote whose prefix does not match, pointing at where the quote is', () => {
    const a = index.anchor({ quote: 'Detention is rare', prefix: 'nowhere near' });
    expect(a.status).toBe('orphaned');
    expect(slice(a.suggestion?.range)).toBe('Detention is rare');
    expect(a.reason).toMatch(/prefix/);
  });

  it('finds short quotes without word-start k-grams by scanning', () => {
    const a = index.anchor({ quote: 'goal.' });
    expect(a.status).toBe('found');
  });

  it('folds dashes with the white space around them, ligatures and the ellipsis', () => {
    expect(foldQuery('force-\nsupport')).toBe(foldQuery('force–support'));
    expect(foldQuery('eﬃcient')).toBe('efficient');
    expect(foldQuery('wait…')).toBe('wait...');
    expect(foldQuery('  a \n\t b ')).toBe('a b');
  });
});

describe('anchoring never matches a look-alike', () => {
  const source = 'In 2001-2005 Mexico signed the caf\u00e9 accord; 10 km\u00b2 of border, page 12–\n13.\nThe eﬃcient re-\nview of claims.';
  const at = new SourceIndex(source);
  const found = (quote: string) => {
    const a = at.anchor({ quote });
    return a.status === 'found' ? source.slice(a.range!.start, a.range!.end) : a.status;
  };

  it('keeps fullwidth and mathematical letters apart from plain ones', () => {
    expect(found('𝐌𝐞𝐱𝐢𝐜𝐨 signed')).toBe('orphaned');
    expect(found('Ｍｅｘｉｃｏ signed')).toBe('orphaned');
    expect(found('Mexico signed')).toBe('Mexico signed');
  });

  it('never joins digits across a dropped dash, but reads any dash between digits as a dash', () => {
    expect(found('in 20012005')).toBe('orphaned');
    expect(found('In 20012005')).toBe('orphaned');
    expect(found('In 2001–2005')).toBe('In 2001-2005');
    expect(found('In 2001 - 2005')).toBe('In 2001-2005');
    expect(found('page 12-13')).toBe('page 12–\n13');
    expect(found('page 1213')).toBe('orphaned');
    // Between letters, a line-end hyphen still reads with or without it.
    expect(found('The efficient review')).toBe('The eﬃcient re-\nview');
    expect(found('efficient re-view')).toBe('eﬃcient re-\nview');
  });

  it('reads canonically equivalent text as the same (NFC), whichever form each side is in', () => {
    expect(found('the cafe\u0301 accord')).toBe('the caf\u00e9 accord');
    const decomposed = new SourceIndex('the cafe\u0301 accord and more');
    const a = decomposed.anchor({ quote: 'the caf\u00e9' });
    expect(a.status).toBe('found');
    // The range takes the accent in: a character is never split from it.
    expect(a.range).toEqual({ start: 0, end: 9 });
  });

  it('keeps a minus sign before a number: -5 is not 5', () => {
    const signed = new SourceIndex('Net migration fell to \u22125 per cent (-5) in 2004, and rose\n-3 points; COVID-19 and COVID-\n19 cases. Temperatures of 5 degrees.');
    const at = (quote: string) => {
      const a = signed.anchor({ quote });
      return a.status === 'found' ? signed.original.slice(a.range!.start, a.range!.end) : a.status;
    };
    // The sign is kept, whichever minus or hyphen the source or the quote has.
    expect(at('fell to -5 per cent')).toBe('fell to \u22125 per cent');
    expect(at('fell to \u22125 per cent')).toBe('fell to \u22125 per cent');
    expect(at('fell to 5 per cent')).toBe('orphaned');
    expect(at('per cent (5) in 2004')).toBe('orphaned');
    expect(at('per cent (-5) in 2004')).toBe('per cent (-5) in 2004');
    expect(at('rose -3 points')).toBe('rose\n-3 points');
    expect(at('rose 3 points')).toBe('orphaned');
    expect(at('Temperatures of -5 degrees')).toBe('orphaned');
    expect(at('-5 degrees')).toBe('orphaned');
    expect(at('Temperatures of 5 degrees')).toBe('Temperatures of 5 degrees');
    // A hyphen inside a word before digits still reads with or without a line break.
    expect(at('COVID-19 and COVID-19 cases')).toBe('COVID-19 and COVID-\n19 cases');
    expect(foldQuery('-5')).not.toBe(foldQuery('5'));
    expect(foldQuery('by \u22125')).toBe(foldQuery('by -5'));
  });

  it('keeps superscript digits apart from digits', () => {
    expect(found('10 km2')).toBe('orphaned');
    expect(found('10 km²')).toBe('10 km²');
  });
});
