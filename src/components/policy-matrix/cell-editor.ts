/**
 * The grid's cell editor: one AG Grid custom editor that fits the dimension's value type —
 * a list of the scale's named levels (ordinal), Yes/No (boolean), a number field with the
 * unit beside it, a date field, or free text (several lines, growing as it fills). Invalid
 * input is refused with a message shown next to the cell (role="alert"), using the store's
 * own rules (so the editor refuses exactly what the store would), and the grid keeps the
 * editor open (`invalidEditValueMode: 'block'`). Giving a value to a cell marked not in
 * source is said before it is saved: the cell becomes a draft, flagged until it cites the source.
 *
 * The editor returns the cell as stored with the fields to set (`PendingCell`): AG Grid shows
 * a cell being edited with the editor's value, so the cell under the editor keeps showing
 * (and naming, to a screen reader) what is stored until the edit ends; the grid element
 * turns the fields (`editedFields`) into a `set-cell` edit of the store. Keys: Enter commits,
 * Escape cancels (AG Grid); in free text, Shift+Enter starts a new line and the arrow keys
 * move in the text; in a list, arrows, Home/End and a first letter move the choice.
 */
import type { ICellEditorComp, ICellEditorParams } from 'ag-grid-community';
import type { CellFields } from '../../model/edit/commands.ts';
import type { Level } from '../../model/types.ts';
import type { CellView, MatrixRow } from './rows.ts';

export interface CellEditorParams {
  /** Why `fields` cannot be stored in the cell `key`, or undefined when they can. */
  problem: (key: string, fields: CellFields) => string | undefined;
  /** Open the source reader to cite the cell `key` (once the edit is saved); none: not offered. */
  cite?: (key: string) => void;
  /** Levels of a scale, lowest first. */
  levelsOf: (scale: string) => readonly Level[];
}

/** What the editor gives the grid: the cell as stored (for the grid to show while editing) and the fields to set. */
export type PendingCell = CellView & { readonly edit: CellFields };

/**
 * The fields an edit sets, from the value the grid's valueSetter receives: the editor's
 * `PendingCell`, or nothing when the grid cleared the cell (Delete) — then value and level.
 */
export function editedFields(newValue: unknown): CellFields {
  const edit = (newValue as Partial<PendingCell> | null | undefined)?.edit;
  return edit ?? { value: '', level: '' };
}

/** Whether giving `fields` to the cell of `view` turns a cell marked not in source into a draft, and flags it (no citation of it is found). */
export function notInSourceGivenValue(view: CellView | undefined, fields: CellFields): 'draft' | 'flagged' | undefined {
  if (!view || (view.cell && view.cell.status !== 'not_in_source')) return undefined;
  const given = (fields.value !== undefined && fields.value.trim() !== '') || (fields.level !== undefined && fields.level !== '');
  if (!given) return undefined;
  return view.found > 0 ? 'draft' : 'flagged';
}

/** Keys a multi-line text field keeps from the grid (which would otherwise move to another cell, or end the edit). */
const TEXT_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

/** Lines a text editor grows to before it scrolls. */
const MAX_TEXT_LINES = 12;

interface Choice {
  label: string;
  fields: CellFields;
}

let editors = 0;

export class PolicyCellEditor implements ICellEditorComp<MatrixRow, CellView> {
  private params!: ICellEditorParams<MatrixRow, CellView> & CellEditorParams;
  private gui!: HTMLElement;
  private input: HTMLInputElement | HTMLTextAreaElement | undefined;
  private list: HTMLElement | undefined;
  private message!: HTMLElement;
  private note!: HTMLElement;
  private noteText!: HTMLElement;
  private citeButton: HTMLButtonElement | undefined;
  private pending: PendingCell | undefined;
  private choices: Choice[] = [];
  private active = 0;
  private view: CellView | undefined;
  /** The cell's name in words, e.g. "Detention — Canada". */
  private name = 'cell';
  private readonly id = `pm-editor-${++editors}`;

