import { isShifted, toReportYear } from '../import/shift.js';
import type { ImportError, ImportedItem, ImportProposal } from '../import/types.js';
import { zh } from '../messages/zh.js';
import { getField, getGroup, SECTIONS, sectionTitle } from '../report/catalogue.js';
import type { FieldDef, GroupId, SectionId } from '../report/fields.js';
import { plain } from '../report/format.js';
import { MAX_ITEMS } from '../report/limits.js';
import { childItems, findItem, isAnswered, items, str, type FieldValue, type GroupItem, type ReportModel } from '../report/model.js';
import { showValue } from '../scoring/inputs.js';
import { findField, squash } from './commands.js';
import { afterAnswers, askNext, canWrite, reask, resume, sectionChecks, Turn, type EngineDeps } from './engine.js';
import type { Decision, DialogState, FieldRef, ImportAsk, PendingImport, PendingItem, PendingValue, Snapshot } from './types.js';
import { parseAnswer } from './values.js';

/**
 * A file's proposal in the conversation (issue 24 §4): nothing is stored before the user
 * confirms. The proposal waits in the dialog state (`pendingImport`) and is shown section by
 * section; 确认 stores the shown section through the same path as typed answers (Turn.write /
 * Turn.addItem), then the section's checks run as at the end of a section. A value that differs
 * from an answer already given is shown with both values and replaces it only when its section
 * is confirmed. While a file waits, answers and commands still work: the file is reminded once.
 *
 * Last year's report (src/import/shift.ts) also brings texts: once their section is confirmed
 * they wait in `priorTexts` and the question offers 「沿用去年表述」/「修改」 instead of typing.
 */

const IF = zh.importFlow;
const D = zh.dialog;
const A = zh.answer;

/** The field that names an item: a file's item with the name of an existing one is that item. */
const NAME_KEY: Record<GroupId, string> = {
  special: 'special.name',
  specialIndicator: 'specialIndicator.name',
  target: 'target.name',
  manualScore: 'manualScore.indicatorId',
};
/** Lines not placed that the summary lists (and the state keeps until it is shown). */
const UNPLACED_SHOWN = 20;
/** Characters of a text shown in a summary line. */
const TEXT_SHOWN = 40;

const CONFIRM = ['确认', '确定', '确认导入', '导入', '确认保存', '保存', '保存这部分'];
const ALL = ['全部确认', '确认全部', '全部导入', '都确认', '全部保存', '都保存'];
const SKIP = ['跳过', '不导入', '跳过这部分', '不导入这部分', '略过', '下一部分'];
const CANCEL = ['取消', '取消导入', '放弃', '放弃导入', '不导入了', '算了', '不要了', '退出'];
const ASK_YES = [...CONFIRM, '是', '是的', '要', '继续', '仍要导入', '继续导入'];
const ASK_NO = [...CANCEL, '否', '不', '不要'];
const USE_PRIOR = ['沿用去年表述', '沿用', '沿用去年', '用去年的', '用去年表述', '沿用去年的'];
const EDIT_PRIOR = ['修改', '改', '重新填写', '不沿用'];

// --- entry point -------------------------------------------------------------------------

/** A file the user sent, read (a proposal) or refused (an ImportError). */
export function handleImport(snap: Snapshot, state: DialogState, proposal: ImportProposal | ImportError, deps: EngineDeps): Decision {
  if (!snap.report) return resume(snap, state, deps, IF.noReport);
  const t = new Turn(snap, state, deps);
  if (!('values' in proposal)) {
    t.say(proposal.message);
    reask(t);
    return t.decision();
  }
  if (!canWrite(t)) return t.decision();
  const year = snap.report.year;
  const asks: ImportAsk[] = [];
  let p: ImportProposal = proposal;
  if (p.kind === 'report' && !isShifted(p)) {
    if (p.year !== undefined && p.year > year) {
      t.say(IF.laterYear(p.year, year));
      reask(t);
      return t.decision();
    }
    if (p.year === year) asks.push(['sameYear', year]);
    else {
      if (p.year === undefined) asks.push(['noYear', year - 1]);
      p = toReportYear(p, year);
    }
  }
  const ours = unitName(t);
  if (p.unitName && ours && squash(p.unitName) !== squash(ours)) asks.unshift(['unit', p.unitName, ours]);
  const pending = compile(t, p, asks);
  if (!pending.values.length && !pending.items.length && !pending.texts.length) {
    t.say([IF.nothing(p.fileName), ...pending.notes].join('\n'));
    reask(t);
    return t.decision();
  }
  if (t.state.pendingImport) t.say(IF.replaced(t.state.pendingImport.file));
  t.state.pendingImport = pending;
  if (asks.length) askFirst(t, pending);
  else overview(t, pending);
  return t.decision();
}

