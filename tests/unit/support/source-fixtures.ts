/**
 * Realistic source files made in the test process, whose true text is known: a report printed
 * to PDF by Chromium (running heads and page numbers in the page margins, soft hyphens,
 * footnotes, forced page breaks, a paragraph across a page break), a saved web page with
 * navigation, scripts, a cookie banner and a footer around its article, a DOCX with
 * headings. Plain data, no Node API: the browser tests make them too (print-pdf.ts prints
 * the report with Chromium, in Node).
 */
import { strToU8, zipSync } from 'fflate';
import { random } from './random.ts';

const VOCABULARY = (
  'border management cooperation visa asylum detention security intelligence sharing agreement regional integration ' +
  'policy harmonization continental framework perimeter declaration partnership prosperity enforcement migration ' +
  'refugee protection procedure jurisdiction authority commission parliament council member state federal government ' +
  'ministry agency officer inspection screening biometric passport entry exit record database information exchange ' +
  'liaison treaty protocol obligation standard criterion assessment review oversight accountability transparency ' +
  'legislation regulation directive amendment implementation compliance monitoring evaluation capacity resources ' +
  'funding programme initiative coordination network operation mission deployment training equipment technology ' +
  'surveillance checkpoint crossing corridor trade traffic commerce goods travellers residents citizens nationals ' +
  'third country safe return removal readmission reception accommodation application claim decision appeal tribunal ' +
  'court judgment ruling principle nonrefoulement humanitarian international obligations convention neighbouring ' +
  'counterterrorism organized crime trafficking smuggling networks investigation prosecution extradition mutual ' +
  'assistance judicial police customs immigration citizenship naturalization residence permit labour seasonal workers'
).split(' ');

/** `n` words of policy prose, deterministic for a seed (no two long windows alike). */
export function prose(seed: number, n: number): string {
  const next = random(seed);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = VOCABULARY[Math.floor(next() * VOCABULARY.length)];
    if (i === 0 || words[i - 1].endsWith('.')) w = w[0].toUpperCase() + w.slice(1);
    if (i === n - 1 || next() < 0.07) w += '.';
    else if (next() < 0.06) w += ',';
    words.push(w);
  }
  return words.join(' ');
}

/** The word with soft hyphens where a printer may break it (words of 10 letters or more). */
const shy = (text: string) => text.replace(/\b([a-z]{4,})([a-z]{5,})\b/gi, '$1&shy;$2');

export interface ReportFixture {
  html: string;
  title: string;
  runningHead: string;
  footer: string;
  headings: string[];
  /** Body paragraphs as a reader reads them (no soft hyphens, footnote marks as printed). */
  paragraphs: string[];
  /** The paragraph that runs across a page break. */
  longParagraph: string;
  footnotes: string[];
}

/**
 * A working paper laid out for print: A5, running head (series and title, page number) and
 * footer in the page margins, sections starting on a new page, footnotes at the end of a
 * section, and a 700-word paragraph that runs across a page break. Page numbers are printed
 * from `firstPage` on.
 */
