import { zh } from '../../messages/zh.js';
import { getField, getGroup, sectionTitle } from '../../report/catalogue.js';
import type { GroupId, SectionId } from '../../report/fields.js';
import { isAnswered } from '../../report/model.js';
import type { Turn } from '../engine.js';
import type { ImportAsk, PendingImport } from '../types.js';
import { dropSection, finish, NAME_KEY, nameAt, scopeAt, sectionOfItem, sectionOfKey, show, status, whereOf } from './pending.js';

/**
 * What a waiting file holds, as the user sees it: the questions asked before the summary, the
 * overview section by section, and the shown section with its values, differences and prompt.
 */

const IF = zh.importFlow;

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
export function promptExample(t: Turn, p: PendingImport, section: SectionId): string | undefined {
  const shown = p.values.filter((v) => sectionOfKey(v[0]) === section && ['new', 'diff'].includes(status(t.model!, v)));
  const v = shown.find(([key]) => !['text', 'longtext'].includes(getField(key)!.kind)) ?? shown[0];
  return v ? getField(v[0])!.label : undefined;
}

function askText(ask: ImportAsk): string {
  switch (ask[0]) {
    case 'unit':
      return IF.askUnit(ask[1], ask[2]);
    case 'sameYear':
      return IF.askSameYear(ask[1]);
    case 'noYear':
      return IF.askNoYear(ask[1]);
    case 'otherYear':
      return IF.askOtherYear(ask[1], ask[2]);
  }
}

/** The first question to answer before the summary (确认 / 取消). */
export function askFirst(t: Turn, p: PendingImport): void {
  t.say(askText(p.ask[0]!), [...IF.askChoices]);
  p.prompt = true;
}

/** What the file holds, section by section, then the first section to confirm. */
export function overview(t: Turn, p: PendingImport): void {
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
export function showSection(t: Turn, p: PendingImport): void {
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