/**
 * The import's part of a turn, before the engine reads the message: the words of a waiting file
 * (确认, 全部确认, 跳过, 取消, 修改 X 为 Y, 保留 X) and the reply to an offered last-year text.
 * Returns false when the message is the engine's; a waiting file is then reminded once.
 */
export function importTurn(t: Turn, text: string): boolean {
  prune(t);
  const p = t.state.pendingImport;
  const step = t.state.step;
  // 确认/取消 answer the engine's own confirmation first (delete an item, generate the report).
  const engineConfirming = step.kind === 'confirmDelete' || step.kind === 'confirmGenerate';
  if (p && !engineConfirming) {
    if (!canWriteQuietly(t)) {
      delete t.state.pendingImport;
    } else if (pendingTurn(t, p, text)) return true;
  }
  if (priorTextReply(t, text)) return true;
  const still = t.state.pendingImport;
  if (still) {
    delete still.prompt;
    if (!still.reminded) {
      still.reminded = true;
      t.say(still.ask.length ? IF.reminderAsk(still.file) : IF.reminder(still.file, sectionTitle(still.sections[0]!)));
    }
  }
  return false;
}

/** Last year's text for a top-level question, offered with 「沿用去年表述」/「修改」. */
export function priorTextOffer(t: Turn, ref: FieldRef): { line: string; choices: string[] } | undefined {
  const prior = t.state.priorTexts;
  if (!prior || ref.itemId || prior.report !== t.snap.report?.id) return undefined;
  const text = prior.texts[ref.key];
  if (text === undefined || t.plan().answered(ref)) return undefined;
  return { line: IF.priorOffer(text), choices: [...IF.priorChoices] };
}

// --- reading a proposal into the state ---------------------------------------------------

function unitName(t: Turn): string | undefined {
  return t.snap.memberships.find((m) => m.unitId === t.snap.report!.unitId)?.unitName ?? str(t.model!.values, 'unit.name');
}

function whatOf(p: ImportProposal, year: number): string {
  if (isShifted(p)) return IF.whatLastYear(p.from);
  if (p.kind === 'report') return IF.whatThisYear(p.year ?? year);
  return p.kind === 'template' ? IF.whatTemplate : IF.whatSheet;
}

/**
 * A value of a file as the field's value, or why not. Readers give values in the field's unit;
 * they are checked as a typed answer would be (bounds, whole numbers, choices, text limits).
 */
function check(f: FieldDef, v: FieldValue): { value: FieldValue } | { why: string } {
  const numeric = ['money', 'integer', 'number', 'percent', 'area'].includes(f.kind);
  if (typeof v === 'number') {
    if (!numeric) return { why: A.noText(f.label) };
    if (!Number.isFinite(v)) return { why: A.notANumber(f.label, A.examples[f.kind] ?? A.examples.number!) };
    if (f.kind === 'integer' && !Number.isInteger(v)) return { why: A.notInteger(f.label, f.unit) };
    if ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max)) return { why: A.outOfRange(f.label, plain(f.min ?? 0), plain(f.max ?? Infinity)) };
    return { value: v };
  }
  if (typeof v === 'boolean') return f.kind === 'boolean' ? { value: v } : { why: A.notAChoice(f.label, String(v)) };
  // A bare number is not an option (parseAnswer would take it as the option's position).
  if (f.kind === 'choice' && /^\d+$/.test(v.trim())) return { why: A.notAChoice(f.label, (f.choices ?? []).join(' / ')) };
  const parsed = parseAnswer(f, v);
  return parsed.ok ? { value: parsed.value } : { why: parsed.message };
}

