import { getGroup, groupFields, SECTIONS, TOP_FIELDS } from '../report/catalogue.js';
import type { FieldDef, GroupId, SectionId } from '../report/fields.js';
import { childItems, isActive, isAnswered, items, type FieldValue, type GroupItem, type ReportModel } from '../report/model.js';
import { gateId, refId, type DialogState, type FieldRef } from './types.js';

/**
 * The questions of a report in the order of the report, derived from the catalogue and the
 * answers so far (never from step positions). Repeated groups are asked item by item, each
 * followed by an "add another?" gate.
 */
export type PlanEntry =
  | { kind: 'field'; ref: FieldRef; field: FieldDef; section: SectionId; where?: string }
  | { kind: 'gate'; group: GroupId; parentId?: string; section: SectionId; count: number };

/** Groups asked in the conversation (manual scores are asked only when a rule set needs them). */
const GROUP_OF_SECTION: Partial<Record<SectionId, GroupId>> = { specials: 'special', targets: 'target' };

function itemEntries(item: GroupItem, group: GroupId, where: string): PlanEntry[] {
  const out: PlanEntry[] = [];
  for (const f of groupFields(group)) {
    if (isActive(f, item.values)) out.push({ kind: 'field', ref: { key: f.key, itemId: item.id }, field: f, section: f.section, where });
  }
  if (group === 'special') {
    const rows = childItems(item, 'specialIndicator');
    rows.forEach((row, j) => out.push(...itemEntries(row, 'specialIndicator', `${where}指标${j + 1}`)));
    out.push({ kind: 'gate', group: 'specialIndicator', parentId: item.id, section: 'specials', count: rows.length });
  }
  return out;
}

export function buildPlan(model: ReportModel): PlanEntry[] {
  const out: PlanEntry[] = [];
  for (const s of SECTIONS) {
    const group = GROUP_OF_SECTION[s.id];
    if (group) {
      const list = items(model, group);
      list.forEach((item, i) => out.push(...itemEntries(item, group, `${getGroup(group).label}${i + 1}`)));
      out.push({ kind: 'gate', group, section: s.id, count: list.length });
    }
    for (const f of TOP_FIELDS) {
      if (f.section === s.id && isActive(f, model.values)) out.push({ kind: 'field', ref: { key: f.key }, field: f, section: s.id });
    }
  }
  return out;
}

/** The values in scope of a field reference. */
export function scopeOf(model: ReportModel, ref: FieldRef): Record<string, FieldValue> | undefined {
  if (!ref.itemId) return model.values;
  return findItem(model, ref.itemId)?.values;
}

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

export function answered(model: ReportModel, ref: FieldRef): boolean {
  const scope = scopeOf(model, ref);
  return scope !== undefined && isAnswered(scope, ref.key);
}

/**
 * The next thing to ask: an explicitly queued question first, then the focused item's open
 * questions, then the first open question of the report in order.
 */
export function nextEntry(model: ReportModel, state: DialogState): { entry: PlanEntry; queued: boolean } | undefined {
  const plan = buildPlan(model);
  const fields = plan.filter((e): e is Extract<PlanEntry, { kind: 'field' }> => e.kind === 'field');
  for (const q of state.queue) {
    const hit = fields.find((e) => refId(e.ref) === refId(q));
    if (hit) return { entry: hit, queued: true };
  }
  const open = (e: PlanEntry) =>
    e.kind === 'field'
      ? !answered(model, e.ref) && !state.skipped.includes(refId(e.ref))
      : !state.gatesClosed.includes(gateId(e.group, e.parentId));
  if (state.focus) {
    const focusItem = findItem(model, state.focus.itemId);
    const mine = (e: PlanEntry) =>
      e.kind === 'field'
        ? e.ref.itemId === state.focus!.itemId || (focusItem !== undefined && childItems(focusItem, 'specialIndicator').some((r) => r.id === e.ref.itemId))
        : e.parentId === state.focus!.itemId;
    const hit = plan.find((e) => mine(e) && open(e));
    if (hit) return { entry: hit, queued: false };
  }
  const hit = plan.find(open);
  return hit ? { entry: hit, queued: false } : undefined;
}

/** Position of a field question among all field questions (for 【第12/86项】). */
export function position(model: ReportModel, ref: FieldRef): { n: number; total: number } {
  const fields = buildPlan(model).filter((e) => e.kind === 'field');
  const i = fields.findIndex((e) => e.kind === 'field' && refId(e.ref) === refId(ref));
  return { n: i + 1, total: fields.length };
}

/** Answered / total field questions per section, in report order. */
export function progress(model: ReportModel): { section: SectionId; done: number; total: number }[] {
  const fields = buildPlan(model).filter((e): e is Extract<PlanEntry, { kind: 'field' }> => e.kind === 'field');
  return SECTIONS.map((s) => {
    const mine = fields.filter((e) => e.section === s.id);
    return { section: s.id, done: mine.filter((e) => answered(model, e.ref)).length, total: mine.length };
  });
}
