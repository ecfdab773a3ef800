import { zh } from '../../messages/zh.js';
import { getField, getGroup, sectionTitle } from '../../report/catalogue.js';
import type { GroupId, SectionId } from '../../report/fields.js';
import { MAX_ITEMS } from '../../report/limits.js';
import { childItems, findItem, isAnswered, items, type ReportModel } from '../../report/model.js';
import { sectionChecks, type Turn } from '../engine.js';
import type { PendingImport } from '../types.js';
import { dropSection, finish, sectionOfItem, sectionOfKey, status } from './pending.js';
import { showSection } from './summary.js';

/** Storing a confirmed section through the same path as typed answers (Turn.write / Turn.addItem). */

const IF = zh.importFlow;

function countIn(model: ReportModel, group: GroupId, parentId: string | undefined): number {
  if (!parentId) return items(model, group).length;
  const parent = findItem(model, parentId);
  return parent ? childItems(parent, group).length : 0;
}

/** Store one section as typed answers would be; returns what was stored. */
function store(t: Turn, p: PendingImport, section: SectionId): { values: number; items: Map<GroupId, number>; texts: number; answers: number; dropped: number } {
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
  let answers = 0; // last year's other answers (dialogs/last-year.ts), said apart from its texts
  for (const [key, text] of p.texts) {
    if (sectionOfKey(key) !== section || isAnswered(t.model!.values, key)) continue;
    t.state.priorTexts ??= { report: t.snap.report!.id, texts: {} };
    t.state.priorTexts.texts[key] = text;
    const kind = getField(key)?.kind;
    if (kind === 'text' || kind === 'longtext') texts++;
    else answers++;
  }
  p.stored += values;
  dropSection(p, section);
  return { values, items: made, texts, answers, dropped };
}

function storedParts(r: ReturnType<typeof store>): string {
  const parts: string[] = [];
  if (r.values) parts.push(IF.storedValues(r.values));
  for (const [group, n] of r.items) if (!getGroup(group).parent) parts.push(IF.storedItems(n, getGroup(group).label));
  if (r.texts) parts.push(IF.storedTexts(r.texts));
  if (r.answers) parts.push(zh.lastYear.stored(r.answers));
  if (r.dropped) parts.push(IF.droppedAtLimit(r.dropped));
  return parts.join('，') || IF.storedNothing;
}

export function confirmSection(t: Turn, p: PendingImport): void {
  const section = p.sections[0]!;
  t.say(IF.stored(sectionTitle(section), storedParts(store(t, p, section))));
  sectionChecks(t, section);
  showSection(t, p);
}

export function confirmAll(t: Turn, p: PendingImport): void {
  const sections = [...p.sections];
  const lines = sections.map((s) => `${sectionTitle(s)} ${storedParts(store(t, p, s))}`);
  t.say(IF.storedAll(lines.join('；')));
  for (const s of sections) sectionChecks(t, s);
  finish(t, p);
}
