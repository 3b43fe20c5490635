/**
 * What leaves the briefing element: a file to download, a print from a hidden frame, the
 * clipboard. The element decides what to say about it; these only do it.
 */
import { briefingStylesheet, renderBriefingHtml } from '../../model/briefing/render-html.ts';
import { renderBriefingMarkdown } from '../../model/briefing/render-markdown.ts';
import type { Briefing, Paper } from '../../model/briefing/types.ts';

/** Rich HTML (a real table, inline styles) and plain text, as Copy puts them on the clipboard. */
export interface ClipboardContent {
  html: string;
  text: string;
}

/** A file name from a title: letters and digits, dashes between, at most 60 characters. */
export function fileNameOf(title: string, extension: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'briefing'}.${extension}`;
}


/**
 * Copy to the clipboard as rich HTML and plain text (navigator.clipboard.write); where that is
 * refused, copy through a selection of `article`, with the same HTML. Resolves to whether
 * something was copied.
 */
export async function copyBriefing(content: ClipboardContent, article: Element | null): Promise<boolean> {
  try {
    if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([content.html], { type: 'text/html' }),
          'text/plain': new Blob([content.text], { type: 'text/plain' }),
        }),
      ]);
      return true;
    }
  } catch {
    // Refused (no permission, not focused): fall back to a selection copy below.
  }
  return selectionCopy(content, article);
}

/** Print the briefing alone, with its print stylesheet, from a hidden frame added to `root`. */
export async function printBriefing(root: ShadowRoot, b: Briefing, paper: Paper): Promise<void> {
  // The frame inherits the page's Content Security Policy, which may refuse a <style>
  // element: its stylesheet is adopted once it has loaded instead.
  const document = renderBriefingHtml(b, { paper, stylesheet: false });
  root.querySelector('iframe.print-frame')?.remove();
  const frame = window.document.createElement('iframe');
  frame.className = 'print-frame';
  frame.title = 'Briefing (print)';
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  frame.srcdoc = document;
  root.appendChild(frame);
  await loaded;
  const view = frame.contentWindow as (Window & typeof globalThis) | null;
  if (!view || !frame.contentDocument) return;
  const sheet = new view.CSSStyleSheet();
  sheet.replaceSync(briefingStylesheet(paper));
  frame.contentDocument.adoptedStyleSheets = [sheet];
  view.addEventListener('afterprint', () => frame.remove(), { once: true });
  view.focus();
  view.print();
}

/** Download the briefing as a standalone HTML file or as Markdown; returns the file's name. */
export function downloadBriefing(b: Briefing, format: 'html' | 'md', paper: Paper): string {
  const text = format === 'html' ? renderBriefingHtml(b, { paper }) : renderBriefingMarkdown(b);
  const type = format === 'html' ? 'text/html;charset=utf-8' : 'text/markdown;charset=utf-8';
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(b.title, format);
  a.rel = 'noopener';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return a.download;
}

/** Copy through a selection of the briefing; the copy event carries the same HTML and text. */
/** Copy through a selection of the briefing; the copy event carries the same HTML and text. */
function selectionCopy(content: ClipboardContent, article: Element | null): boolean {
  const onCopy = (e: ClipboardEvent) => {
    if (!e.clipboardData) return;
    e.clipboardData.setData('text/html', content.html);
    e.clipboardData.setData('text/plain', content.text);
    e.preventDefault();
  };
  const selection = window.getSelection();
  const ranges: Range[] = [];
  for (let i = 0; selection && i < selection.rangeCount; i++) ranges.push(selection.getRangeAt(i));
  document.addEventListener('copy', onCopy, true);
  try {
    if (article && selection) {
      const range = document.createRange();
      range.selectNodeContents(article);
      selection.removeAllRanges();
      selection.addRange(range);
    }
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    document.removeEventListener('copy', onCopy, true);
    if (selection) {
      selection.removeAllRanges();
      for (const r of ranges) selection.addRange(r);
    }
  }
}
