import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { buildBriefing } from '../../model/briefing/build.ts';
import { renderBriefingFragment, renderBriefingHtml } from '../../model/briefing/render-html.ts';
import { renderBriefingMarkdown } from '../../model/briefing/render-markdown.ts';
import { renderBriefingText } from '../../model/briefing/render-text.ts';
import { PAPERS, type Briefing, type Paper } from '../../model/briefing/types.ts';
import type { Matrix } from '../../model/types.ts';
import { snapshotContext } from '../../state/context.ts';
import type { Snapshot } from '../../state/store.ts';
import { isUnusable, loadMessage } from '../common/load-message.ts';
import { themeOf, type ThemeName } from '../common/theme.ts';
import { styles } from './policy-briefing.styles.ts';
import { BriefingReading, type Data } from './briefing-reading.ts';
import { briefingChoices, type ChoiceKind } from './briefing-choices.ts';
import { copyBriefing, downloadBriefing, printBriefing } from './briefing-output.ts';
import { briefingPreview } from './briefing-preview.ts';


/** `a, b ,c` → ['a', 'b', 'c']; empty → undefined (= the default). */
const commaList = (value: string | null | undefined): string[] | undefined => {
  const items = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return items.length ? items : undefined;
};

const pad = (n: number) => String(n).padStart(2, '0');
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};


/**
 * @summary A briefing table made from a matrix: choose dimensions and jurisdictions, give a
 * title; a compact table (value and level per cell) with numbered footnotes, one per cited
 * passage quoted from the source, then the sources and the date produced. Print it, download
 * it as HTML or Markdown, or copy it (rich HTML) into a word processor.
 *
 * Standalone, it loads the matrix folder at `src`. Without `src`, inside the app, it uses the
 * app's store (`snapshotContext` from @lit/context) and defaults to the selected cell's row
 * (all dimensions when nothing is selected). Flagged cells are shown as "⚠ Unverified" with a
 * lettered note, never as supported. All text is rendered as text.
 *
 * A matrix that cannot be loaded, or has nothing to show, is said inside the element
 * (role="alert"), with the URL read and the problem. The briefing itself reads as paper (dark
 * text on white) in every theme; the controls follow the theme.
 *
 * @attr src - URL of a matrix folder to load (standalone use), relative to the page.
 * @attr dimensions - Dimension ids to include, comma-separated (default: the selected cell's row in the app, else all).
 * @attr jurisdictions - Jurisdiction ids to include, comma-separated (default: all).
 * @attr heading - The briefing's title (default: the matrix's title). (`title`, the global attribute that also makes a tooltip, is read once with a deprecation warning and removed.)
 * @attr paper - Paper size of the print stylesheet: `a4` (default) or `letter`.
 * @attr date - Date produced, `YYYY-MM-DD` (default: today).
 * @attr theme - Colour theme of the controls: `light`, `dark` or `auto` (the reader's system setting); unset, inherited.
 *
 * @csspart base - The controls and the briefing.
 * @csspart controls - The title, paper, choice of dimensions and jurisdictions, and buttons.
 * @csspart briefing - The briefing as it will read on paper.
 * @csspart message - The loading or error message (role="alert" for an error).
 *
 * @cssprop --policy-matrix-font-family - Font of the controls (the briefing itself is set in a serif, as printed).
 * @cssprop --policy-matrix-font-size - Base font size of the controls (default 14px).
 * @cssprop --policy-matrix-line-height - Base line height (default 1.45).
 * @cssprop --policy-matrix-color - Text colour of the controls.
 * @cssprop --policy-matrix-background - Background of the controls.
 * @cssprop --policy-matrix-muted-color - Secondary text.
 * @cssprop --policy-matrix-surface - Background of buttons.
 * @cssprop --policy-matrix-border-color - Borders and rules.
 * @cssprop --policy-matrix-control-border-color - Borders of buttons and fields.
 * @cssprop --policy-matrix-accent-color - Focus rings and the primary button.
 * @cssprop --policy-matrix-on-accent-color - Text on the accent colour.
 * @cssprop --policy-matrix-danger-color - Errors.
 * @cssprop --policy-matrix-warning-color - Warnings.
 * @cssprop --policy-matrix-success-color - Confirmations (copied, downloaded).
 * @cssprop --policy-matrix-radius - Corner radius of panels (default 6px).
 * @cssprop --policy-matrix-color-scheme - `light` or `dark`: the colour scheme of native controls.
 */