export function reportHtml(options: { firstPage?: number } = {}): ReportFixture {
  const title = 'Border Cooperation in the Americas';
  const runningHead = 'Working Paper 7 · Border Cooperation';
  const footer = 'Institute for Border Studies';
  // The first paragraph ends with a footnote mark (a superscript "1": read as printed, "….1").
  const introText = [
    `The intergovernmental coordination of border management has been a persistent challenge for regional integration across the Americas and Europe. ${prose(2, 60)}1`,
    prose(3, 230),
  ];
  const footnotes = ['1 See the Smart Border Declaration signed in Ottawa on 12 December 2001, and its thirty-point action plan.'];
  const longParagraph = prose(4, 700);
  const visa = [longParagraph, prose(5, 90)];
  const detention = [prose(6, 130), 'Detention of asylum seekers remains the exception in Canadian law, and the rule in practice at several ports of entry.', prose(7, 110)];
  const headings = ['1. Introduction', '2. Visa harmonization', '3. Detention and reception'];
  const paragraph = (text: string) => (text.endsWith('.1') ? `<p>${shy(text.slice(0, -1))}<sup>1</sup></p>` : `<p>${shy(text)}</p>`);
  const counter = options.firstPage && options.firstPage > 1 ? `html { counter-reset: page ${options.firstPage - 1}; }` : '';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>
@page {
  size: A5; margin: 22mm 16mm 20mm 16mm;
  @top-left { content: "${runningHead}"; font: 8pt serif; }
  @top-right { content: counter(page); font: 8pt serif; }
  @bottom-center { content: "${footer}"; font: 8pt serif; }
}
${counter}
body { font: 10.5pt/1.35 serif; margin: 0; }
p { text-align: justify; hyphens: manual; margin: 0 0 0.8em; orphans: 2; widows: 2; }
h1 { font-size: 18pt; margin: 0 0 1em; }
h2 { font-size: 13pt; margin: 1.2em 0 0.6em; }
h2.new-page { break-before: page; }
.footnotes { font-size: 8.5pt; border-top: 0.5pt solid; margin-top: 2em; padding-top: 0.4em; }
</style></head>
<body>
<h1>${title}</h1>
<h2>${headings[0]}</h2>
${introText.map(paragraph).join('\n')}
<div class="footnotes"><p>${footnotes[0]}</p></div>
<h2 class="new-page">${headings[1]}</h2>
${visa.map(paragraph).join('\n')}
<h2 class="new-page">${headings[2]}</h2>
${detention.map(paragraph).join('\n')}
</body></html>`;
  return { html, title, runningHead, footer, headings, paragraphs: [...introText, ...visa, ...detention], longParagraph, footnotes };
}

/** Many pages of prose for the benchmark: `pages` A4 pages, running head and page numbers. */
export function longReportHtml(pages: number): string {
  const paragraphs: string[] = [];
  // About 520 words fit an A4 page at this size.
  for (let i = 0; i < pages * 4; i++) paragraphs.push(`<p>${shy(prose(1000 + i, 130))}</p>`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>Long report</title><style>
@page { size: A4; margin: 20mm; @top-left { content: "Annual Report on Border Cooperation"; font: 8pt serif; } @bottom-center { content: counter(page); font: 8pt serif; } }
body { font: 10pt/1.3 serif; margin: 0; } p { text-align: justify; hyphens: manual; margin: 0 0 0.6em; }
</style></head><body>${paragraphs.join('\n')}</body></html>`;
}

export interface WebPageFixture {
  html: string;
  title: string;
  headings: string[];
  paragraphs: string[];
  /** Text around the article that must not be in the source's text. */
  furniture: string[];
  url: string;
}

/** A news-style web page as a browser saves it ("Web page, HTML only"). */
export function savedWebPage(): WebPageFixture {
  const title = 'Canada and the United States sign a new border accord';
  const url = 'https://news.example.org/2023/04/border-accord';
  const paragraphs = [
    'Ottawa and Washington agreed on Tuesday to extend the Safe Third Country Agreement to the entire land border, closing the irregular crossing at Roxham Road that thousands of asylum seekers had used since 2017.',
    prose(11, 110),
    'Under the amended protocol, a claimant who crosses between ports of entry and is found within fourteen days is returned to the country of first arrival, where the claim must be made.',
    prose(12, 120),
    'Critics said the change would push migrants toward more dangerous routes, while officials argued it restores the principle that protection is sought in the first safe country reached.',
    prose(13, 100),
  ];
  const headings = ['What the accord changes', 'Reactions'];
  const furniture = [
    'We use cookies to improve your experience', 'Accept all cookies', 'Subscribe to our newsletter', 'Home', 'World', 'Politics',
    'All rights reserved', 'trackPageView', 'Related stories', 'Sign in',
  ];
  const html = `<!DOCTYPE html>
<!-- saved from url=(0047)${url} -->
<html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>${title} | The Example Ledger</title>
<meta name="viewport" content="width=device-width">
<meta name="citation_title" content="${title}">
<meta name="citation_author" content="Marie Tremblay">
<meta name="citation_author" content="John Okafor">
<meta name="citation_publication_date" content="2023/03/28">
<meta property="og:site_name" content="The Example Ledger">
<meta property="og:url" content="${url}">
<link rel="canonical" href="${url}">
<link rel="stylesheet" href="./border-accord_files/site.css">
<script>window.dataLayer = []; function trackPageView() { dataLayer.push({ event: 'pageview' }); } trackPageView();</script>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"${title}","datePublished":"2023-03-28"}</script>
<style>.cookie-banner { position: fixed; bottom: 0 } nav a { margin: 0 1em }</style>
</head>
<body class="article-page">
<div id="cookie-banner" class="cookie-banner gdpr-consent" role="dialog" aria-label="Cookie consent">
  <p>We use cookies to improve your experience. By continuing you agree to our use of cookies.</p>
  <button>Accept all cookies</button> <button>Manage settings</button>
</div>
<header class="site-header">
  <a class="logo" href="/">The Example Ledger</a>
  <nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/login">Sign in</a></li></ul></nav>
  <form class="search" action="/search"><input name="q" placeholder="Search"><button>Search</button></form>
</header>
<main>
<article class="story">
  <h1 class="headline">${title}</h1>
  <p class="byline">By <a href="/authors/tremblay">Marie Tremblay</a> and <a href="/authors/okafor">John Okafor</a> · March 28, 2023</p>
  <div class="story-body">
    <p>${paragraphs[0]}</p>
    <p>${paragraphs[1]}</p>
    <h2>${headings[0]}</h2>
    <p>${paragraphs[2]}</p>
    <p>${paragraphs[3]}</p>
    <h2>${headings[1]}</h2>
    <p>${paragraphs[4]}</p>
    <p>${paragraphs[5]}</p>
  </div>
</article>
<aside class="related sidebar"><div class="newsletter-promo"><p>Subscribe to our newsletter for the day's top stories.</p></div><h3>Related stories</h3><ul><li><a href="/a">Asylum claims rise at the northern border</a></li><li><a href="/b">What the Safe Third Country Agreement means</a></li></ul></aside>
</main>
<footer class="site-footer"><p>© 2023 The Example Ledger. All rights reserved.</p><nav><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></nav></footer>
<script src="./border-accord_files/analytics.js"></script>
</body></html>`;
  return { html, title, headings, paragraphs, furniture, url };
}

