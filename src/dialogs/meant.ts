import { zh } from '../messages/zh.js';
import { getField } from '../report/catalogue.js';
import { parseCommand, squash } from './commands.js';
import { answerField, runCommand, type Turn } from './engine.js';
import { fastEntry } from './fast-entry.js';
import { namesSomething, parseScopedEntry } from './scoped-entry.js';
import { parseAnswer } from './values.js';

/**
 * A message is an answer only when it reads as one (issue 25 item 3). On a text question, a
 * message that reads as a command naming a part of the report, or as several fields of the
 * current item named with their values, is not stored as the text: the bot asks which was meant.
 * On any other question a fast entry stores every field it understood and lists the others.
 */

const C = zh.clerk;

/** After commands, before the pending question's own parser. Returns whether the message was handled. */
export function entryTurn(t: Turn, text: string): boolean {
  const step = t.state.step;
  const ref = step.kind === 'field' ? step.ref : undefined;
  const pending = ref ? getField(ref.key) : undefined;
  const entry = parseScopedEntry(text, ref);
  if (pending?.kind !== 'text' && pending?.kind !== 'longtext') {
    if (!entry) return false;
    fastEntry(t, entry);
    return true;
  }
  const cmd = parseCommand(text);
  const asCommand = (cmd?.kind === 'edit' || cmd?.kind === 'set' || cmd?.kind === 'view') && namesSomething(cmd.what);
  // prose that mentions two labels is an answer; an entry begins with a label and its values read as values
  const readable = entry?.startsWithLabel ? entry.pairs.filter((p) => parseAnswer(p.field, p.value).ok).length : 0;
  const asEntry = entry !== undefined && readable >= Math.min(2, entry.pairs.length);
  if (!asCommand && !asEntry) return false;
  t.state.clerk = { kind: 'meant', ref: ref!, text, as: asCommand ? 'command' : 'entry' };
  const shown = [...text.trim()].length > 30 ? `${[...text.trim()].slice(0, 30).join('')}…` : text.trim();
  if (asCommand) t.say(C.meantCommand(pending.label, shown), [C.choiceAsAnswer(pending.label), C.choiceAsCommand]);
  else t.say(C.meantEntry(pending.label, entry!.pairs.map((p) => `「${p.field.label}」`).slice(0, 3).join('')), [C.choiceAsAnswer(pending.label), C.choiceAsEntry]);
  return true;
}

/** The reply to 「填作 X，还是…」; anything else drops the question and is handled as usual. */
export function meantReply(t: Turn, text: string): boolean {
  const ask = t.state.clerk;
  if (ask?.kind !== 'meant') return false;
  delete t.state.clerk;
  const label = getField(ask.ref.key)!.label;
  const s = squash(text);
  const second = ask.as === 'command' ? C.choiceAsCommand : C.choiceAsEntry;
  const pick = s === '1' || s === squash(C.choiceAsAnswer(label)) ? 0 : s === '2' || s === squash(second) ? 1 : -1;
  if (pick < 0) return false;
  if (pick === 0) answerField(t, ask.ref, ask.text);
  else if (ask.as === 'command') runCommand(t, parseCommand(ask.text)!, true);
  else fastEntry(t, parseScopedEntry(ask.text, ask.ref)!);
  return true;
}
