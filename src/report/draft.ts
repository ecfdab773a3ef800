import type { GroupId } from './fields.js';
import type { FieldValue, GroupItem, ReportModel } from './model.js';

type Lists = Partial<Record<GroupId, GroupItem[]>>;

/**
 * Copy-on-write edits of a model. The base is never changed (the model cache shares it between
 * turns, frozen): the first change below an object copies the objects on the path to it, and
 * everything else stays shared with the base. So a turn that writes one answer copies one
 * values object instead of the whole report, and the cache freezes only what is new.
 *
 * Items are found as `findItem` finds them: group by group, each item before its rows.
 */
export class ModelDraft {
  private current: ReportModel;
  /** Objects this draft made, so free to change. */
  private readonly owned = new WeakSet<object>();

  constructor(base: ReportModel) {
    this.current = base;
  }

  /** The model with every change so far. */
  get model(): ReportModel {
    return this.current;
  }

  private own<T extends object>(o: T, copy: (o: T) => T): T {
    if (this.owned.has(o)) return o;
    const c = copy(o);
    this.owned.add(c);
    return c;
  }

  private root(): ReportModel {
    this.current = this.own(this.current, (m) => ({ ...m }));
    return this.current;
  }

  /** The top-level answers, ready to change. */
  values(): Record<string, FieldValue> {
    const m = this.root();
    m.values = this.own(m.values, (v) => ({ ...v }));
    return m.values;
  }

  /** The top-level lists by group, ready to change (the lists themselves are still shared). */
  groups(): Lists {
    const m = this.root();
    m.groups = this.own(m.groups, (g) => ({ ...g }));
    return m.groups;
  }

  /** `owner[group]` as a list of this draft's own (an absent group becomes an empty list). */
  private list(owner: Lists, group: GroupId): GroupItem[] {
    const list = this.own(owner[group] ?? [], (l) => [...l]);
    owner[group] = list;
    return list;
  }

  /** `list[i]` as an item of this draft's own, with its own values and children objects. */
  private itemAt(list: GroupItem[], i: number): GroupItem {
    const item = this.own(list[i]!, (x) => ({ id: x.id, values: x.values, children: x.children }));
    item.values = this.own(item.values, (v) => ({ ...v }));
    item.children = this.own(item.children, (c) => ({ ...c }));
    list[i] = item;
    return item;
  }

  /** Where an item is in the current model: its group and index, and for a row its parent's. */
  private locate(itemId: string): { group: GroupId; i: number; row?: { group: GroupId; j: number } } | undefined {
    for (const [group, list] of Object.entries(this.current.groups) as [GroupId, GroupItem[] | undefined][]) {
      for (const [i, item] of (list ?? []).entries()) {
        if (item.id === itemId) return { group, i };
        for (const [child, rows] of Object.entries(item.children) as [GroupId, GroupItem[] | undefined][]) {
          const j = (rows ?? []).findIndex((r) => r.id === itemId);
          if (j >= 0) return { group, i, row: { group: child, j } };
        }
      }
    }
    return undefined;
  }

  /** The item with this id (top level or a row of one), ready to change; undefined when absent. */
  item(itemId: string): GroupItem | undefined {
    const at = this.locate(itemId);
    if (!at) return undefined;
    const top = this.itemAt(this.list(this.groups(), at.group), at.i);
    return at.row ? this.itemAt(this.list(top.children, at.row.group), at.row.j) : top;
  }

  /** Append an item to a group, or to a parent item's rows; false when the parent is absent. */
  add(group: GroupId, item: GroupItem, parentId?: string): boolean {
    const owner = parentId ? this.item(parentId)?.children : this.groups();
    if (!owner) return false;
    this.list(owner, group).push(item);
    this.owned.add(item);
    return true;
  }

  /** Remove an item (with its rows); a group left without items is absent, as the store reads it back. */
  remove(itemId: string): boolean {
    const at = this.locate(itemId);
    if (!at) return false;
    if (at.row) this.drop(this.itemAt(this.list(this.groups(), at.group), at.i).children, at.row.group, at.row.j);
    else this.drop(this.groups(), at.group, at.i);
    return true;
  }

  private drop(owner: Lists, group: GroupId, i: number): void {
    const rest = owner[group]!.filter((_, k) => k !== i);
    if (rest.length) {
      owner[group] = rest;
      this.owned.add(rest);
    } else delete owner[group];
  }
}
