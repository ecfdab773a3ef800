import { isShifted } from '../../import/shift.js';
import type { ImportedItem, ImportProposal } from '../../import/types.js';
import { zh } from '../../messages/zh.js';
import { getField, getGroup, SECTIONS } from '../../report/catalogue.js';
import type { FieldDef, GroupId, SectionId } from '../../report/fields.js';
import { plain } from '../../report/format.js';
import { MAX_ITEMS } from '../../report/limits.js';
import { childItems, items, str, type FieldValue, type GroupItem } from '../../report/model.js';
import { squash } from '../commands.js';
import type { Turn } from '../engine.js';
import type { ImportAsk, PendingImport, PendingItem, PendingValue } from '../types.js';
import { answerText } from '../last-year.js';
import { parseAnswer } from '../values.js';
import { NAME_KEY, TEXT_SHOWN } from './pending.js';

/**
 * A file's proposal read into the compact state that waits for 确认 (`pendingImport`): each
 * value checked as a typed answer would be, items matched to existing ones by name or added
 * while their group has room, last year's texts, and what could not be placed.
 */

const IF = zh.importFlow;
const A = zh.answer;

/** Lines not placed that the summary lists (and the state keeps until it is shown). */
const UNPLACED_SHOWN = 20;
/**
 * Never taken from a file: the open report's year is fixed when it is opened, and the unit's name
 * is the unit's (a file of another unit, imported after asking, must not rename the report).
 */
const FIXED_KEYS = new Set(['unit.year', 'unit.name']);

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

export function compile(t: Turn, p: ImportProposal, asks: ImportAsk[]): PendingImport {
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
  // The report's 年度 is the report's: a file's year only says how to read the file (handleImport).
  for (const v of p.values) if (!FIXED_KEYS.has(v.key)) put(v.key, '', v.value, v.source, undefined);

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
    // last year's other answers wait with the texts, as typed (dialogs/last-year.ts)
    for (const v of p.valueDefaults ?? []) {
      const f = getField(v.key);
      if (!f || f.group || texts.some(([k]) => k === v.key) || 'why' in check(f, v.value)) continue;
      texts.push([f.key, answerText(f, v.value)]);
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
