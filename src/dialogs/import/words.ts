import { zh } from '../../messages/zh.js';
import { getField, sectionTitle } from '../../report/catalogue.js';
import type { FieldDef } from '../../report/fields.js';
import { isAnswered } from '../../report/model.js';
import { findField, squash } from '../commands.js';
import type { Turn } from '../engine.js';
import type { PendingImport } from '../types.js';
import { parseAnswer } from '../values.js';
import { carryOn, dropSection, nameAt, scopeAt, sectionOfKey, show, whereOf } from './pending.js';
import { confirmAll, confirmSection } from './store.js';
import { askFirst, overview, showSection } from './summary.js';

/**
 * The user's words while a file waits: 确认, 全部确认, 跳过, 取消 (and 确认/取消 to a question
 * asked before the summary), 修改 X 为 Y, 修改 X, 保留 X.
 */

const IF = zh.importFlow;
const D = zh.dialog;

const CONFIRM = ['确认', '确定', '确认导入', '导入', '确认保存', '保存', '保存这部分'];
const ALL = ['全部确认', '确认全部', '全部导入', '都确认', '全部保存', '都保存'];
const SKIP = ['跳过', '不导入', '跳过这部分', '不导入这部分', '略过', '下一部分'];
const CANCEL = ['取消', '取消导入', '放弃', '放弃导入', '不导入了', '算了', '不要了', '退出'];
const ASK_YES = [...CONFIRM, '是', '是的', '要', '继续', '仍要导入', '继续导入'];
const ASK_NO = [...CANCEL, '否', '不', '不要'];

export function canWriteQuietly(t: Turn): boolean {
  return t.role !== 'reviewer';
}

type Word = 'confirm' | 'all' | 'skip' | 'cancel';

function wordOf(p: PendingImport, s: string): Word | undefined {
  if (p.ask.length) {
    if (ASK_YES.includes(s) || (p.prompt && s === '1')) return 'confirm';
    if (ASK_NO.includes(s) || (p.prompt && s === '2')) return 'cancel';
    return undefined;
  }
  if (CONFIRM.includes(s)) return 'confirm';
  if (ALL.includes(s)) return 'all';
  if (SKIP.includes(s)) return 'skip';
  if (CANCEL.includes(s)) return 'cancel';
  // the numbered choices of the prompt, only right after it (else 2 is an answer)
  if (p.prompt && /^[1-4]$/.test(s)) return (['confirm', 'skip', 'all', 'cancel'] as const)[Number(s) - 1];
  return undefined;
}

export function pendingTurn(t: Turn, p: PendingImport, text: string): boolean {
  const s = squash(text);
  const word = wordOf(p, s);
  if (p.edit !== undefined && !word) return editValue(t, p, p.edit, text);
  if (word === 'cancel') {
    delete t.state.pendingImport;
    t.say(p.stored ? IF.cancelledSome(p.file, p.stored) : IF.cancelled(p.file));
    carryOn(t);
    return true;
  }
  if (p.ask.length) {
    if (word !== 'confirm') return false;
    p.ask.shift();
    if (p.ask.length) askFirst(t, p);
    else overview(t, p);
    return true;
  }
  delete p.edit;
  if (word === 'confirm') confirmSection(t, p);
  else if (word === 'all') confirmAll(t, p);
  else if (word === 'skip') {
    const section = p.sections[0]!;
    dropSection(p, section);
    t.say(IF.skipped(sectionTitle(section)));
    showSection(t, p);
  } else return editCommand(t, p, text);
  return true;
}

/** The pending values a person names: 「编制数」, 「法律援助办案补贴 全年执行数」; the shown section first. */
function findPending(t: Turn, p: PendingImport, what: string): number[] {
  const s = squash(what);
  if (!s || s.length > 80) return [];
  const names = p.values.map(([key, at]) => {
    const label = squash(getField(key)!.label);
    if (!at) return [label];
    const { label: group, name } = nameAt(t, p, at);
    return [label, squash(name) + label, squash(group) + label];
  });
  let hits = names.flatMap((n, i) => (n.includes(s) ? [i] : []));
  if (hits.length === 0) hits = names.flatMap((n, i) => (n.some((x) => x.includes(s)) ? [i] : []));
  if (hits.length > 1) {
    const here = hits.filter((i) => sectionOfKey(p.values[i]![0]) === p.sections[0]);
    if (here.length === 1) return here;
  }
  return hits;
}

