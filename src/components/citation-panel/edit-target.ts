import type { EditCommand } from '../../model/edit/commands.ts';
import type { EditFeedback } from '../common/edit-feedback.ts';

/**
 * What the evidence panel's forms need of the panel: a way to apply an edit (a refusal is
 * said next to the field it came from) and the feedback that says it.
 */
export interface EditTarget {
  readonly feedback: EditFeedback;
  apply(field: string, edit: EditCommand): boolean;
}