function compile(t: Turn, p: ImportProposal, asks: ImportAsk[]): PendingImport {
  const model = t.model!;
  const values: PendingValue[] = [];
  const added: PendingItem[] = [];
  const unplaced = [...p.unplaced];
  const seen = new Set<string>();
  const put = (key: string, at: string, value: FieldValue, source: string, group: GroupId | undefined) => {
    const f = getField(key);
    if (!f || f.group !== group) return unplaced.push(`${source} ${String(value).slice(0, TEXT_SHOWN)}`);
    const ok = check(f, value);
    if ('why' in ok) return unplaced.push(`${source} ${ok.why}`);
    const id = `${key}@${at}`;
    if (!seen.has(id)) values.push([key, at, ok.value, source]);
    seen.add(id);
  };
  for (const v of p.values) put(v.key, '', v.value, v.source, undefined);

  // Items: the same name as an existing item is that item (each field a value or a difference);
  // any other is added, as long as its group has room (src/report/limits.ts).
  let next = 0;
  const newIn = new Map<string, number>();
  const over = new Map<GroupId, number>();
  const place = (item: ImportedItem, parent: string, existing: GroupItem[]) => {
    const nameKey = NAME_KEY[item.group];
    const name = item.values.find((v) => v.key === nameKey)?.value;
    const same = typeof name === 'string' ? existing.find((e) => squash(str(e.values, nameKey) ?? '') === squash(name)) : undefined;
    let at: string;
    if (same) at = same.id;
    else {
      const slot = `${item.group}@${parent}`;
      const n = newIn.get(slot) ?? 0;
      if (existing.length + n >= MAX_ITEMS[item.group]) {
        over.set(item.group, (over.get(item.group) ?? 0) + 1);
        return;
      }
      newIn.set(slot, n + 1);
      at = `+${next++}`;
      added.push([at, item.group, parent]);
    }
    // a matched item's name is what matched it: not a value to confirm
    for (const x of item.values) if (!(same && x.key === nameKey)) put(x.key, at, x.value, x.source, item.group);
    for (const c of item.children) {
      if (getGroup(c.group).parent !== item.group) unplaced.push(c.source);
      else place(c, at, same ? childItems(same, c.group) : []);
    }
  };
  for (const item of p.items) {
    if (getGroup(item.group).parent) unplaced.push(item.source);
    else place(item, '', items(model, item.group));
  }

  const texts: [string, string][] = [];
  if (isShifted(p)) {
    for (const v of p.textDefaults) {
      const f = getField(v.key);
      if (!f || f.group || typeof v.value !== 'string' || texts.some(([k]) => k === v.key)) continue;
      const ok = check(f, v.value);
      if ('why' in ok) unplaced.push(`${v.source} ${ok.why}`);
      else texts.push([f.key, String(ok.value)]);
    }
  }

  const notes: string[] = [];
  if (unplaced.length) {
    const shown = unplaced.slice(0, UNPLACED_SHOWN).join('；');
    notes.push(IF.unplaced(unplaced.length, unplaced.length > UNPLACED_SHOWN ? `${shown}${IF.more(unplaced.length - UNPLACED_SHOWN)}` : shown));
  }
  for (const [group, n] of over) notes.push(IF.overLimit(getGroup(group).label, MAX_ITEMS[group], n));
  if (isShifted(p)) notes.push(...p.notes);

  const inUse = new Set<SectionId>([
    ...values.map(([key]) => getField(key)!.section),
    ...added.map(([, group]) => getGroup(group).section),
    ...texts.map(([key]) => getField(key)!.section),
  ]);
  return {
    report: t.snap.report!.id,
    file: p.fileName,
    what: whatOf(p, t.snap.report!.year),
    ask: asks,
    sections: SECTIONS.filter((s) => inUse.has(s.id)).map((s) => s.id),
    values,
    items: added,
    texts,
    notes,
    stored: 0,
  };
}

// --- showing -----------------------------------------------------------------------------

type Status = 'new' | 'diff' | 'same' | 'gone';

function scopeAt(model: ReportModel, at: string): Record<string, FieldValue> | undefined {
  return at === '' ? model.values : findItem(model, at)?.values;
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-6;
  if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
  return a === b;
}

/** A pending value against the report as it is now (a colleague may have answered meanwhile). */
function status(model: ReportModel, [key, at, value]: PendingValue): Status {
  if (at.startsWith('+')) return 'new';
  const scope = scopeAt(model, at);
  if (!scope) return 'gone'; // its item was deleted since
  if (!isAnswered(scope, key)) return 'new';
  return sameValue(scope[key]!, value) ? 'same' : 'diff';
}