/** 「修改 X 为 Y」「X 改为 Y」「修改 X」「保留 X」 on a value of the file; false when X is none of them. */
function editCommand(t: Turn, p: PendingImport, text: string): boolean {
  const raw = text.normalize('NFKC').trim();
  const keep = raw.match(/^保留\s*/);
  if (keep) {
    const hits = findPending(t, p, raw.slice(keep[0].length));
    if (hits.length !== 1) return hits.length > 1 ? ambiguous(t, p, raw.slice(keep[0].length), hits) : false;
    const [key, at] = p.values[hits[0]!]!;
    const scope = scopeAt(t.model!, at);
    t.say(IF.kept(`${whereOf(t, p, at)}${getField(key)!.label}`, scope && isAnswered(scope, key) ? show(key, scope[key]!) : D.notFilled));
    p.values.splice(hits[0]!, 1);
    showSection(t, p);
    return true;
  }
  const prefix = raw.match(/^(?:修改|更改|更正|改)\s*/);
  const rest = prefix ? raw.slice(prefix[0].length) : raw;
  // Split at 为/成 (after 修改) or at 改为/改成 (without it); X decides which split is meant.
  let tries = 0;
  let answered: { f: FieldDef; value: string } | undefined;
  for (let i = 1; i < rest.length - 1 && tries < 20; i++) {
    if (rest[i] !== '为' && rest[i] !== '成') continue;
    if (!prefix && rest[i - 1] !== '改' && rest[i - 1] !== '正') continue;
    tries++;
    let what = rest.slice(0, i).trim();
    for (const w of ['修改', '更改', '更正', '改']) {
      if (what.endsWith(w)) {
        what = what.slice(0, -w.length).trim();
        break;
      }
    }
    const hits = findPending(t, p, what);
    if (hits.length > 1) return ambiguous(t, p, what, hits);
    if (hits.length === 1) return editValue(t, p, hits[0]!, rest.slice(i + 1));
    const f = findField(what);
    if (prefix && f && !answered) answered = { f, value: rest.slice(i + 1) };
  }
  // 「修改 X 为 Y」 of a field the file does not hold (or holds no more: its section is stored)
  // changes the answer, as 「X 改为 Y」 does in the engine: the prompt taught this form.
  if (answered) return setAnswer(t, p, answered.f, answered.value);
  if (!prefix) return false;
  const hits = findPending(t, p, rest);
  if (hits.length > 1) return ambiguous(t, p, rest, hits);
  if (hits.length === 0) return false;
  const [key, at, value] = p.values[hits[0]!]!;
  p.edit = hits[0]!;
  delete p.prompt;
  t.say(IF.askValue(`${whereOf(t, p, at)}${getField(key)!.label}`, show(key, value)));
  return true;
}

function setAnswer(t: Turn, p: PendingImport, f: FieldDef, text: string): boolean {
  if (!canWriteQuietly(t)) return false;
  const parsed = parseAnswer(f, text.trim());
  if (!parsed.ok) t.say(parsed.message);
  else {
    t.write({ key: f.key }, parsed.value);
    t.say(D.recorded(f.label, parsed.display));
  }
  t.say(IF.prompt(sectionTitle(p.sections[0]!), undefined), [...IF.choices]);
  p.prompt = true;
  return true;
}

function ambiguous(t: Turn, p: PendingImport, what: string, hits: number[]): boolean {
  const list = hits.slice(0, 5).map((i) => `${whereOf(t, p, p.values[i]![1])}${getField(p.values[i]![0])!.label}`);
  t.say(IF.ambiguous(what.trim(), list.join('、')), [...IF.choices]);
  p.prompt = true;
  return true;
}

function editValue(t: Turn, p: PendingImport, i: number, text: string): boolean {
  const v = p.values[i]!;
  const f = getField(v[0])!;
  const parsed = parseAnswer(f, text.trim());
  if (!parsed.ok) {
    t.say(IF.notChanged(parsed.message));
    return true;
  }
  v[2] = parsed.value;
  delete p.edit;
  t.say(IF.changed(`${whereOf(t, p, v[1])}${f.label}`, parsed.display, sectionTitle(sectionOfKey(v[0]))), [...IF.choices]);
  p.prompt = true;
  return true;
}