export class PolicyBriefing extends LitElement {
  static override styles = styles;

  /** URL of a matrix folder to load (standalone use). Without it, the app's store is used. */
  @property({ reflect: true }) src = '';

  /** Dimensions to include, as a comma-separated list of ids; empty = the default. */
  @property() dimensions = '';

  /** Jurisdictions to include, as a comma-separated list of ids; empty = all. */
  @property() jurisdictions = '';

  /** The briefing's title (the matrix's title when empty). The user can edit it in the title field. */
  @property() heading = '';

  /**
   * Deprecated: the global `title` attribute, which earlier versions read as the heading. It
   * also gives the whole element a tooltip: it is taken as `heading` (with a warning) and
   * removed from the element.
   */
  @property({ attribute: 'title' }) private legacyTitle: string | null = null;

  /** Paper size of the print stylesheet: `a4` or `letter`. */
  @property() paper: Paper = 'a4';

  /** Date produced, shown in the briefing (default: today). */
  @property() date = '';

  /** Colour theme of the controls: `light`, `dark`, `auto` (follows the reader's system), or '' (inherit). */
  @property({ reflect: true }) theme: ThemeName = '';

  @consume({ context: snapshotContext, subscribe: true })
  @state()
  private snapshot: Snapshot | undefined;

  /** The matrix read from `src` (standalone use). */
  private readonly reading = new BriefingReading(this);
  /** What the user chose (undefined until they touch a control: the attributes / defaults hold). */
  @state() private chosenDimensions: ReadonlySet<string> | undefined;
  @state() private chosenJurisdictions: ReadonlySet<string> | undefined;
  @state() private typedTitle: string | undefined;
  @state() private chosenPaper: Paper | undefined;
  @state() private message: { text: string; error?: boolean } | undefined;

  private lastMatrix: Matrix | undefined;

  /** The briefing as it stands (undefined before a matrix is there). */
  get briefing(): Briefing | undefined {
    const data = this.data;
    if (!data) return undefined;
    return buildBriefing({
      matrix: data.matrix,
      check: data.check,
      sourceTexts: data.sourceTexts,
      selection: { dimensions: this.dimensionIds(data), jurisdictions: this.jurisdictionIds(data) },
      title: this.typedTitle ?? this.heading,
      produced: this.date || today(),
      asOf: data.asOf,
    });
  }

  /** The paper size in use (the user's choice, else the `paper` attribute). */
  get paperSize(): Paper {
    const p = this.chosenPaper ?? (String(this.paper).toLowerCase() as Paper);
    return PAPERS.includes(p) ? p : 'a4';
  }

  /** The standalone HTML document (with its print stylesheet). */
  documentHtml(): string | undefined {
    const b = this.briefing;
    return b && renderBriefingHtml(b, { paper: this.paperSize });
  }

  /** The Markdown, with `[^n]` footnotes. */
  markdown(): string | undefined {
    const b = this.briefing;
    return b && renderBriefingMarkdown(b);
  }

  /** What Copy puts on the clipboard: rich HTML (a real table, inline styles) and plain text. */
  clipboardContent(): { html: string; text: string } | undefined {
    const b = this.briefing;
    return b && { html: renderBriefingFragment(b), text: renderBriefingText(b) };
  }