function show(key: string, value: FieldValue): string {
  const s = showValue(key, value);
  const chars = [...s];
  return chars.length > TEXT_SHOWN ? `${chars.slice(0, TEXT_SHOWN).join('')}…` : s;
}

const sectionOfKey = (key: string): SectionId => getField(key)!.section;
const sectionOfItem = ([, group]: PendingItem): SectionId => getGroup(group).section;

/** The name of an item a value goes to: pending (`+n`) or existing. */
function nameAt(t: Turn, p: PendingImport, at: string): { label: string; name: string } {
  if (at.startsWith('+')) {
    const group = p.items.find((i) => i[0] === at)![1];
    const name = p.values.find((v) => v[1] === at && v[0] === NAME_KEY[group])?.[2];
    return { label: getGroup(group).label, name: typeof name === 'string' ? name : IF.unnamed };
  }
  const item = findItem(t.model!, at);
  const group = (Object.keys(NAME_KEY) as GroupId[]).find((g) => item && str(item.values, NAME_KEY[g]) !== undefined);
  return { label: group ? getGroup(group).label : '', name: group ? str(item!.values, NAME_KEY[group])! : IF.unnamed };
}

const whereOf = (t: Turn, p: PendingImport, at: string): string => {
  if (!at) return '';
  const { label, name } = nameAt(t, p, at);
  return `${label}「${name}」`;
};

interface SectionView {
  lines: string[];
  /** Values and items the section would store, and texts it would offer. */
  count: number;
  values: number;
  diffs: number;
  same: number;
  newItems: Map<GroupId, number>;
  texts: number;
}

function sectionView(t: Turn, p: PendingImport, section: SectionId): SectionView {
  const model = t.model!;
  const top: string[] = [];
  const diffs: string[] = [];
  const byItem = new Map<string, string[]>();
  let same = 0;
  let values = 0;
  for (const v of p.values) {
    const [key, at, value, source] = v;
    if (sectionOfKey(key) !== section) continue;
    const s = status(model, v);
    if (s === 'same') same++;
    if (s === 'same' || s === 'gone') continue;
    values++;
    const f = getField(key)!;
    if (s === 'diff') diffs.push(IF.diff(`${whereOf(t, p, at)}${f.label}`, show(key, scopeAt(model, at)![key]!), show(key, value), source));
    else if (!at) top.push(`${f.label} ${show(key, value)}`);
    else if (!(at.startsWith('+') && key === NAME_KEY[f.group!])) byItem.set(at, [...(byItem.get(at) ?? []), `${f.label} ${show(key, value)}`]);
  }
  const lines = values ? [IF.sectionHead(sectionTitle(section), values, top.join('；'))] : [];
  const newItems = new Map<GroupId, number>();
  const shownItems = new Set<string>();
  for (const item of p.items) {
    if (sectionOfItem(item) !== section) continue;
    const [ref, group, parent] = item;
    newItems.set(group, (newItems.get(group) ?? 0) + 1);
    const { name } = nameAt(t, p, ref);
    const list = (byItem.get(ref) ?? []).join('；');
    shownItems.add(ref);
    if (parent === '') lines.push(IF.newItem(getGroup(group).label, name, list));
    else if (parent.startsWith('+')) lines.push(IF.newRow(getGroup(group).label, name, list));
    else lines.push(`${whereOf(t, p, parent)}${IF.newItem(getGroup(group).label, name, list)}`);
  }
  for (const [at, list] of byItem) if (!shownItems.has(at)) lines.push(IF.itemValues(whereOf(t, p, at), list.join('；')));
  if (diffs.length) lines.push(IF.diffHead(diffs.length), ...diffs);
  if (same) lines.push(IF.sameCount(same));
  const offered = p.texts.filter(([key]) => sectionOfKey(key) === section && !isAnswered(model.values, key));
  const kept = p.texts.filter(([key]) => sectionOfKey(key) === section).length - offered.length;
  if (offered.length) lines.push(IF.textsOffered(offered.length, offered.map(([key]) => getField(key)!.label).join('、')));
  if (kept) lines.push(IF.textsKept(kept));
  const itemCount = [...newItems.values()].reduce((a, b) => a + b, 0);
  return { lines, count: values + itemCount + offered.length, values, diffs: diffs.length, same, newItems, texts: offered.length };
}

