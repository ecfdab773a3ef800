import { getGroup, groupFields, SECTIONS, TOP_FIELDS } from '../report/catalogue.js';
import type { FieldDef, GroupId, SectionId } from '../report/fields.js';
import { childItems, findItem, isActive, isAnswered, items, type FieldValue, type GroupItem, type ReportModel } from '../report/model.js';

export { findItem };
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

/**
 * An item's questions depend only on the item (its values and rows) and its label. Models are
 * copy-on-write, so an item object that is still the same is unchanged: its entries are kept
 * (frozen, since plans share them) and only the items a turn touched are walked again.
 */
const entriesOfItem = new WeakMap<GroupItem, { where: string; entries: readonly PlanEntry[] }>();

function itemEntries(item: GroupItem, group: GroupId, where: string): readonly PlanEntry[] {
  const hit = entriesOfItem.get(item);
  if (hit && hit.where === where) return hit.entries;
  const out: PlanEntry[] = [];
  for (const f of groupFields(group)) {
    if (isActive(f, item.values)) out.push({ kind: 'field', ref: { key: f.key, itemId: item.id }, field: f, section: f.section, where });
  }
  if (group === 'special') {
    const rows = childItems(item, 'specialIndicator');
    rows.forEach((row, j) => out.push(...itemEntries(row, 'specialIndicator', `${where}指标${j + 1}`)));
    out.push({ kind: 'gate', group: 'specialIndicator', parentId: item.id, section: 'specials', count: rows.length });
  }
  for (const e of out) {
    if (e.kind === 'field') Object.freeze(e.ref);
    Object.freeze(e);
  }
  const entries = Object.freeze(out);
  // only frozen items are known never to change in place (the cached report models are)
  if (Object.isFrozen(item) && Object.isFrozen(item.values)) entriesOfItem.set(item, { where, entries });
  return entries;
}

/** Top-level fields by section, in catalogue order. */
const TOP_FIELDS_OF = new Map<SectionId, FieldDef[]>();
for (const f of TOP_FIELDS) {
  const list = TOP_FIELDS_OF.get(f.section) ?? [];
  list.push(f);
  TOP_FIELDS_OF.set(f.section, list);
}

/**
 * The top-level questions by section likewise depend only on the top-level values: kept per
 * (frozen) values object, so a turn that answered inside a group item does not build them again.
 */
const topEntriesOf = new WeakMap<Record<string, FieldValue>, Map<SectionId, readonly PlanEntry[]>>();

function topEntries(values: Record<string, FieldValue>, section: SectionId): readonly PlanEntry[] {
  const hit = topEntriesOf.get(values)?.get(section);
  if (hit) return hit;
  const out: PlanEntry[] = [];
  for (const f of TOP_FIELDS_OF.get(section) ?? []) {
    if (isActive(f, values)) out.push(Object.freeze({ kind: 'field' as const, ref: Object.freeze({ key: f.key }), field: f, section }));
  }
  const entries = Object.freeze(out);
  if (Object.isFrozen(values)) {
    let bySection = topEntriesOf.get(values);
    if (!bySection) topEntriesOf.set(values, (bySection = new Map()));
    bySection.set(section, entries);
  }
  return entries;
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
    out.push(...topEntries(model.values, s.id));
  }
  return out;
}

/** The values in scope of a field reference. */
export function scopeOf(model: ReportModel, ref: FieldRef): Record<string, FieldValue> | undefined {
  if (!ref.itemId) return model.values;
  return findItem(model, ref.itemId)?.values;
}


export function answered(model: ReportModel, ref: FieldRef): boolean {
  const scope = scopeOf(model, ref);
  return scope !== undefined && isAnswered(scope, ref.key);
}

type FieldEntry = Extract<PlanEntry, { kind: 'field' }>;

/**
 * The plan of one state of a model, with its lookups built once: a chat turn asks for the next
 * question, its position and the progress several times, and each used to rebuild the plan and
 * search the items for every field. Valid until the model changes.
 */
export class Plan {
  readonly entries: PlanEntry[];
  readonly fields: FieldEntry[];
  /** Every item, top level or nested, by id (the first item with an id wins, as in findItem). */
  private readonly scopes = new Map<string, GroupItem>();

  constructor(readonly model: ReportModel) {
    this.entries = buildPlan(model);
    this.fields = this.entries.filter((e): e is FieldEntry => e.kind === 'field');
    for (const list of Object.values(model.groups)) {
      for (const item of list ?? []) {
        if (!this.scopes.has(item.id)) this.scopes.set(item.id, item);
        for (const rows of Object.values(item.children)) for (const r of rows ?? []) if (!this.scopes.has(r.id)) this.scopes.set(r.id, r);
      }
    }
  }

  /** Index of a field question in `fields` (-1 when not asked); compares parts, builds no ids. */
  private indexOf(ref: FieldRef): number {
    const itemId = ref.itemId ?? ''; // as refId compares them
    return this.fields.findIndex((e) => e.ref.key === ref.key && (e.ref.itemId ?? '') === itemId);
  }

  item(itemId: string): GroupItem | undefined {
    return this.scopes.get(itemId);
  }

  scope(ref: FieldRef): Record<string, FieldValue> | undefined {
    return ref.itemId ? this.scopes.get(ref.itemId)?.values : this.model.values;
  }

  answered(ref: FieldRef): boolean {
    const scope = this.scope(ref);
    return scope !== undefined && isAnswered(scope, ref.key);
  }

  /** The field question of a reference, if the plan asks it. */
  field(ref: FieldRef): FieldEntry | undefined {
    return this.fields[this.indexOf(ref)];
  }

  /**
   * The next thing to ask: an explicitly queued question first, then the focused item's open
   * questions, then the first open question of the report in order.
   */
  next(state: DialogState): { entry: PlanEntry; queued: boolean } | undefined {
    for (const q of state.queue) {
      const hit = this.field(q);
      if (hit) return { entry: hit, queued: true };
    }
    const skipped = new Set(state.skipped);
    const closed = new Set(state.gatesClosed);
    const open = (e: PlanEntry) => (e.kind === 'field' ? !this.answered(e.ref) && !skipped.has(refId(e.ref)) : !closed.has(gateId(e.group, e.parentId)));
    if (state.focus) {
      const focusId = state.focus.itemId;
      const focusItem = this.scopes.get(focusId);
      const rows = new Set(focusItem ? childItems(focusItem, 'specialIndicator').map((r) => r.id) : []);
      const mine = (e: PlanEntry) => (e.kind === 'field' ? e.ref.itemId === focusId || (e.ref.itemId !== undefined && rows.has(e.ref.itemId)) : e.parentId === focusId);
      const hit = this.entries.find((e) => mine(e) && open(e));
      if (hit) return { entry: hit, queued: false };
    }
    const hit = this.entries.find(open);
    return hit ? { entry: hit, queued: false } : undefined;
  }

  /** Position of a field question among all field questions (for 【第12/86项】). */
  position(ref: FieldRef): { n: number; total: number } {
    return { n: this.indexOf(ref) + 1, total: this.fields.length };
  }

  /** Answered / total field questions per section, in report order. */
  progress(): { section: SectionId; done: number; total: number }[] {
    return SECTIONS.map((s) => {
      const mine = this.fields.filter((e) => e.section === s.id);
      return { section: s.id, done: mine.filter((e) => this.answered(e.ref)).length, total: mine.length };
    });
  }
}

/** Answered / total field questions per section, in report order. */
export function progress(model: ReportModel): { section: SectionId; done: number; total: number }[] {
  return new Plan(model).progress();
}
