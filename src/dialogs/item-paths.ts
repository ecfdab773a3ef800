import { getGroup, groupFields } from '../report/catalogue.js';
import type { FieldDef, GroupId } from '../report/fields.js';
import { childItems, isActive, items, str, type GroupItem, type ReportModel } from '../report/model.js';
import { squash } from './commands.js';
import type { FieldRef } from './types.js';

/**
 * Where things are in a report, as people name them: 「项目2 指标3」, 「目标4」, a field label
 * unique in an item. Used by 修改 / 查看 (edit-anywhere.ts) to reach any field of any item.
 */

/** A group item with the name the plan gives it (专项资金项目2指标3) and its parent, if a row. */
export interface ItemScope {
  group: GroupId;
  item: GroupItem;
  /** 「专项资金项目2指标3」, as the questions show it. */
  where: string;
  /** The item's own name (项目名称 / 指标名称), if filled. */
  name: string | undefined;
  parent?: ItemScope;
  /** 1-based number among its siblings. */
  n: number;
}

/** A field of the report that a name may mean. */
export interface Candidate {
  ref: FieldRef;
  field: FieldDef;
  scope?: ItemScope;
}

const nameOf = (item: GroupItem, group: GroupId) => str(item.values, `${group}.name`);

/** Every item of the report, projects each followed by their indicator rows, then targets. */
export function allScopes(model: ReportModel): ItemScope[] {
  const out: ItemScope[] = [];
  items(model, 'special').forEach((item, i) => {
    const p: ItemScope = { group: 'special', item, where: `${getGroup('special').label}${i + 1}`, name: nameOf(item, 'special'), n: i + 1 };
    out.push(p);
    childItems(item, 'specialIndicator').forEach((row, j) =>
      out.push({ group: 'specialIndicator', item: row, where: `${p.where}指标${j + 1}`, name: nameOf(row, 'specialIndicator'), parent: p, n: j + 1 }),
    );
  });
  items(model, 'target').forEach((item, i) =>
    out.push({ group: 'target', item, where: `${getGroup('target').label}${i + 1}`, name: nameOf(item, 'target'), n: i + 1 }),
  );
  return out;
}

export function scopeOfItem(model: ReportModel, itemId: string | undefined): ItemScope | undefined {
  return itemId ? allScopes(model).find((s) => s.item.id === itemId) : undefined;
}

/** The asked fields of an item, as candidates. */
export function fieldsOf(scope: ItemScope): Candidate[] {
  return groupFields(scope.group)
    .filter((f) => isActive(f, scope.item.values))
    .map((f) => ({ ref: { key: f.key, itemId: scope.item.id }, field: f, scope }));
}

const PROJECT = /^(?:专项资金项目|专项资金|专项|项目)第?(\d+)个?/;
const ROW = /^(?:项目绩效指标|绩效指标|指标)第?(\d+)个?/;
const TARGET = /^(?:年度绩效目标|绩效目标|目标)第?(\d+)个?/;

export type PathResult =
  | { kind: 'none'; rest: string }
  | { kind: 'item'; scope: ItemScope; rest: string }
  | { kind: 'badNumber'; group: GroupId; count: number };

/**
 * 「项目2 指标3 实际完成值」 → the item (项目2's indicator 3) and the rest (实际完成值). 「指标3」
 * alone means a row of the project the conversation is in (`current`).
 */
export function parsePath(model: ReportModel, text: string, current?: ItemScope): PathResult {
  let s = squash(text);
  const scopes = allScopes(model);
  const pick = (group: GroupId, n: number, parent?: ItemScope): PathResult => {
    const list = scopes.filter((x) => x.group === group && x.parent?.item.id === parent?.item.id);
    const hit = list[n - 1];
    return hit ? { kind: 'item', scope: hit, rest: '' } : { kind: 'badNumber', group, count: list.length };
  };
  let m = s.match(PROJECT);
  let found: PathResult | undefined;
  if (m) {
    s = s.slice(m[0].length);
    found = pick('special', Number(m[1]));
    const r = s.match(ROW);
    if (found.kind === 'item' && r) {
      s = s.slice(r[0].length);
      found = pick('specialIndicator', Number(r[1]), found.scope);
    }
  } else if ((m = s.match(TARGET))) {
    s = s.slice(m[0].length);
    found = pick('target', Number(m[1]));
  } else if ((m = s.match(ROW))) {
    const project = current?.group === 'special' ? current : current?.parent;
    if (!project) return { kind: 'none', rest: squash(text) };
    s = s.slice(m[0].length);
    found = pick('specialIndicator', Number(m[1]), project);
  }
  if (!found) return { kind: 'none', rest: s };
  s = s.replace(/^(?:的|之)/, '');
  return found.kind === 'item' ? { ...found, rest: s } : found;
}

/** The candidates a name means: exact label first, then labels starting with it, then containing it. */
export function matchLabel(cands: Candidate[], name: string): Candidate[] {
  const s = squash(name);
  if (!s) return [];
  const label = (c: Candidate) => squash(c.field.label);
  for (const test of [(l: string) => l === s, (l: string) => l.startsWith(s), (l: string) => l.includes(s)]) {
    const hits = cands.filter((c) => test(label(c)));
    if (hits.length) return hits;
  }
  return [];
}

/**
 * The fields a bare name means from inside an item: the item's own fields; a project's rows
 * next; from a row, its project's fields next. Empty when nothing near has that name.
 */
export function nearby(scope: ItemScope, name: string, scopes: ItemScope[]): Candidate[] {
  const own = matchLabel(fieldsOf(scope), name);
  if (own.length) return own;
  if (scope.group === 'special') {
    const rows = scopes.filter((x) => x.parent?.item.id === scope.item.id);
    return matchLabel(rows.flatMap(fieldsOf), name);
  }
  return scope.parent ? matchLabel(fieldsOf(scope.parent), name) : [];
}

/** 「专项资金项目2指标3「推送宣传稿件数」」 */
export function scopeTitle(scope: ItemScope): string {
  return scope.name ? `${scope.where}「${scope.name}」` : scope.where;
}
