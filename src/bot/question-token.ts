import { createHash } from 'node:crypto';
import { refId, type DialogState } from '../dialogs/types.js';

/**
 * What question a conversation is on, as a short token: a card's `task_id` carries it, so a click
 * on a card asked for another question (or sent to another person) is recognised as stale instead
 * of being stored as the answer to whatever is current. Pure: derived from the stored state only,
 * so it survives restarts and is the same on every instance.
 */
export function questionToken(user: string, state: DialogState): string {
  const s = state.step;
  const where =
    s.kind === 'field'
      ? `f:${refId(s.ref)}`
      : s.kind === 'gate'
        ? `g:${s.group}@${s.parentId ?? ''}`
        : s.kind === 'confirmDelete'
          ? `d:${s.group}@${s.itemId}`
          : s.kind === 'unitRank'
            ? `r:${s.name}`
            : s.kind;
  const imp = state.pendingImport;
  // an import waiting for 确认 asks its own questions over the current one
  const importing = imp ? `|i:${imp.file}:${imp.ask.length}:${imp.sections[0] ?? ''}:${imp.edit ?? ''}` : '';
  return createHash('sha256').update(`${user}|${state.reportId ?? ''}|${where}${importing}`).digest('hex').slice(0, 16);
}

/** task_id of a card: the question token and a nonce (WeCom wants task ids unique; [A-Za-z0-9_-@], ≤ 128 bytes). */
export function cardTaskId(token: string, nonce: string): string {
  return `q-${token}-${nonce.replace(/[^A-Za-z0-9]/g, '').slice(0, 24)}`;
}

/** The question token a card's task_id was made with, if it is one of ours. */
export function tokenOfTaskId(taskId: string): string | undefined {
  return /^q-([0-9a-f]{16})-[A-Za-z0-9]+$/.exec(taskId)?.[1];
}