  init(params: ICellEditorParams<MatrixRow, CellView> & CellEditorParams): void {
    this.params = params;
    const view = (this.view = params.value ?? undefined);
    const gui = (this.gui = document.createElement('div'));
    gui.className = 'pm-editor';
    const name = (this.name = view ? `${view.dimension.label || view.dimension.id} — ${view.jurisdiction.label || view.jurisdiction.id}` : 'cell');
    this.message = document.createElement('p');
    this.message.className = 'pm-editor-error';
    this.message.id = `${this.id}-error`;
    this.message.setAttribute('role', 'alert');
    this.message.hidden = true;
    // What saving the value will do to a cell marked not in source, said before it is saved
    // (read with the field: aria-describedby).
    this.note = document.createElement('div');
    this.note.className = 'pm-editor-note';
    this.note.hidden = true;
    this.noteText = document.createElement('p');
    this.noteText.id = `${this.id}-note`;
    this.note.append(this.noteText);
    if (params.cite) {
      // Tab from the field reaches it (the grid's Tab would end the edit and move on).
      const button = (this.citeButton = document.createElement('button'));
      button.type = 'button';
      button.className = 'pm-editor-cite';
      button.textContent = 'Save and cite from source…';
      button.addEventListener('click', () => this.saveAndCite());
      this.note.append(button);
    }
    gui.addEventListener('keydown', (e) => this.onKey(e));
    const describedBy = `${this.message.id} ${this.noteText.id}`;
    const type = view?.dimension.valueType ?? 'text';
    const cell = view?.cell;

    if (type === 'ordinal' || type === 'boolean') {
      this.choices =
        type === 'ordinal'
          ? [
              ...params.levelsOf(view!.dimension.scale).map((l, i, all) => ({ label: `${l.label || l.id} (${i + 1} of ${all.length})`, fields: { level: l.id } })),
              { label: 'No level', fields: { level: '' } },
            ]
          : [
              { label: 'Yes', fields: { value: 'yes' } },
              { label: 'No', fields: { value: 'no' } },
              { label: 'No value', fields: { value: '' } },
            ];
      const current = type === 'ordinal' ? (cell?.level ?? '') : (cell?.value ?? '');
      this.active = Math.max(0, this.choices.findIndex((c) => (type === 'ordinal' ? c.fields.level : c.fields.value) === current));
      const list = (this.list = document.createElement('ul'));
      list.className = 'pm-editor-list';
      list.id = `${this.id}-list`;
      list.tabIndex = 0;
      list.setAttribute('role', 'listbox');
      list.setAttribute('aria-label', `${type === 'ordinal' ? 'Level' : 'Value'} of ${name}`);
      list.setAttribute('aria-describedby', describedBy);
      this.choices.forEach((c, i) => {
        const li = document.createElement('li');
        li.id = `${this.id}-opt-${i}`;
        li.setAttribute('role', 'option');
        li.textContent = c.label;
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          this.choose(i);
        });
        li.addEventListener('click', () => this.params.stopEditing());
        list.append(li);
      });
      list.addEventListener('keydown', (e) => this.onListKey(e));
      const key = params.eventKey;
      if (key && key.length === 1) this.jumpTo(key);
      gui.append(list);
      this.renderChoice();
    } else {
      const row = document.createElement('div');
      row.className = 'pm-editor-row';
      const input = (this.input = type === 'text' ? this.textArea() : document.createElement('input'));
      if (input instanceof HTMLInputElement) input.type = 'text';
      input.className = 'pm-editor-input';
      input.spellcheck = type === 'text';
      if (type === 'number') input.inputMode = 'decimal';
      if (type === 'date') input.placeholder = 'YYYY, YYYY-MM or YYYY-MM-DD';
      input.setAttribute('aria-label', `Value of ${name}${type === 'number' && view?.dimension.unit ? ` (${view.dimension.unit})` : ''}${type === 'date' ? ' (YYYY, YYYY-MM or YYYY-MM-DD)' : ''}`);
      input.setAttribute('aria-describedby', describedBy);
      const key = params.eventKey;
      input.value = key && key.length === 1 ? key : key === 'Backspace' || key === 'Delete' ? '' : (cell?.value ?? '');
      input.addEventListener('input', () => {
        if (!this.message.hidden) this.validate();
        this.showNote();
        this.fit();
      });
      row.append(input);
      if (type === 'number' && view?.dimension.unit) {
        const unit = document.createElement('span');
        unit.className = 'pm-editor-unit';
        unit.textContent = view.dimension.unit;
        row.append(unit);
      }
      gui.append(row);
    }
    gui.append(this.note, this.message);
    this.showNote();
  }

  /**
   * Free text: several lines. Enter commits and Escape cancels (the grid's keys); Shift+Enter
   * is a new line, and the arrow keys move in the text (kept from the grid, which would move
   * to another cell). It grows with its text (see `fit`).
   */
  private textArea(): HTMLTextAreaElement {
    const area = document.createElement('textarea');
    area.rows = 1;
    area.setAttribute('aria-multiline', 'true');
    // Kept from the grid by stopping the event; Enter and Escape go on to the grid (which
    // ignores an event whose default is prevented).
    area.addEventListener('keydown', (e) => {
      if ((e.key === 'Enter' && e.shiftKey) || (TEXT_KEYS.has(e.key) && !e.altKey && !e.ctrlKey && !e.metaKey)) e.stopPropagation();
    });
    return area;
  }

  /** A text area as tall as its text (up to MAX_TEXT_LINES lines, then it scrolls). */
  private fit(): void {
    const area = this.input;
    if (!(area instanceof HTMLTextAreaElement) || !area.isConnected) return;
    const style = getComputedStyle(area);
    const line = parseFloat(style.lineHeight) || 18;
    const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
    const borders = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
    // scrollHeight counts the padding, not the borders; `height` is of the box style.boxSizing says.
    const extra = style.boxSizing === 'border-box' ? borders : -padding;
    area.style.height = 'auto';
    const fits = area.scrollHeight + extra;
    area.style.height = `${Math.min(fits, Math.ceil(line * MAX_TEXT_LINES + padding + extra))}px`;
  }

  /** Say what saving the current input does to a cell marked not in source (nothing otherwise). */
  private showNote(): void {
    const outcome = notInSourceGivenValue(this.view, this.fields());
    this.note.hidden = !outcome;
    if (this.citeButton) this.citeButton.hidden = outcome !== 'flagged';
    this.noteText.textContent = !outcome
      ? ''
      : `This cell is marked not in source. With a value it is saved as a draft${outcome === 'flagged' ? ', flagged until it cites the source (validate reports it as an error)' : ''}.`;
  }

  /** Save the value, then open the source reader for the cell (when the value is refused, the editor stays open with the reason). */
  private saveAndCite(): void {
    if (!this.view || this.validate()) return;
    const key = this.view.key;
    const cite = this.params.cite;
    this.params.stopEditing();
    // Once the grid has ended the edit (and given the cell its focus back).
    setTimeout(() => cite?.(key));
  }

  /**
   * Tab from the field to "Save and cite from source…" and back, and Enter or Space on it,
   * kept from the grid (whose Tab and Enter would end the edit first, and the button with it).
   */
  private onKey(e: KeyboardEvent): void {
    const button = this.citeButton;
    if (!button || button.hidden || this.note.hidden || e.altKey || e.ctrlKey || e.metaKey) return;
    const onButton = e.target === button;
    if (onButton && (e.key === 'Enter' || e.key === ' ')) {
      e.stopPropagation();
      return;
    }
    if (e.key === 'Tab' && onButton === e.shiftKey) {
      e.stopPropagation();
      e.preventDefault();
      (onButton ? (this.input ?? this.list) : button)?.focus();
    }
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  afterGuiAttached(): void {
    // AG Grid places a popup editor in a dialog of its own, without a name: name it after the cell.
    this.gui.closest('[role="dialog"]')?.setAttribute('aria-label', `Edit ${this.name}`);
    const cellWidth = this.params.eGridCell?.getBoundingClientRect().width;
    if (cellWidth) this.gui.style.minWidth = `${Math.round(cellWidth)}px`;
    // Free text gets room to read a long value: wider than a narrow cell (the styles cap it).
    if (this.input instanceof HTMLTextAreaElement) this.gui.classList.add('pm-editor-text');
    this.fit();
    if (this.input) {
      this.input.focus();
      const typed = this.params.eventKey && this.params.eventKey.length === 1;
      if (typed) this.input.setSelectionRange(this.input.value.length, this.input.value.length);
      else this.input.select();
    } else {
      this.list?.focus();
      this.list?.querySelector(`#${this.id}-opt-${this.active}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  isPopup(): boolean {
    return true;
  }

  getPopupPosition(): 'over' | 'under' {
    return 'over';
  }

  /**
   * The cell as stored, with the fields to set (`PendingCell`). AG Grid renders a cell being
   * edited with this value: the stored view keeps it showing the stored cell (a bare set of
   * fields rendered as "No entry"). One object while the fields stay the same.
   */
  getValue(): CellView | null | undefined {
    const edit = this.fields();
    const last = this.pending?.edit;
    if (this.view && last && last.value === edit.value && last.level === edit.level) return this.pending;
    this.pending = this.view ? { ...this.view, edit } : undefined;
    return this.pending;
  }

  getValidationErrors(): string[] | null {
    const problem = this.validate();
    return problem ? [problem] : null;
  }

  getValidationElement(): HTMLElement {
    return this.gui;
  }

  /** Never store a value the rules refuse, even if the grid stops editing anyway (e.g. focus left). */
  isCancelAfterEnd(): boolean {
    return this.problem() !== undefined || this.unchanged();
  }

  private fields(): CellFields {
    if (this.input) return { value: this.input.value };
    return this.choices[this.active]?.fields ?? {};
  }

  private unchanged(): boolean {
    const cell = this.view?.cell;
    const f = this.fields();
    return cell !== undefined && (f.value === undefined || f.value === cell.value) && (f.level === undefined || f.level === cell.level);
  }

  private problem(): string | undefined {
    if (!this.view) return undefined;
    return this.params.problem(this.view.key, this.fields());
  }

  /** Show (or clear) the message for the current input; returns it. */
  private validate(): string | undefined {
    const problem = this.problem();
    this.message.textContent = problem ? `Not saved: ${problem}.` : '';
    this.message.hidden = !problem;
    const field = this.input ?? this.list;
    if (problem) field?.setAttribute('aria-invalid', 'true');
    else field?.removeAttribute('aria-invalid');
    return problem;
  }

  private choose(i: number): void {
    this.active = Math.max(0, Math.min(this.choices.length - 1, i));
    this.renderChoice();
    if (!this.message.hidden) this.validate();
    this.showNote();
  }

  private renderChoice(): void {
    const list = this.list;
    if (!list) return;
    list.querySelectorAll('[role="option"]').forEach((li, i) => {
      li.setAttribute('aria-selected', i === this.active ? 'true' : 'false');
      li.classList.toggle('active', i === this.active);
    });
    list.setAttribute('aria-activedescendant', `${this.id}-opt-${this.active}`);
    list.querySelector(`#${this.id}-opt-${this.active}`)?.scrollIntoView?.({ block: 'nearest' });
  }

  private jumpTo(letter: string): void {
    const l = letter.toLowerCase();
    const n = this.choices.length;
    for (let step = 1; step <= n; step++) {
      const i = (this.active + step) % n;
      if (this.choices[i].label.toLowerCase().startsWith(l)) {
        this.active = i;
        return;
      }
    }
  }

  private onListKey(e: KeyboardEvent): void {
    const moves: Record<string, number> = { ArrowDown: this.active + 1, ArrowUp: this.active - 1, Home: 0, End: this.choices.length - 1 };
    if (e.key in moves && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      e.stopPropagation();
      this.choose(moves[e.key]);
    } else if (e.key.length === 1 && /\S/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      e.stopPropagation();
      this.jumpTo(e.key);
      this.renderChoice();
    }
  }
}
