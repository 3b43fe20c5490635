/**
 * Keyboard shortcuts for the store's undo and redo, shared by the elements that edit:
 * Ctrl/Cmd+Z undoes; Ctrl/Cmd+Shift+Z and Ctrl+Y redo. Inside a text field the browser's
 * own text undo wins (the field's typing is not an edit of the store until committed).
 */
import type { MatrixStore } from '../../state/store.ts';

export type EditKey = 'undo' | 'redo';

/** The store action a key press asks for, if any. */
export function editKeyOf(e: KeyboardEvent): EditKey | undefined {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return undefined;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return undefined;
}

/** Whether the key press happens in a field where the user types text (its own undo applies). */
export function inTextField(e: Event): boolean {
  const target = e.composedPath()[0];
  if (!(target instanceof HTMLElement)) return false;
  if (target.dataset.storeUndo !== undefined) return false;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable;
}

/**
 * Undo or redo in `store` for a key press, unless it was handled already or happens in a
 * text field. Returns true when the key was a shortcut that this call handled.
 */
export function handleEditKeys(e: KeyboardEvent, store: MatrixStore | undefined): boolean {
  if (e.defaultPrevented || !store) return false;
  const action = editKeyOf(e);
  if (!action || inTextField(e)) return false;
  e.preventDefault();
  if (action === 'undo') store.undo();
  else store.redo();
  return true;
}
