/**
 * `<policy-references-menu>`, a part of `<policy-file-menu>` (registered by
 * policy-references-menu.ts): Export references and its two formats.
 */
import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { folderNameOf } from '../../model/export/layout.ts';
import { cslJsonText, toBibtex } from '../../model/sources/references.ts';
import type { Matrix } from '../../model/types.ts';
import { styles as menuStyles } from './policy-file-menu.styles.ts';

export type ReferenceFormat = 'csl-json' | 'bibtex';

export const REFERENCE_FORMATS: readonly { format: ReferenceFormat; label: string; hint: string }[] = [
  { format: 'csl-json', label: 'CSL-JSON', hint: 'for Zotero, Mendeley, Pandoc' },
  { format: 'bibtex', label: 'BibTeX', hint: 'for LaTeX, JabRef' },
];

/** The file: `<matrix>-references.json` or `.bib`, with its media type. */
export function referencesFile(matrix: Matrix, format: ReferenceFormat): { filename: string; blob: Blob } {
  const base = `${folderNameOf(matrix.name)}-references`;
  return format === 'csl-json'
    ? { filename: `${base}.json`, blob: new Blob([cslJsonText(matrix.sources)], { type: 'application/vnd.citationstyles.csl+json' }) }
    : { filename: `${base}.bib`, blob: new Blob([toBibtex(matrix.sources)], { type: 'application/x-bibtex;charset=utf-8' }) };
}

export interface PolicyReferencesExportDetail {
  format: ReferenceFormat;
  filename: string;
  blob: Blob;
}

declare global {
  interface HTMLElementEventMap {
    'policy-references-export': CustomEvent<PolicyReferencesExportDetail>;
  }
}

/**
 * @summary **Export references**: a button that shows the two formats of a reference list
 * (CSL-JSON for Zotero, Mendeley and Pandoc; BibTeX for LaTeX and JabRef). Choosing one makes
 * the file from the matrix's sources (src/model/sources/references.ts) and hands it on with
 * `policy-references-export`; `<policy-file-menu>` delivers it like any export. Escape closes
 * the formats; focus leaving them closes them too.
 *
 * @fires policy-references-export - A reference list was made; `detail` holds its format, file name and Blob.
 */
export class PolicyReferencesMenu extends LitElement {
  static override styles = [
    menuStyles,
    css`
      :host {
        display: inline-block;
        position: relative;
      }
      .formats {
        position: absolute;
        z-index: 20;
        top: calc(100% + 4px);
        right: 0;
        display: flex;
        flex-direction: column;
        gap: 4px;
        min-width: 16em;
        padding: 6px;
        border: 1px solid var(--pm-border);
        border-radius: 6px;
        background: var(--pm-background);
        box-shadow: 0 6px 18px var(--pm-shadow);
      }
      .formats button {
        text-align: start;
      }
      .hint {
        color: var(--pm-muted);
        font-size: 12px;
      }
    `,
  ];

  /** The matrix whose sources are listed; nothing to export without one. */
  @property({ attribute: false }) matrix: Matrix | undefined;

  @state() private expanded = false;

  /** Make the reference list in `format` and hand it on (`policy-references-export`). */
  export(format: ReferenceFormat): PolicyReferencesExportDetail | undefined {
    if (!this.matrix) return undefined;
    const detail = { format, ...referencesFile(this.matrix, format) };
    this.expanded = false;
    this.dispatchEvent(new CustomEvent<PolicyReferencesExportDetail>('policy-references-export', { detail, bubbles: true, composed: true }));
    return detail;
  }

  protected override render() {
    return html`<button type="button" class="export-references" ?disabled=${!this.matrix} aria-expanded=${this.expanded ? 'true' : 'false'}
        aria-controls="formats" @click=${() => (this.expanded = !this.expanded)}
        title="The sources as a reference list for a reference manager">Export references</button>
      <span id="formats" class="formats" role="group" aria-label="Reference list formats" ?hidden=${!this.expanded || !this.matrix}
        @keydown=${this.onKey}>
        ${REFERENCE_FORMATS.map(
          (f) => html`<button type="button" class="export-${f.format}" @click=${() => this.export(f.format)}>${f.label} <span class="hint">${f.hint}</span></button>`,
        )}
      </span>`;
  }

  constructor() {
    super();
    // Focus leaving the button and its formats closes them (a click elsewhere that takes no focus leaves them open).
    this.addEventListener('focusout', (e) => {
      const to = e.relatedTarget as Node | null;
      if (to && !this.renderRoot.contains(to) && !this.contains(to)) this.expanded = false;
    });
  }

  /** Escape closes the formats and goes back to their button. */
  private onKey(e: KeyboardEvent): void {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    this.expanded = false;
    this.renderRoot.querySelector<HTMLElement>('button.export-references')?.focus();
  }
}