/** A value of the section to show 「修改 X 为 新值」 with: a short one the file would store. */
function promptExample(t: Turn, p: PendingImport, section: SectionId): string | undefined {
  const shown = p.values.filter((v) => sectionOfKey(v[0]) === section && ['new', 'diff'].includes(status(t.model!, v)));
  const v = shown.find(([key]) => !['text', 'longtext'].includes(getField(key)!.kind)) ?? shown[0];
  return v ? getField(v[0])!.label : undefined;
}

function askFirst(t: Turn, p: PendingImport): void {
  const ask = p.ask[0]!;
  const text = ask[0] === 'unit' ? IF.askUnit(ask[1], ask[2]) : ask[0] === 'sameYear' ? IF.askSameYear(ask[1]) : IF.askNoYear(ask[1]);
  t.say(text, [...IF.askChoices]);
  p.prompt = true;
}

/** What the file holds, section by section, then the first section to confirm. */
function overview(t: Turn, p: PendingImport): void {
  const lines = [IF.overview(p.file, p.what)];
  for (const section of p.sections) {
    const v = sectionView(t, p, section);
    const parts: string[] = [];
    if (v.values) parts.push(IF.partValues(v.values) + (v.diffs ? `（${IF.partDiffs(v.diffs)}）` : ''));
    for (const [group, n] of v.newItems) if (!getGroup(group).parent) parts.push(IF.partItems(n, getGroup(group).label));
    if (v.texts) parts.push(IF.partTexts(v.texts));
    if (v.same) parts.push(IF.partSame(v.same));
    if (parts.length) lines.push(IF.overviewLine(sectionTitle(section), parts.join('，')));
  }
  lines.push(...p.notes);
  p.notes = [];
  t.say(lines.join('\n'));
  showSection(t, p);
}

/** The first section with something to store, with the prompt; or the end of the import. */
function showSection(t: Turn, p: PendingImport): void {
  while (p.sections.length) {
    const section = p.sections[0]!;
    const v = sectionView(t, p, section);
    if (v.count > 0) {
      t.say([...v.lines, IF.prompt(sectionTitle(section), promptExample(t, p, section))].join('\n'), [...IF.choices]);
      p.prompt = true;
      return;
    }
    if (v.same) t.say(IF.allSame(sectionTitle(section)));
    dropSection(p, section);
  }
  finish(t, p);
}

// --- storing -----------------------------------------------------------------------------

function dropSection(p: PendingImport, section: SectionId): void {
  p.values = p.values.filter(([key]) => sectionOfKey(key) !== section);
  p.items = p.items.filter((i) => sectionOfItem(i) !== section);
  p.texts = p.texts.filter(([key]) => sectionOfKey(key) !== section);
  p.sections = p.sections.filter((s) => s !== section);
  delete p.edit;
}

function countIn(model: ReportModel, group: GroupId, parentId: string | undefined): number {
  if (!parentId) return items(model, group).length;
  const parent = findItem(model, parentId);
  return parent ? childItems(parent, group).length : 0;
}

/** Store one section as typed answers would be; returns what was stored. */
function store(t: Turn, p: PendingImport, section: SectionId): { values: number; items: Map<GroupId, number>; texts: number; dropped: number } {
  const ids = new Map<string, string>();
  const made = new Map<GroupId, number>();
  let dropped = 0;
  const resolve = (at: string): string | undefined => (at.startsWith('+') ? ids.get(at) : at && findItem(t.model!, at) ? at : undefined);
  for (const item of p.items) {
    if (sectionOfItem(item) !== section) continue;
    const [ref, group, parent] = item;
    const parentId = parent === '' ? undefined : resolve(parent);
    // parent deleted or not added, or the group filled up since the file was read
    if ((parent !== '' && !parentId) || countIn(t.model!, group, parentId) >= MAX_ITEMS[group]) {
      dropped++;
      continue;
    }
    ids.set(ref, t.addItem(group, parentId).id);
    made.set(group, (made.get(group) ?? 0) + 1);
  }
  let values = 0;
  for (const v of p.values) {
    const [key, at, value] = v;
    if (sectionOfKey(key) !== section) continue;
    const itemId = at === '' ? undefined : resolve(at);
    if (at !== '' && !itemId) continue;
    const s = status(t.model!, itemId ? [key, itemId, value, ''] : v);
    if (s === 'same' || s === 'gone') continue;
    t.write(itemId ? { key, itemId } : { key }, value);
    values++;
  }
  let texts = 0;
  for (const [key, text] of p.texts) {
    if (sectionOfKey(key) !== section || isAnswered(t.model!.values, key)) continue;
    t.state.priorTexts ??= { report: t.snap.report!.id, texts: {} };
    t.state.priorTexts.texts[key] = text;
    texts++;
  }
  p.stored += values;
  dropSection(p, section);
  return { values, items: made, texts, dropped };
}

