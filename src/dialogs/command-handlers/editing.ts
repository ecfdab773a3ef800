import { zh } from '../../messages/zh.js';
import { findField } from '../commands.js';
import { editAnywhere } from '../edit-anywhere.js';
import { afterAnswers, askNext, canWrite, reask } from '../engine.js';
import type { Turn } from '../turn.js';
import { liveFeedback } from '../feedback.js';
import { askPlausible } from '../plausible.js';
import { rowEdit } from '../row-answer.js';
import { parseAnswer } from '../values.js';
import type { CommandContext, CommandOf } from './handler.js';

/** Changing answers out of turn: 修改 <field>, <field> 改为 <value>, 用默认. */
const D = zh.dialog;

/**
 * 修改 <field> (ask it again next) and <field> 改为 <value> (store it now). A row of a table
 * (row-answer.ts) or a field of an item (edit-anywhere.ts) is tried before a top-level field.
 */
export function editField(t: Turn, cmd: CommandOf<'edit' | 'set'>, { textPending }: CommandContext): boolean {
  if (rowEdit(t, cmd) || editAnywhere(t, cmd, textPending)) return true;
  const f = findField(cmd.what);
  if (!f) {
    if (textPending) return false;
    t.say(D.unknownField(cmd.what));
    reask(t);
    return true;
  }
  if (!canWrite(t)) return true;
  if (cmd.kind === 'edit') {
    t.state.queue = [{ key: f.key }, ...t.state.queue.filter((q) => q.key !== f.key || q.itemId)];
    t.say(D.editAsk(f.label));
    askNext(t);
    return true;
  }
  const parsed = parseAnswer(f, cmd.value);
  if (!parsed.ok) {
    t.say(parsed.message);
    reask(t);
    return true;
  }
  if (askPlausible(t, { key: f.key }, parsed.value, cmd.value, false)) return true;
  t.write({ key: f.key }, parsed.value);
  t.say(D.recorded(f.label, parsed.display));
  liveFeedback(t, [f.key]);
  reask(t);
  return true;
}

/** 用默认: the pending question's default wording, when it has one (otherwise not a command). */
export function useDefault(t: Turn, _cmd: CommandOf<'useDefault'>, { step, pendingField }: CommandContext): boolean {
  if (step.kind !== 'field' || !pendingField?.defaultText) return false;
  if (!canWrite(t)) return true;
  t.write(step.ref, pendingField.defaultText, true);
  afterAnswers(t, [D.recorded(pendingField.label, pendingField.defaultText)], [pendingField.key], [step.ref]);
  return true;
}
