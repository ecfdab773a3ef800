import { zh } from '../messages/zh.js';
import { getField, sectionTitle } from '../report/catalogue.js';
import { checklistOf, type Checklist } from '../report/checklists.js';
import { showValue } from '../scoring/inputs.js';
import { parseChecklistReply, type ChecklistErrorCode } from './checklist-reply.js';
import { parseCommand, squash } from './commands.js';
import { afterAnswers, askNext, canWrite, type Turn } from './engine.js';
import { sectionPosition } from './honest.js';
import { lastYearOffer } from './last-year.js';
import type { PlanEntry } from './plan.js';
import { refId, type FieldRef } from './types.js';
import { parseAnswer } from './values.js';

/**
 * Checklists in one tap (issue 26 item 2): the yes/no items of one checklist (report/checklists.ts)
 * are asked as one question listing them, answered by 「全部是」, 「全部是，除了 2、5」, every item
 * in order, or 「逐项回答」 (the items are then asked one by one, as before). A correction
 * (修改 <item>) still asks the one item.
 */
const L = zh.lists;

interface OpenList {
  list: Checklist;
  /** The items asked: those of the list still open (unanswered, not skipped), in order. */
  refs: FieldRef[];
}

/** The checklist question a pending (not queued) question opens; two items at least. */
function openList(t: Turn, ref: FieldRef, edit: boolean): OpenList | undefined {
  if (edit || ref.itemId) return undefined;
  const list = checklistOf(ref.key);
  if (!list) return undefined;
  const plan = t.plan();
  const skipped = new Set(t.state.skipped);
  const refs = list.keys.map((key) => ({ key })).filter((r) => !plan.answered(r) && !skipped.has(refId(r)) && plan.field(r));
  if (refs.length < 2 || !refs.some((r) => r.key === ref.key)) return undefined;
  return { list, refs };
}

/** Hook of the engine's question: asks the whole list instead of its first item. */
export function checklistQuestion(t: Turn, entry: Extract<PlanEntry, { kind: 'field' }>, edit: boolean): boolean {
  const open = openList(t, entry.ref, edit);
  if (!open) return false;
  const { n, total } = sectionPosition(t.plan(), entry);
  const lines = [
    L.question(n, total, sectionTitle(entry.section), open.list.title),
    ...open.refs.map((r, i) => L.item(i + 1, getField(r.key)!.label)),
    L.howTo(open.refs.length),
  ];
  const last = lastYear(t, open.refs);
  if (last) lines.push(L.lastYear(showValue(open.refs[0]!.key, true), noNumbers(last), showValue(open.refs[0]!.key, false), t.snap.buttons));
  // Without buttons the choices would be numbered like the items: the hint names them instead.
  t.say(lines.join('\n'), t.snap.buttons ? [L.allYes, L.oneByOne, ...(last ? [L.sameAsLastYear] : [])] : undefined);
  return true;
}

/** Last year's answers of every listed item (say it once, dialogs/last-year.ts), if all are there. */
function lastYear(t: Turn, refs: FieldRef[]): boolean[] | undefined {
  const values: boolean[] = [];
  for (const r of refs) {
    const offer = lastYearOffer(t, r);
    const parsed = offer && parseAnswer(getField(r.key)!, offer.value);
    if (!parsed?.ok || typeof parsed.value !== 'boolean') return undefined;
    values.push(parsed.value);
  }
  return values;
}

const noNumbers = (values: boolean[]): string =>
  values
    .map((v, i) => (v ? 0 : i + 1))
    .filter(Boolean)
    .join('、');

const SAME_AS_LAST_YEAR = new Set(['同去年', '去年', '和去年一样', '与去年相同', '照去年']);

function fail(t: Turn, _code: ChecklistErrorCode, message: string): void {
  t.state.failures++;
  t.say(message);
}

/**
 * Hook before commands: a reply to a checklist question. 跳过 / 稍后再填 skip the whole list;
 * any other command is left to the engine.
 */
export function checklistTurn(t: Turn, text: string): boolean {
  const step = t.state.step;
  if (step.kind !== 'field') return false;
  const open = openList(t, step.ref, step.edit ?? false);
  if (!open) return false;
  const { list, refs } = open;
  const cmd = parseCommand(text);
  if (cmd?.kind === 'skip' || cmd?.kind === 'later') {
    t.state.skipped = [...t.state.skipped, ...refs.map(refId)];
    t.remember(step.ref);
    t.state.failures = 0;
    t.say(L.skippedAll(list.title, refs.length));
    askNext(t);
    return true;
  }
  if (cmd) return false;
  const last = SAME_AS_LAST_YEAR.has(squash(text)) ? lastYear(t, refs) : undefined;
  if (last) {
    if (!canWrite(t)) return true;
    for (const r of refs) delete t.state.priorTexts!.texts[r.key];
    if (Object.keys(t.state.priorTexts!.texts).length === 0) delete t.state.priorTexts;
    refs.forEach((r, i) => t.write(r, last[i]!, true));
    afterAnswers(t, [echo(list, refs, last)], refs.map((r) => r.key), refs);
    return true;
  }
  const reply = parseChecklistReply(text, refs.length);
  switch (reply.kind) {
    case 'oneByOne': {
      const ids = new Set(refs.map(refId));
      t.state.queue = [...refs, ...t.state.queue.filter((q) => !ids.has(refId(q)))];
      askNext(t);
      return true;
    }
    case 'badNumber':
      fail(t, 'BOT_ERR_CHECKLIST_NUMBER', L.badNumber(reply.number, refs.length));
      return true;
    case 'badCount':
      fail(t, 'BOT_ERR_CHECKLIST_COUNT', L.badCount(reply.got, refs.length));
      return true;
    case 'unknown':
      fail(t, 'BOT_ERR_CHECKLIST', L.unknown(refs.length));
      return true;
    case 'values': {
      if (!canWrite(t)) return true;
      refs.forEach((r, i) => t.write(r, reply.values[i]!, true));
      afterAnswers(t, [echo(list, refs, reply.values)], refs.map((r) => r.key), refs);
      return true;
    }
  }
}

/** 「已记录 预算管理 9 项：7 项是；第 2、5 项否（…；…）」. */
function echo(list: Checklist, refs: FieldRef[], values: boolean[]): string {
  const first = refs[0]!.key;
  const no = values.map((v, i) => (v ? -1 : i)).filter((i) => i >= 0);
  if (no.length === 0 || no.length === values.length) return L.recordedAll(list.title, refs.length, showValue(first, values[0]!));
  const labels = no.map((i) => getField(refs[i]!.key)!.label).join('；');
  return L.recordedSome(list.title, refs.length, values.length - no.length, showValue(first, false), no.map((i) => i + 1).join('、'), labels);
}
