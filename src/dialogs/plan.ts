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

type FieldEntry = Extract<PlanEntry, { kind: 'field' }>;

/** Groups asked in the conversation (manual scores are asked only when a rule set needs them). */
const GROUP_OF_SECTION: Partial<Record<SectionId, GroupId>> = { specials: 'special', targets: 'target' };

/**
 * A run of plan entries that depend on one object only: a group item (with its rows) or the
 * top-level values of one section. `pending` is what the model alone does not settle: the
 * unanswered field questions and the gates, in plan order. Whether a question is answered depends
 * on the same object, so `pending` is kept with the entries and a late turn in a full report
 * looks at a handful of entries instead of re-checking every answered one.
 */
interface Block {
  readonly entries: readonly PlanEntry[];
  readonly pending: readonly PlanEntry[];
  readonly fieldCount: number;
}

/** A block of entries, frozen (plans share them); entries already frozen are taken as they are. */
function block(entries: PlanEntry[], pending: PlanEntry[]): Block {
  let fieldCount = 0;
  for (const e of entries) {
    if (e.kind === 'field') fieldCount++;
    if (Object.isFrozen(e)) continue;
    if (e.kind === 'field') Object.freeze(e.ref);
    Object.freeze(e);
  }
  return Object.freeze({ entries: Object.freeze(entries), pending: Object.freeze(pending), fieldCount });
}

/**
 * An item's questions depend only on the item (its values and rows) and its label. Models are
 * copy-on-write, so an item object that is still the same is unchanged: its block is kept
 * (frozen, since plans share it) and only the items a turn touched are walked again.
 */
const blockOfItem = new WeakMap<GroupItem, { where: string; block: Block }>();

function itemBlock(item: GroupItem, group: GroupId, where: string): Block {
  const hit = blockOfItem.get(item);
  if (hit && hit.where === where) return hit.block;
  const entries: PlanEntry[] = [];
  const pending: PlanEntry[] = [];
  for (const f of groupFields(group)) {
    if (!isActive(f, item.values) || f.unasked) continue;
    const e: PlanEntry = { kind: 'field', ref: { key: f.key, itemId: item.id }, field: f, section: f.section, where };
    entries.push(e);
    if (!isAnswered(item.values, f.key)) pending.push(e);
  }
  if (group === 'special') {
    const rows = childItems(item, 'specialIndicator');
    rows.forEach((row, j) => {
      const b = itemBlock(row, 'specialIndicator', `${where}指标${j + 1}`);
      entries.push(...b.entries);
      pending.push(...b.pending);
    });
    const gate: PlanEntry = { kind: 'gate', group: 'specialIndicator', parentId: item.id, section: 'specials', count: rows.length };
    entries.push(gate);
    pending.push(gate);
  }
  const b = block(entries, pending);
  // only frozen items are known never to change in place (the cached report models are)
  if (Object.isFrozen(item) && Object.isFrozen(item.values)) blockOfItem.set(item, { where, block: b });
  return b;
}

/**
 * Top-level questions by section, in catalogue order. A top-level entry is the same whatever the
 * answers (only whether it is asked depends on them), so each is made once.
 */
const TOP_ENTRIES_OF = new Map<SectionId, FieldEntry[]>();
for (const f of TOP_FIELDS) {
  if (f.unasked) continue;
  const list = TOP_ENTRIES_OF.get(f.section) ?? [];
  list.push(Object.freeze({ kind: 'field' as const, ref: Object.freeze({ key: f.key }), field: f, section: f.section }));
  TOP_ENTRIES_OF.set(f.section, list);
}

/**
 * The top-level questions by section likewise depend only on the top-level values: kept per
 * (frozen) values object, so a turn that answered inside a group item does not build them again.
 */
const topBlocksOf = new WeakMap<Record<string, FieldValue>, Map<SectionId, Block>>();

function topBlock(values: Record<string, FieldValue>, section: SectionId): Block {
  const hit = topBlocksOf.get(values)?.get(section);
  if (hit) return hit;
  const entries: PlanEntry[] = [];
  const pending: PlanEntry[] = [];
  for (const e of TOP_ENTRIES_OF.get(section) ?? []) {
    if (!isActive(e.field, values)) continue;
    entries.push(e);
    if (!isAnswered(values, e.field.key)) pending.push(e);
  }
  const b = block(entries, pending);
  if (Object.isFrozen(values)) {
    let bySection = topBlocksOf.get(values);
    if (!bySection) topBlocksOf.set(values, (bySection = new Map()));
    bySection.set(section, b);
  }
  return b;
}

