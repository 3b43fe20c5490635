/** Briefing tables: build a footnoted table from a checked matrix, render it as HTML, Markdown or text. */
export * from './types.ts';
export { buildBriefing, briefingValue, noteLabel, unknownSelection, type BriefingInput } from './build.ts';
export { escapeHtml, escapeMarkdown, oneLine } from './escape.ts';
export { briefingStylesheet, renderBriefingFragment, renderBriefingHtml, type HtmlOptions } from './render-html.ts';
export { renderBriefingMarkdown } from './render-markdown.ts';
export { renderBriefingText } from './render-text.ts';
export { WORDS } from './words.ts';
