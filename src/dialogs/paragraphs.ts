import { zh } from '../messages/zh.js';
import { FIELDS, getField } from '../report/catalogue.js';
import type { FieldDef } from '../report/fields.js';
import { MAX_CHARS, MAX_LINES } from '../report/limits.js';
import { str } from '../report/model.js';
import { findField, squash } from './commands.js';
import { afterAnswers, canWrite, reask, type Turn } from './engine.js';
import type { PlanEntry } from './plan.js';
import { refId, type FieldRef } from './types.js';
import { parseAnswer } from './values.js';

/**
 * Multi-paragraph text (issue 26 item 3). A long-text question takes several messages: the first
 * answer is stored and the question stays open (step `more`); each further message is appended
 * as a paragraph, until 「完成」 (a message of its own, or the last line of one) or a command
 * that moves on. 「续写 <字段>」 opens an answered long
 * text for more paragraphs. A paragraph that would take the answer past the limits of
 * report/limits.ts is refused and nothing of it is stored.
 */
const L = zh.lists;
const DONE = ['完成', '写完了', '写完', '好了', '结束', '完毕', '就这些', '没有了'];

const paragraphsOf = (text: string | undefined): string[] => (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const preview = (s: string): string => ([...s].length > 20 ? `${[...s].slice(0, 20).join('')}…` : s);

function appending(t: Turn, ref?: FieldRef): FieldRef | undefined {
  const step = t.state.step;
  if (step.kind !== 'field' || !step.more) return undefined;
  if (ref && refId(ref) !== refId(step.ref)) return undefined;
  return step.ref;
}

function stored(t: Turn, ref: FieldRef): string | undefined {
  const scope = t.plan().scope(ref);
  return scope ? str(scope, ref.key) : undefined;
}

/**
 * Hook at the start of the engine's answer: a long-text answer, stored (or appended to what the
 * question has stored so far) while the question stays open. False for any other field, and for
 * an answer the field's parser refuses (the engine then says why).
 */
export function longTextAnswer(t: Turn, ref: FieldRef, text: string): boolean {
  const f = getField(ref.key);
  if (f?.kind !== 'longtext') return false;
  // 「…\n完成」: the paragraphs and the 完成 in one message
  const lines = text.split(/\r?\n/);
  while (lines.length && !lines[lines.length - 1]!.trim()) lines.pop();
  const finished = lines.length > 1 && squash(lines[lines.length - 1]!) === '完成';
  if (finished) text = lines.slice(0, -1).join('\n');
  const parsed = parseAnswer(f, text);
  if (!parsed.ok) return false;
  if (!canWrite(t)) return true;
  const more = appending(t, ref) !== undefined;
  const before = more ? stored(t, ref) : undefined;
  const value = before ? `${before}\n${String(parsed.value)}` : String(parsed.value);
  const had = paragraphsOf(before).length;
  if ([...value].length > MAX_CHARS.longtext) {
    t.say(L.tooLong(f.label, MAX_CHARS.longtext, had));
    return true;
  }
  if (paragraphsOf(value).length > MAX_LINES.longtext) {
    t.say(L.tooManyLines(f.label, MAX_LINES.longtext, had));
    return true;
  }
  const edit = t.state.step.kind === 'field' && t.state.step.edit;
  t.write(ref, value, !more);
  if (finished) {
    afterAnswers(t, [L.doneSaid(f.label, paragraphsOf(value).length)], [ref.key], [ref]);
    return true;
  }
  t.state.step = { kind: 'field', ref, ...(edit ? { edit: true } : {}), more: true };
  t.say(L.stored(f.label, parsed.display, paragraphsOf(value).length), t.snap.buttons ? [L.done] : undefined);
  return true;
}

/** Hook of the engine's question: a long text taking more paragraphs is asked for the next one. */
export function paragraphsQuestion(t: Turn, entry: Extract<PlanEntry, { kind: 'field' }>): boolean {
  const ref = appending(t, entry.ref);
  if (!ref) return false;
  t.say(L.more(entry.field.label, paragraphsOf(stored(t, ref)).length), t.snap.buttons ? [L.done] : undefined);
  return true;
}

/** Hook before commands: 「完成」 of a long text taking more paragraphs, and 「续写 <字段>」. */
export function paragraphsTurn(t: Turn, text: string): boolean {
  const ref = appending(t);
  if (ref && DONE.includes(squash(text))) {
    const f = getField(ref.key)!;
    t.state.step = { kind: 'field', ref };
    afterAnswers(t, [L.doneSaid(f.label, paragraphsOf(stored(t, ref)).length)], [ref.key], [ref]);
    return true;
  }
  const m = text.normalize('NFKC').trim().match(/^续写\s*(.*)$/s);
  if (!m || m[1]!.length > 60) return false;
  continueText(t, m[1]!.trim());
  return true;
}

/** The long text 「续写 <name>」 names: a top-level field, or one of the pending question's item. */
function target(t: Turn, name: string): { ref: FieldRef; field: FieldDef } | { unknown: true } | { notText: FieldDef } {
  const step = t.state.step;
  const pendingRef = step.kind === 'field' ? step.ref : undefined;
  if (!name) {
    const f = pendingRef && getField(pendingRef.key);
    return f?.kind === 'longtext' ? { ref: pendingRef!, field: f } : { unknown: true };
  }
  const s = squash(name);
  const pendingGroup = pendingRef && getField(pendingRef.key)?.group;
  const inItem = FIELDS.filter((f) => f.kind === 'longtext' && f.group && f.group === pendingGroup && squash(f.label).includes(s));
  if (inItem.length === 1 && pendingRef?.itemId) return { ref: { key: inItem[0]!.key, itemId: pendingRef.itemId }, field: inItem[0]! };
  const top = findField(name);
  if (!top) return { unknown: true };
  return top.kind === 'longtext' ? { ref: { key: top.key }, field: top } : { notText: top };
}

function continueText(t: Turn, name: string): void {
  const hit = target(t, name);
  if ('unknown' in hit) {
    t.say(L.appendUnknown(name || '续写'));
    return reask(t);
  }
  if ('notText' in hit) {
    t.say(L.appendNotText(hit.notText.label));
    return reask(t);
  }
  if (!canWrite(t)) return;
  const before = stored(t, hit.ref);
  if (!before) {
    t.say(L.appendEmpty(hit.field.label));
    t.state.step = { kind: 'field', ref: hit.ref, edit: true };
    return reask(t);
  }
  const paragraphs = paragraphsOf(before);
  t.state.step = { kind: 'field', ref: hit.ref, edit: true, more: true };
  t.say(L.appendAsk(hit.field.label, paragraphs.length, preview(paragraphs[paragraphs.length - 1]!)), t.snap.buttons ? [L.done] : undefined);
}