function storedParts(r: ReturnType<typeof store>): string {
  const parts: string[] = [];
  if (r.values) parts.push(IF.storedValues(r.values));
  for (const [group, n] of r.items) if (!getGroup(group).parent) parts.push(IF.storedItems(n, getGroup(group).label));
  if (r.texts) parts.push(IF.storedTexts(r.texts));
  if (r.dropped) parts.push(IF.droppedAtLimit(r.dropped));
  return parts.join('，') || IF.storedNothing;
}

function confirmSection(t: Turn, p: PendingImport): void {
  const section = p.sections[0]!;
  t.say(IF.stored(sectionTitle(section), storedParts(store(t, p, section))));
  sectionChecks(t, section);
  showSection(t, p);
}

function confirmAll(t: Turn, p: PendingImport): void {
  const sections = [...p.sections];
  const lines = sections.map((s) => `${sectionTitle(s)} ${storedParts(store(t, p, s))}`);
  t.say(IF.storedAll(lines.join('；')));
  for (const s of sections) sectionChecks(t, s);
  finish(t, p);
}

/** The import is over: back to the question (the next one if the file answered it). */
function finish(t: Turn, p: PendingImport): void {
  delete t.state.pendingImport;
  t.say(p.stored ? IF.done(p.file, p.stored) : IF.doneNothing(p.file));
  carryOn(t);
}

function carryOn(t: Turn): void {
  const step = t.state.step;
  if (step.kind === 'field' && !step.edit && t.plan().answered(step.ref)) askNext(t);
  else reask(t);
}

// --- the user's words while a file waits -------------------------------------------------

function canWriteQuietly(t: Turn): boolean {
  return t.role !== 'reviewer';
}

/** Drop what belongs to another report and last-year texts whose question is answered. */
function prune(t: Turn): void {
  const id = t.snap.report!.id;
  if (t.state.pendingImport && t.state.pendingImport.report !== id) delete t.state.pendingImport;
  const prior = t.state.priorTexts;
  if (!prior) return;
  if (prior.report !== id) {
    delete t.state.priorTexts;
    return;
  }
  for (const key of Object.keys(prior.texts)) if (isAnswered(t.model!.values, key)) delete prior.texts[key];
  if (Object.keys(prior.texts).length === 0) delete t.state.priorTexts;
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

function pendingTurn(t: Turn, p: PendingImport, text: string): boolean {
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

/** 「沿用去年表述」 or 「修改」 to a question that offers last year's text. */
function priorTextReply(t: Turn, text: string): boolean {
  const step = t.state.step;
  if (step.kind !== 'field') return false;
  const offer = priorTextOffer(t, step.ref);
  if (!offer) return false;
  const s = squash(text);
  const f = getField(step.ref.key)!;
  const texts = t.state.priorTexts!.texts;
  const drop = () => {
    delete texts[f.key];
    if (Object.keys(texts).length === 0) delete t.state.priorTexts;
  };
  if (USE_PRIOR.includes(s) || s === '1') {
    if (!canWrite(t)) return true;
    const value = texts[f.key]!;
    drop();
    t.write(step.ref, value, true);
    afterAnswers(t, [D.recorded(f.label, show(f.key, value))], [f.key], [step.ref]);
    return true;
  }
  if (EDIT_PRIOR.includes(s) || s === '2') {
    drop();
    t.say(D.editAsk(f.label));
    reask(t);
    return true;
  }
  return false;
}