  /**
   * Copy the briefing to the clipboard as rich HTML and plain text (navigator.clipboard.write);
   * where that is refused, copy through a selection of the briefing, with the same HTML.
   * Resolves to whether something was copied.
   */
  async copy(): Promise<boolean> {
    const content = this.clipboardContent();
    const b = this.briefing;
    if (!content || !b) return false;
    const ok = await copyBriefing(content, (this.renderRoot as ShadowRoot).querySelector('article.briefing'));
    this.message = ok
      ? { text: `Copied the table and ${b.footnotes.length} footnote${b.footnotes.length === 1 ? '' : 's'}: paste into a document.` }
      : { text: 'The browser refused to copy: select the briefing and copy it by hand.', error: true };
    return ok;
  }

  /** Print the briefing alone, with its print stylesheet (A4 or Letter), from a hidden frame. */
  async print(): Promise<void> {
    const b = this.briefing;
    if (b) await printBriefing(this.renderRoot as ShadowRoot, b, this.paperSize);
  }

  /** Download the briefing as a standalone HTML file or as Markdown. */
  download(format: 'html' | 'md'): void {
    const b = this.briefing;
    if (!b) return;
    this.message = { text: `Downloaded ${downloadBriefing(b, format, this.paperSize)}.` };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('legacyTitle' as keyof PolicyBriefing) && this.legacyTitle !== null) {
      console.warn('<policy-briefing>: the title attribute is deprecated (it also shows as a tooltip over the element): use heading="…".');
      if (!this.heading) this.heading = this.legacyTitle;
      this.removeAttribute('title');
    }
    if (changed.has('src')) void this.reading.read(this.src);
    if (changed.has('theme')) themeOf(this.theme, 'policy-briefing');
    const matrix = this.data?.matrix;
    if (matrix !== this.lastMatrix) {
      // Another matrix: choices made on the previous one no longer apply.
      if (this.lastMatrix && matrix && this.lastMatrix.name !== matrix.name) {
        this.chosenDimensions = undefined;
        this.chosenJurisdictions = undefined;
      }
      this.lastMatrix = matrix;
      if (matrix) this.warnUnknown(matrix);
    }
    if ((changed.has('dimensions') || changed.has('jurisdictions')) && matrix) this.warnUnknown(matrix);
  }

  protected override render() {
    const data = this.data;
    const state = this.src ? this.reading.state(this.src) : this.snapshot ?? { status: 'empty' as const, matrix: undefined, problems: [] };
    if (!data || isUnusable(state)) {
      const message =
        state.status === 'empty'
          ? html`<p class="pm-load" role="status">No matrix: set the <code>src</code> attribute to a matrix folder, or place the element inside the app.</p>`
          : loadMessage(state, this.src || this.snapshot?.origin || '');
      return html`<div part="message" title="">${message}</div>`;
    }
    const b = this.briefing!;
    return html`<div class="base" part="base" title="">
      ${this.controls(data, b)}
      ${briefingPreview(b, this.jump)}
    </div>`;
  }


  /** The matrix and check in use: loaded from `src`, else the app's store. */
  private get data(): Data | undefined {
    if (this.src) return this.reading.data;
    const s = this.snapshot;
    if (!s?.matrix || !s.check) return undefined;
    return { matrix: s.matrix, check: s.check, sourceTexts: s.sourceTexts, selection: s.selection, asOf: s.view?.asOf };
  }

  private dimensionIds(data: Data): string[] {
    if (this.chosenDimensions) return [...this.chosenDimensions];
    const given = commaList(this.dimensions);
    if (given) return given;
    const selected = data.selection?.split('\u0000')[0];
    if (selected && data.matrix.dimensions.some((d) => d.id === selected)) return [selected];
    return data.matrix.dimensions.map((d) => d.id);
  }

  private jurisdictionIds(data: Data): string[] {
    if (this.chosenJurisdictions) return [...this.chosenJurisdictions];
    return commaList(this.jurisdictions) ?? data.matrix.jurisdictions.map((j) => j.id);
  }

  private warnUnknown(matrix: Matrix): void {
    const dims = commaList(this.dimensions)?.filter((id) => !matrix.dimensions.some((d) => d.id === id)) ?? [];
    const juris = commaList(this.jurisdictions)?.filter((id) => !matrix.jurisdictions.some((j) => j.id === id)) ?? [];
    if (dims.length) console.warn(`<policy-briefing>: no dimension ${dims.join(', ')} in matrix "${matrix.name}" (ignored)`);
    if (juris.length) console.warn(`<policy-briefing>: no jurisdiction ${juris.join(', ')} in matrix "${matrix.name}" (ignored)`);
  }


  private toggle(kind: ChoiceKind, id: string, on: boolean): void {
    const data = this.data;
    if (!data) return;
    const current = new Set(kind === 'dimensions' ? this.dimensionIds(data) : this.jurisdictionIds(data));
    if (on) current.add(id);
    else current.delete(id);
    if (kind === 'dimensions') this.chosenDimensions = current;
    else this.chosenJurisdictions = current;
    this.message = undefined;
  }

  private setAll(kind: ChoiceKind, on: boolean): void {
    const data = this.data;
    if (!data) return;
    const all = new Set(on ? (kind === 'dimensions' ? data.matrix.dimensions : data.matrix.jurisdictions).map((x) => x.id) : []);
    if (kind === 'dimensions') this.chosenDimensions = all;
    else this.chosenJurisdictions = all;
    this.message = undefined;
  }

  private choiceHandlers(kind: ChoiceKind) {
    return { toggle: (id: string, on: boolean) => this.toggle(kind, id, on), setAll: (on: boolean) => this.setAll(kind, on) };
  }

  private controls(data: Data, b: Briefing): TemplateResult {
    const dims = new Set(this.dimensionIds(data));
    const juris = new Set(this.jurisdictionIds(data));
    const empty = b.rows.length === 0 || b.columns.length === 0;
    return html`<form class="controls" part="controls" aria-label="Briefing settings" @submit=${(e: Event) => e.preventDefault()}>
      <div class="settings">
        <label class="field"
          >Title
          <input
            type="text"
            name="title"
            .value=${this.typedTitle ?? this.heading ?? ''}
            placeholder=${data.matrix.title || data.matrix.name}
            @input=${(e: Event) => {
              this.typedTitle = (e.target as HTMLInputElement).value;
            }}
        /></label>
        <label class="field"
          >Paper
          <select
            name="paper"
            @change=${(e: Event) => {
              this.chosenPaper = (e.target as HTMLSelectElement).value as Paper;
            }}
          >
            <option value="a4" ?selected=${this.paperSize === 'a4'}>A4</option>
            <option value="letter" ?selected=${this.paperSize === 'letter'}>Letter</option>
          </select></label
        >
      </div>
      ${briefingChoices('dimensions', 'Dimensions', data.matrix.dimensions, dims, this.choiceHandlers('dimensions'))}
      ${briefingChoices('jurisdictions', 'Jurisdictions', data.matrix.jurisdictions, juris, this.choiceHandlers('jurisdictions'))}
      <div class="actions">
        <button type="button" class="primary" ?disabled=${empty} @click=${() => void this.print()}>Print</button>
        <button type="button" ?disabled=${empty} @click=${() => this.download('html')}>Download HTML</button>
        <button type="button" ?disabled=${empty} @click=${() => this.download('md')}>Download Markdown</button>
        <button type="button" ?disabled=${empty} @click=${() => void this.copy()}>Copy</button>
        <p class="message ${this.message?.error ? 'error' : ''}" role="status" aria-live="polite">${this.message?.text ?? ''}</p>
      </div>
    </form>`;
  }

  /** In-page links inside the shadow root: scroll to the target there. */
  private jump = (e: Event) => {
    const href = (e.currentTarget as HTMLAnchorElement).getAttribute('href') ?? '';
    const target = (this.renderRoot as ShadowRoot).getElementById(href.slice(1));
    if (target) {
      e.preventDefault();
      target.scrollIntoView({ block: 'nearest' });
    }
  };

}
