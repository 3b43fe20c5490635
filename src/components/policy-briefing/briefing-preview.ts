/**
 * The briefing as it will read on paper, in the element: the table (a footnote mark per cited
 * passage, a letter per unverified cell), the footnotes, the notes on unverified cells, the
 * sources and the colophon. Every value and quote is rendered as text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Briefing, BriefingCell } from '../../model/briefing/types.ts';
import {
  WORDS, colophon, details, footnotePlace, noteText, omittedText, placeholder, quoted, sourceParts, subtitle,
} from '../../model/briefing/words.ts';

/** `jump` follows a footnote link inside the element's shadow root. */
export function briefingPreview(b: Briefing, jump: (e: Event) => void): TemplateResult {
  const empty = b.rows.length === 0 || b.columns.length === 0;
  return html`<article class="briefing" part="briefing" aria-label="Briefing">
    <h2 class="title">${b.title}</h2>
    <p class="meta">${subtitle(b)}</p>
    ${empty
      ? html`<p class="empty">${WORDS.empty}</p>`
      : html`<table>
          <thead>
            <tr>
              <th scope="col">${WORDS.dimension}</th>
              ${b.columns.map((c) => html`<th scope="col">${c.label}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${b.rows.map((r) => html`<tr><th scope="row">${r.label}</th>${r.cells.map((c) => briefingCell(c, jump))}</tr>`)}
          </tbody>
        </table>`}
    <h3 class="section-title">${WORDS.footnotes}</h3>
    ${b.footnotes.length
      ? html`<ol class="footnotes">
          ${b.footnotes.map(
            (f) => html`<li id="fn-${f.number}"><span class="fn-num">${f.number}.</span> ${footnotePlace(f)}: <span class="quote">${quoted(f.quote)}</span></li>`,
          )}
        </ol>`
      : html`<p class="empty">${WORDS.noSources}</p>`}
    ${b.notes.length || b.omitted.length
      ? html`<h3 class="section-title">${WORDS.unverifiedHeading}</h3>
          <ul class="notes">
            ${b.notes.map((n) => html`<li id="note-${n.label}"><span class="fn-num">${n.label}.</span> ${noteText(n)}</li>`)}
            ${b.omitted.map((o) => html`<li>${omittedText(o)}</li>`)}
          </ul>`
      : nothing}
    ${b.sources.length
      ? html`<h3 class="section-title">${WORDS.sources}</h3>
          <ul class="sources">
            ${b.sources.map((s) => {
              const p = sourceParts(s);
              const head = [p.authors, p.year ? `(${p.year})` : ''].filter(Boolean).join(' ');
              return html`<li>${head ? `${head}. ` : ''}<cite>${p.title}</cite>.${p.rest ? ` ${p.rest}` : ''}</li>`;
            })}
          </ul>`
      : nothing}
    <p class="colophon">${colophon(b)}</p>
  </article>`;
}

function briefingCell(cell: BriefingCell, jump: (e: Event) => void): TemplateResult {
  const info = details(cell).map((d) => html`<br /><span class="detail">${d}</span>`);
  if (cell.status === 'flagged') {
    return html`<td class="flagged">
      <strong class="flag">${WORDS.unverified}</strong>${cell.note
        ? html`<sup class="fn-ref"><a href="#note-${cell.note}" @click=${jump}>${cell.note}</a></sup>`
        : nothing}${cell.value ? html`<br /><span class="value unverified">${cell.value}</span>` : nothing}${info}
    </td>`;
  }
  const stands = placeholder(cell);
  return html`<td>
    ${stands ? html`<em class="placeholder">${stands}</em>` : html`<span class="value">${cell.value}</span>`}${cell.footnotes.length
      ? html`<sup class="fn-ref"
          >${cell.footnotes.map(
            (n, i) => html`${i ? ', ' : ''}<a href="#fn-${n}" @click=${jump}>${n}</a>`,
          )}</sup
        >`
      : nothing}${info}
  </td>`;
}