export interface DocxFixture {
  bytes: Uint8Array;
  title: string;
  headings: { level: number; text: string }[];
  paragraphs: string[];
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Word document with a title, headings, a footnote and a word split across runs; built as Word lays one out. */
export function docxFixture(): DocxFixture {
  const title = 'Agreement on Border Cooperation';
  const headings = [
    { level: 1, text: title },
    { level: 1, text: 'Article 1 Definitions' },
    { level: 2, text: 'Article 1.1 Scope' },
    { level: 1, text: 'Article 3 Safe third country' },
  ];
  const paragraphs = [
    'For the purposes of this Agreement, "refugee status claim" means a request from a person to the government of either Party for protection.',
    'This Agreement applies to refugee status claims made at a land border port of entry.',
    prose(21, 80),
    'The Party of the country of last presence shall examine the refugee status claim of any person who arrives at a land border port of entry.',
    prose(22, 90),
  ];
  const p = (style: string | undefined, text: string) =>
    `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${xmlText(text)}</w:t></w:r></w:p>`;
  // The first paragraph's word "government" is split across two runs (Word does this after an edit).
  const [before, after] = paragraphs[0].split('government');
  const split = `<w:p><w:r><w:t xml:space="preserve">${xmlText(before)}govern</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">ment${xmlText(after)}</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p>`;
  const body = [
    p('Title', title),
    p('Heading1', headings[1].text), split, p(undefined, paragraphs[1]),
    p('Heading2', headings[2].text), p(undefined, paragraphs[2]),
    p('Heading1', headings[3].text), p(undefined, paragraphs[3]), p(undefined, paragraphs[4]),
  ].join('');
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const style = (id: string, name: string) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/></w:style>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`),
    'word/_rels/document.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>`),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`),
    'word/styles.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>${style('Title', 'Title')}${style('Heading1', 'heading 1')}${style('Heading2', 'heading 2')}<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/></w:style></w:styles>`),
    'word/footnotes.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes ${W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Signed at Washington on 5 December 2002.</w:t></w:r></w:p></w:footnote></w:footnotes>`),
    'docProps/core.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Agreement on Border Cooperation &amp; Refugee Claims</dc:title><dc:creator>Treaty Section; Legal Affairs</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2002-12-05T09:00:00Z</dcterms:created></cp:coreProperties>`),
    'docProps/app.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application><Company>Government of Canada</Company></Properties>`),
  };
  return { bytes: zipSync(files, { level: 6 }), title, headings, paragraphs };
}

/** A zip the way a DOCX is built, with the given parts (for damaged and hostile ones). */
export function zipOf(files: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])));
}
