import { zh } from '../messages/zh.js';
import { parseCommand } from './commands.js';
import { askNext, reask, type Turn } from './engine.js';
import { parseRefId, refId } from './types.js';

/**
 * 上一步 through the whole conversation (issue 25 item 2). The questions a person leaves (answered
 * or skipped in the flow) are appended to the store's step history (Decision.steps), not kept in
 * the turn state; for a 上一步 the runner loads the history before `state.backBefore` into the
 * snapshot, and each 上一步 moves that cursor one question further back. A new step in the flow
 * resets it. A 上一步 list stored in the state by an earlier version (`state.back`) is walked
 * after the stored history, so an upgrade loses nothing.
 */

/** Whether a message needs the step history loaded (the runner asks before the turn). */
export function wantsHistory(text: string): boolean {
  return parseCommand(text)?.kind === 'back';
}

/** Step history rows the runner loads for one 上一步 (the cursor moves by one each time). */
export const HISTORY_PAGE = 200;

export function goBack(t: Turn): void {
  const step = t.state.step;
  const current = step.kind === 'field' ? refId(step.ref) : '';
  const usable = (id: string) => id !== current && t.plan().field(parseRefId(id)) !== undefined;
  const history = t.snap.history ?? [];
  let target: string | undefined;
  for (let i = history.length - 1; i >= 0 && !target; i--) {
    const h = history[i]!;
    if (t.state.backBefore !== undefined && h.id >= t.state.backBefore) continue;
    if (usable(h.ref)) {
      target = h.ref;
      t.state.backBefore = h.id;
    }
  }
  if (!target) {
    // a list kept in the state by an earlier version, older than any stored step
    target = [...t.state.back].reverse().find(usable);
    if (target) t.state.back = t.state.back.filter((b) => b !== target);
  }
  if (!target) {
    t.say(zh.dialog.backNone);
    reask(t);
    return;
  }
  // the question left is not queued again: the queue does not grow with every step back
  t.state.queue = [parseRefId(target), ...t.state.queue.filter((q) => refId(q) !== target && refId(q) !== current)];
  askNext(t);
}