function planBlocks(model: ReportModel): Block[] {
  const out: Block[] = [];
  for (const s of SECTIONS) {
    const group = GROUP_OF_SECTION[s.id];
    if (group) {
      const list = items(model, group);
      list.forEach((item, i) => out.push(itemBlock(item, group, `${getGroup(group).label}${i + 1}`)));
      const gate: PlanEntry = { kind: 'gate', group, section: s.id, count: list.length };
      out.push(block([gate], [gate]));
    }
    out.push(topBlock(model.values, s.id));
  }
  return out;
}

export function buildPlan(model: ReportModel): PlanEntry[] {
  return planBlocks(model).flatMap((b) => b.entries);
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

/**
 * The plan of one state of a model, with its lookups built once: a chat turn asks for the next
 * question, its position and the progress several times, and each used to rebuild the plan and
 * search the items for every field. Valid until the model changes.
 */
export class Plan {
  private readonly blocks: Block[];
  /** The unanswered field questions and the gates, in plan order. */
  private readonly pending: PlanEntry[];
  private entriesNow: PlanEntry[] | undefined;
  private fieldsNow: FieldEntry[] | undefined;
  private scopesNow: Map<string, GroupItem> | undefined;

  constructor(readonly model: ReportModel) {
    this.blocks = planBlocks(model);
    this.pending = [];
    for (const b of this.blocks) for (const e of b.pending) this.pending.push(e);
  }

  get entries(): PlanEntry[] {
    return (this.entriesNow ??= this.blocks.flatMap((b) => b.entries));
  }

  get fields(): FieldEntry[] {
    return (this.fieldsNow ??= this.entries.filter((e): e is FieldEntry => e.kind === 'field'));
  }

  /** Every item, top level or nested, by id (the first item with an id wins, as in findItem). */
  private get scopes(): Map<string, GroupItem> {
    if (this.scopesNow) return this.scopesNow;
    const scopes = new Map<string, GroupItem>();
    for (const list of Object.values(this.model.groups)) {
      for (const item of list ?? []) {
        if (!scopes.has(item.id)) scopes.set(item.id, item);
        for (const rows of Object.values(item.children)) for (const r of rows ?? []) if (!scopes.has(r.id)) scopes.set(r.id, r);
      }
    }
    return (this.scopesNow = scopes);
  }

  /**
   * Index of a field question among all field questions (-1 when not asked). The entry's own
   * reference (as next() and field() hand it out) is found by identity, any other by its parts.
   */
  private indexOf(ref: FieldRef): number {
    let offset = 0;
    for (const b of this.blocks) {
      if (b.fieldCount > 0) {
        let i = offset;
        for (const e of b.entries) {
          if (e.kind !== 'field') continue;
          if (e.ref === ref) return i;
          i++;
        }
      }
      offset += b.fieldCount;
    }
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
   * questions, then the first open question of the report in order. Only pending entries can be
   * open: an answered question is never asked again unless queued.
   */
  next(state: DialogState): { entry: PlanEntry; queued: boolean } | undefined {
    for (const q of state.queue) {
      const hit = this.field(q);
      if (hit) return { entry: hit, queued: true };
    }
    const skipped = new Set(state.skipped);
    const closed = new Set(state.gatesClosed);
    const open = (e: PlanEntry) => (e.kind === 'field' ? !skipped.has(refId(e.ref)) : !closed.has(gateId(e.group, e.parentId)));
    if (state.focus) {
      const focusId = state.focus.itemId;
      const focusItem = this.scopes.get(focusId);
      const rows = new Set(focusItem ? childItems(focusItem, 'specialIndicator').map((r) => r.id) : []);
      const mine = (e: PlanEntry) => (e.kind === 'field' ? e.ref.itemId === focusId || (e.ref.itemId !== undefined && rows.has(e.ref.itemId)) : e.parentId === focusId);
      const hit = this.pending.find((e) => mine(e) && open(e));
      if (hit) return { entry: hit, queued: false };
    }
    const hit = this.pending.find(open);
    return hit ? { entry: hit, queued: false } : undefined;
  }

  /**
   * Whether an item still has something to ask: an unanswered question of its own (skipped or
   * not) or a gate under it that is not closed.
   */
  stillOpen(itemId: string, gatesClosed: readonly string[]): boolean {
    return this.pending.some((e) => (e.kind === 'field' ? e.ref.itemId === itemId : e.parentId === itemId && !gatesClosed.includes(gateId(e.group, e.parentId))));
  }

  /** Position of a field question among all field questions (for 【第12/86项】). */
  position(ref: FieldRef): { n: number; total: number } {
    return { n: this.indexOf(ref) + 1, total: this.blocks.reduce((n, b) => n + b.fieldCount, 0) };
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
