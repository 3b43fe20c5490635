/**
 * The plain text of an HTML tree, with its headings: what a web page's article, a DOCX
 * (through mammoth's HTML) and Markdown (through marked's HTML) all become, so the three
 * read the same way. Blocks (paragraphs, list items, headings, table rows) are separated by a
 * blank line; inside a block, white space runs are one space, `<br>` is a line break, `<pre>`
 * keeps its lines; table cells are separated by a tab.
 *
 * Works on any DOM (linkedom's in the model, in Node and in browsers alike) through the few
 * members it reads.
 */
import type { HeadingSpan } from '../../text-map.ts';

/** The members of a DOM node this walk reads. */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'HEADER', 'HGROUP', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'SECTION', 'SUMMARY',
  'TABLE', 'TBODY', 'TFOOT', 'THEAD', 'TR', 'UL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE',
]);

/** Never text a reader sees. */
const SKIPPED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'META', 'LINK', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'SVG',
  'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'OPTION', 'IMG', 'VIDEO', 'AUDIO', 'SOURCE', 'MAP', 'AREA',
]);

const HEADING = /^H([1-6])$/;

export interface DomText {
  text: string;
  headings: HeadingSpan[];
}

export interface DomTextOptions {
  /** Element names (upper case) left out with everything inside, besides scripts and the like. */
  skip?: ReadonlySet<string>;
}

/** The text and headings of `root`'s subtree. */
export function domText(root: DomNode, options: DomTextOptions = {}): DomText {
  const parts: string[] = [];
  const headings: HeadingSpan[] = [];
  let length = 0;
  /** The block being written: its text so far; a pending space is written only before more text. */
  let block = '';
  let space = false;
  let pre = 0;

  const flush = (): number => {
    const text = block.replace(/[ \t]*\n[ \t]*/g, '\n').replace(/^\n+|\n+$/g, '');
    block = '';
    space = false;
    if (text === '') return -1;
    if (parts.length) {
      parts.push('\n\n');
      length += 2;
    }
    const start = length;
    parts.push(text);
    length += text.length;
    return start;
  };

  const write = (text: string) => {
    if (pre > 0) {
      block += text;
      return;
    }
    const collapsed = text.replace(/[ \t\n\r\f]+/g, ' ');
    if (collapsed === ' ') {
      if (block !== '' && !block.endsWith('\n')) space = true;
      return;
    }
    if (collapsed === '') return;
    const lead = collapsed.charCodeAt(0) === 32;
    const body = collapsed.trim();
    if ((space || lead) && block !== '' && !block.endsWith('\n') && !block.endsWith(' ') && !block.endsWith('\t')) block += ' ';
    block += body;
    space = collapsed.charCodeAt(collapsed.length - 1) === 32;
  };

  /** What to do when an element's children are done: close its block, record its heading. */
  interface Exit {
    name: string;
    heading: RegExpExecArray | null;
    isBlock: boolean;
  }

  /** Enter a node: write its text, or open its element; returns what to do on leaving it (undefined: nothing). */
  const enter = (node: DomNode): Exit | false => {
    if (node.nodeType === TEXT || node.nodeType === CDATA) {
      write(node.nodeValue ?? '');
      return false;
    }
    if (node.nodeType !== ELEMENT && node.nodeType !== 9 && node.nodeType !== 11) return false;
    const name = node.nodeName.toUpperCase();
    if (SKIPPED.has(name) || options.skip?.has(name)) return false;
    if (node.nodeType === ELEMENT) {
      const hidden = node.getAttribute?.('hidden');
      if (hidden !== null && hidden !== undefined) return false;
    }
    if (name === 'BR') {
      block += '\n';
      space = false;
      return false;
    }
    const isBlock = BLOCKS.has(name);
    if (isBlock) flush();
    if (name === 'TD' || name === 'TH') {
      if (block !== '' && !block.endsWith('\t')) block += '\t';
      space = false;
    }
    if (name === 'PRE') pre++;
    return { name, heading: HEADING.exec(name), isBlock };
  };

  const leave = ({ name, heading, isBlock }: Exit) => {
    if (name === 'PRE') pre--;
    if (isBlock) {
      const text = block.replace(/\s+/g, ' ').trim();
      const start = flush();
      if (heading && start >= 0) headings.push({ start, level: Number(heading[1]), text });
    }
  };

  // Depth first, with a stack of our own: a page may nest elements far deeper than the call stack goes.
  // Each element's children are listed once (a DOM may make a new list on every read of childNodes).
  const stack: { children: ArrayLike<DomNode>; exit: Exit; next: number }[] = [];
  const rootExit = enter(root);
  if (rootExit) stack.push({ children: Array.from(root.childNodes), exit: rootExit, next: 0 });
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.next >= top.children.length) {
      stack.pop();
      leave(top.exit);
      continue;
    }
    const child = top.children[top.next++];
    const exit = enter(child);
    if (exit) stack.push({ children: Array.from(child.childNodes), exit, next: 0 });
  }
  flush();
  return { text: parts.join(''), headings };
}
