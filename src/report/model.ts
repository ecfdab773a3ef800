import { getField, groupFields, TOP_FIELDS } from './catalogue.js';
import type { FieldDef, GroupId } from './fields.js';

/**
 * The report as the rest of the code sees it: answers by field key, never by step position.
 * The store builds it from answer rows; the dataset loader builds it from a file.
 */

export type FieldValue = number | string | boolean;

export interface GroupItem {
  /** Stable id of the item (projects keep theirs when others are deleted). */
  id: string;
  values: Record<string, FieldValue>;
  /** Nested groups, e.g. a 专项's indicator rows under `specialIndicator`. */
  children: Partial<Record<GroupId, GroupItem[]>>;
}

export interface ReportModel {
  ruleSetId: string;
  values: Record<string, FieldValue>;
  groups: Partial<Record<GroupId, GroupItem[]>>;
}

/** An item of the model, top level or a row of one; the first with this id. */
export function findItem(model: ReportModel, itemId: string): GroupItem | undefined {
  for (const list of Object.values(model.groups)) {
    for (const item of list ?? []) {
      if (item.id === itemId) return item;
      for (const rows of Object.values(item.children)) {
        const hit = rows?.find((r) => r.id === itemId);
        if (hit) return hit;
      }
    }
  }
  return undefined;
}

export function items(model: ReportModel, group: GroupId): GroupItem[] {
  return model.groups[group] ?? [];
}

export function childItems(item: GroupItem, group: GroupId): GroupItem[] {
  return item.children[group] ?? [];
}

export function num(values: Record<string, FieldValue>, key: string): number | undefined {
  const v = values[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function str(values: Record<string, FieldValue>, key: string): string | undefined {
  const v = values[key];
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

export function bool(values: Record<string, FieldValue>, key: string): boolean | undefined {
  const v = values[key];
  return typeof v === 'boolean' ? v : undefined;
}

/** Whether a field applies, given the answers in its scope (its `askIf` condition). */
export function isActive(field: FieldDef, scope: Record<string, FieldValue>): boolean {
  if (!field.askIf) return true;
  const v = scope[field.askIf.field];
  return v !== undefined && field.askIf.oneOf.includes(v as string | boolean);
}

export function isAnswered(scope: Record<string, FieldValue>, key: string): boolean {
  const v = scope[key];
  return v !== undefined && !(typeof v === 'string' && v.trim() === '');
}

/** A required input that has no answer yet, named for the user. */
export interface MissingField {
  key: string;
  label: string;
  /** Where it lives, e.g. 专项资金项目 2「法律援助办案补贴」. */
  where?: string;
}

/**
 * A missing field with where it lives. Built as one literal: `{ ...m, where }` adds a property to
 * a spread copy, which V8 11 (Node 20) gives a hidden class of its own every time.
 */
export function located(m: MissingField, where: string): MissingField {
  return { key: m.key, label: m.label, where };
}

function missingIn(fields: readonly FieldDef[], scope: Record<string, FieldValue>, where?: string): MissingField[] {
  return fields
    .filter((f) => f.required && isActive(f, scope) && !isAnswered(scope, f.key))
    .map((f) => ({ key: f.key, label: f.label, ...(where ? { where } : {}) }));
}

/** Every required answer still missing, top level and inside group items, in question order. */
export function missingFields(model: ReportModel): MissingField[] {
  const out = missingIn(TOP_FIELDS, model.values);
  items(model, 'special').forEach((item, i) => {
    const where = `专项资金项目${i + 1}${str(item.values, 'special.name') ? `「${item.values['special.name']}」` : ''}`;
    out.push(...missingIn(groupFields('special'), item.values, where));
    childItems(item, 'specialIndicator').forEach((row, j) => {
      out.push(...missingIn(groupFields('specialIndicator'), row.values, `${where}指标${j + 1}`));
    });
  });
  items(model, 'target').forEach((item, i) => {
    out.push(...missingIn(groupFields('target'), item.values, `年度绩效目标${i + 1}`));
  });
  return out;
}

export function labelOf(key: string): string {
  return getField(key)?.label ?? key;
}
