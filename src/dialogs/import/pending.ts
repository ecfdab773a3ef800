import { zh } from '../../messages/zh.js';
import { getField, getGroup } from '../../report/catalogue.js';
import type { GroupId, SectionId } from '../../report/fields.js';
import { findItem, isAnswered, str, type FieldValue, type ReportModel } from '../../report/model.js';
import { showValue } from '../../scoring/inputs.js';
import { askNext, reask, type Turn } from '../engine.js';
import type { PendingImport, PendingItem, PendingValue } from '../types.js';

/**
 * A file's pending import against the report as it is now: where its values go, whether each is
 * new, differs or is the same as what is filled, how they are named in a reply; and the end of
 * an import (a section dropped, back to the question).
 */

const IF = zh.importFlow;

/** The field that names an item: a file's item with the name of an existing one is that item. */
export const NAME_KEY: Record<GroupId, string> = {
  special: 'special.name',
  specialIndicator: 'specialIndicator.name',
  target: 'target.name',
  manualScore: 'manualScore.indicatorId',
};
/** Characters of a text shown in a summary line. */
export const TEXT_SHOWN = 40;

export type Status = 'new' | 'diff' | 'same' | 'gone';

export function scopeAt(model: ReportModel, at: string): Record<string, FieldValue> | undefined {
  return at === '' ? model.values : findItem(model, at)?.values;
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-6;
  if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
  return a === b;
}

/** A pending value against the report as it is now (a colleague may have answered meanwhile). */
export function status(model: ReportModel, [key, at, value]: PendingValue): Status {
  if (at.startsWith('+')) return 'new';
  const scope = scopeAt(model, at);
  if (!scope) return 'gone'; // its item was deleted since
  if (!isAnswered(scope, key)) return 'new';
  return sameValue(scope[key]!, value) ? 'same' : 'diff';
}

export function show(key: string, value: FieldValue): string {
  const s = showValue(key, value);
  const chars = [...s];
  return chars.length > TEXT_SHOWN ? `${chars.slice(0, TEXT_SHOWN).join('')}…` : s;
}

export const sectionOfKey = (key: string): SectionId => getField(key)!.section;
export const sectionOfItem = ([, group]: PendingItem): SectionId => getGroup(group).section;

/** The name of an item a value goes to: pending (`+n`) or existing. */
export function nameAt(t: Turn, p: PendingImport, at: string): { label: string; name: string } {
  if (at.startsWith('+')) {
    const group = p.items.find((i) => i[0] === at)![1];
    const name = p.values.find((v) => v[1] === at && v[0] === NAME_KEY[group])?.[2];
    return { label: getGroup(group).label, name: typeof name === 'string' ? name : IF.unnamed };
  }
  const item = findItem(t.model!, at);
  const group = (Object.keys(NAME_KEY) as GroupId[]).find((g) => item && str(item.values, NAME_KEY[g]) !== undefined);
  return { label: group ? getGroup(group).label : '', name: group ? str(item!.values, NAME_KEY[group])! : IF.unnamed };
}

export const whereOf = (t: Turn, p: PendingImport, at: string): string => {
  if (!at) return '';
  const { label, name } = nameAt(t, p, at);
  return `${label}「${name}」`;
};

export function dropSection(p: PendingImport, section: SectionId): void {
  p.values = p.values.filter(([key]) => sectionOfKey(key) !== section);
  p.items = p.items.filter((i) => sectionOfItem(i) !== section);
  p.texts = p.texts.filter(([key]) => sectionOfKey(key) !== section);
  p.sections = p.sections.filter((s) => s !== section);
  delete p.edit;
}

/** The import is over: back to the question (the next one if the file answered it). */
export function finish(t: Turn, p: PendingImport): void {
  delete t.state.pendingImport;
  t.say(p.stored ? IF.done(p.file, p.stored) : IF.doneNothing(p.file));
  carryOn(t);
}

export function carryOn(t: Turn): void {
  const step = t.state.step;
  if (step.kind === 'field' && !step.edit && t.plan().answered(step.ref)) askNext(t);
  else reask(t);
}
