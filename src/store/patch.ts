import type { GroupId } from '../report/fields.js';
import { ModelDraft } from '../report/draft.js';
import type { FieldValue, ReportModel } from '../report/model.js';
import { decodeValue, encodeValue } from './codec.js';

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
  /** Questions left in the flow (refIds), appended to the step history of (user, channel, report). */
  steps?: { channel: string; reportId: string; refs: string[] };
}

export function changesReport(p: TurnPatch): boolean {
  return Boolean(p.answers?.length || p.addItems?.length || p.deleteItems?.length);
}


/**
 * The model after a committed patch, as `loadReportModel` would read it back — so a cached model
 * can follow this process's own commits without re-reading the report. New items go last in
 * their group (the store gives them the next position); a deleted item takes its children with
 * it; values go through the same JSON encoding as the store (so -0 comes back as 0).
 */
export function applyPatch(model: ReportModel, patch: TurnPatch): ReportModel {
  // Copy-on-write: what the patch does not touch stays shared with `model` (which is unchanged).
  const next = new ModelDraft(model);
  for (const add of patch.addItems ?? []) {
    // a child of a missing parent is not shown
    next.add(add.group, { id: add.id, values: {}, children: {} }, add.parentId);
  }
  for (const id of patch.deleteItems ?? []) next.remove(id);
  for (const w of patch.answers ?? []) {
    const scope = w.itemId ? next.item(w.itemId)?.values : next.values();
    if (!scope) continue;
    if (w.value === null) delete scope[w.fieldKey];
    else scope[w.fieldKey] = decodeValue(encodeValue(w.value));
  }
  return next.model;
}
