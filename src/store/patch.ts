import type { GroupId } from '../report/fields.js';
import type { FieldValue } from '../report/model.js';

/**
 * What one user turn changes. The dialogs engine returns it; the store commits it in ONE
 * transaction before any reply is sent, so a reply never announces something not saved.
 */
export interface AnswerWrite {
  fieldKey: string;
  /** Group item the field belongs to; absent for top-level fields. */
  itemId?: string;
  /** null clears the answer (recorded in the history like any change). */
  value: FieldValue | null;
}

export interface ItemAdd {
  /** Chosen by the caller so the same turn can write the item's answers. */
  id: string;
  group: GroupId;
  parentId?: string;
  /** Defaults to after the last item of the same group and parent. */
  position?: number;
}

export interface TurnPatch {
  answers?: AnswerWrite[];
  addItems?: ItemAdd[];
  deleteItems?: string[];
  /** The conversation state of (user, channel) after the turn. */
  conversation?: { channel: string; state: unknown };
  /** The inbound message this turn answers; a second delivery of it is refused. */
  inbound?: { channel: string; messageId: string };
  audit?: { action: string; detail: unknown }[];
}

export function changesReport(p: TurnPatch): boolean {
  return Boolean(p.answers?.length || p.addItems?.length || p.deleteItems?.length);
}
