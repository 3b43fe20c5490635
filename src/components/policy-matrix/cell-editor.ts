/**
 * The grid's cell editor: one AG Grid custom editor that fits the dimension's value type —
 * a list of the scale's named levels (ordinal), Yes/No (boolean), a number field with the
 * unit beside it, a date field, or free text. Invalid input is refused with a message shown
 * next to the cell (role="alert"), using the store's own rules (so the editor refuses exactly
 * what the store would), and the grid keeps the editor open (`invalidEditValueMode: 'block'`).
 *
 * The editor returns the fields to set (`CellFields`); the grid element turns them into a
 * `set-cell` edit of the store. Keys: Enter commits, Escape cancels (AG Grid); in a list,
 * arrows, Home/End and a first letter move the choice.
 */
import type { ICellEditorComp, ICellEditorParams } from 'ag-grid-community';
import type { CellFields } from '../../model/edit/commands.ts';
import type { Level } from '../../model/types.ts';
import type { CellView, MatrixRow } from './rows.ts';

export interface CellEditorParams {
  /** Why `fields` cannot be stored in the cell `key`, or undefined when they can. */
  problem: (key: string, fields: CellFields) => string | undefined;
  /** Levels of a scale, lowest first. */
  levelsOf: (scale: string) => readonly Level[];
}

interface Choice {
  label: string;
  fields: CellFields;
}

let editors = 0;

export class PolicyCellEditor implements ICellEditorComp<MatrixRow, CellView> {
  private params!: ICellEditorParams<MatrixRow, CellView> & CellEditorParams;
  private gui!: HTMLElement;
  private input: HTMLInputElement | undefined;
  private list: HTMLElement | undefined;
  private message!: HTMLElement;
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
      list.setAttribute('aria-describedby', this.message.id);
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
      const input = (this.input = document.createElement('input'));
      input.type = 'text';
      input.className = 'pm-editor-input';
      input.spellcheck = type === 'text';
      if (type === 'number') input.inputMode = 'decimal';
      if (type === 'date') input.placeholder = 'YYYY, YYYY-MM or YYYY-MM-DD';
      input.setAttribute('aria-label', `Value of ${name}${type === 'number' && view?.dimension.unit ? ` (${view.dimension.unit})` : ''}${type === 'date' ? ' (YYYY, YYYY-MM or YYYY-MM-DD)' : ''}`);
      input.setAttribute('aria-describedby', this.message.id);
      const key = params.eventKey;
      input.value = key && key.length === 1 ? key : key === 'Backspace' || key === 'Delete' ? '' : (cell?.value ?? '');
      input.addEventListener('input', () => {
        if (!this.message.hidden) this.validate();
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
    gui.append(this.message);
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  afterGuiAttached(): void {
    // AG Grid places a popup editor in a dialog of its own, without a name: name it after the cell.
    this.gui.closest('[role="dialog"]')?.setAttribute('aria-label', `Edit ${this.name}`);
    const cellWidth = this.params.eGridCell?.getBoundingClientRect().width;
    if (cellWidth) this.gui.style.minWidth = `${Math.round(cellWidth)}px`;
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

  /** The fields to set in the cell. */
  getValue(): CellView | null | undefined {
    return this.fields() as unknown as CellView;
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
