import { zh } from '../messages/zh.js';
import { getField, getGroup } from '../report/catalogue.js';
import type { ReportModel } from '../report/model.js';
import { showValue } from '../scoring/inputs.js';
import { findField, squash } from './commands.js';
import { askNext, canWrite, reask, type Turn } from './engine.js';
import { liveFeedback } from './feedback.js';
import { pairProblem } from './honest.js';
import { allScopes, fieldsOf, matchLabel, nearby, parsePath, scopeOfItem, scopeTitle, type Candidate, type ItemScope } from './item-paths.js';
import { parseRefId, refId, type FieldRef } from './types.js';
import { parseAnswer } from './values.js';

/**
 * 修改 / 查看 anywhere in the report (issue 25 item 2): 「修改 项目2 指标3 实际完成值」, 「修改
 * 年度指标值」 inside an item (a name unique in the current item; a numbered list when several
 * match), 「项目1 指标2 年度指标值 改为 1100」, 「查看 项目2」. Hooks of the engine's commands.
 */
const D = zh.dialog;
const C = zh.clerk;
/** Fields listed when a name matches several; more are left to a path. */
const PICK_MAX = 20;

type Edit = { kind: 'edit'; what: string } | { kind: 'set'; what: string; value: string };

/** The item the conversation is in: the pending question's, else the one being filled. */
function currentScope(t: Turn): ItemScope | undefined {
  const step = t.state.step;
  const itemId = step.kind === 'field' ? step.ref.itemId : t.state.focus?.itemId;
  return scopeOfItem(t.model!, itemId);
}

function valueText(model: ReportModel, ref: FieldRef): string {
  const scope = ref.itemId ? allScopes(model).find((s) => s.item.id === ref.itemId)?.item.values : model.values;
  const v = scope?.[ref.key];
  return v === undefined ? D.notFilled : showValue(ref.key, v);
}

/** Ask (修改) or store (改为) one field. */
function apply(t: Turn, c: Candidate, value: string | undefined): void {
  if (!canWrite(t)) return;
  if (value === undefined) {
    const id = refId(c.ref);
    t.state.queue = [c.ref, ...t.state.queue.filter((q) => refId(q) !== id)];
    t.say(c.scope ? C.editAskAt(c.field.label, scopeTitle(c.scope)) : D.editAsk(c.field.label));
    askNext(t);
    return;
  }
  const parsed = parseAnswer(c.field, value);
  if (!parsed.ok) {
    t.say(parsed.message);
    reask(t);
    return;
  }
  const mismatch = pairProblem(t, c.ref, parsed.value);
  if (mismatch) {
    t.say(mismatch);
    reask(t);
    return;
  }
  t.write(c.ref, parsed.value);
  t.say(D.recorded(c.field.label, parsed.display) + (c.scope ? `（${scopeTitle(c.scope)}）` : ''));
  liveFeedback(t, [c.field.key]);
  reask(t);
}

/** Several fields have the name: a numbered list, picked by the next message (pickTurn). */
function offerPick(t: Turn, cands: Candidate[], value: string | undefined): void {
  const shown = cands.slice(0, PICK_MAX);
  const lines = [C.pickHead(cands.length, cands[0]!.field.label)];
  shown.forEach((c, i) => lines.push(C.pickLine(i + 1, c.scope ? scopeTitle(c.scope) : '', c.field.label, valueText(t.model!, c.ref))));
  if (cands.length > shown.length) lines.push(C.pickMore(cands.length - shown.length));
  t.say(lines.join('\n'));
  t.state.pick = { refs: shown.map((c) => refId(c.ref)), ...(value !== undefined ? { value } : {}) };
}

function badNumber(t: Turn, group: Parameters<typeof getGroup>[0], count: number): void {
  const label = getGroup(group).label;
  t.say(count ? D.itemBadNumber(label, count) : D.itemNone(label));
  reask(t);
}

/**
 * 修改 / 改为 of a field inside an item. Returns false when the message names no such field (the
 * engine then tries the top-level fields, as before). `nearOnly`: a text question is pending, so
 * a name found only elsewhere in the report is left to the question which was meant (meant.ts).
 */
export function editAnywhere(t: Turn, cmd: Edit, nearOnly = false): boolean {
  const model = t.model!;
  const value = cmd.kind === 'set' ? cmd.value : undefined;
  const current = currentScope(t);
  const path = parsePath(model, cmd.what, current);
  if (path.kind === 'badNumber') {
    badNumber(t, path.group, path.count);
    return true;
  }
  let cands: Candidate[];
  if (path.kind === 'item') {
    if (!path.rest) {
      if (value !== undefined) return false;
      if (!canWrite(t)) return true;
      // the item's own questions, one after another
      const refs = fieldsOf(path.scope).map((c) => c.ref);
      const ids = new Set(refs.map(refId));
      t.state.queue = [...refs, ...t.state.queue.filter((q) => !ids.has(refId(q)))];
      t.say(C.editWalk(scopeTitle(path.scope)));
      askNext(t);
      return true;
    }
    cands = nearby(path.scope, path.rest, allScopes(model));
    if (!cands.length) {
      t.say(D.unknownField(cmd.what));
      reask(t);
      return true;
    }
  } else {
    const scopes = allScopes(model);
    cands = current ? nearby(current, path.rest, scopes) : [];
    if (!cands.length) {
      // a top-level field of that name: the engine's own 修改
      if (findField(cmd.what) || nearOnly) return false;
      cands = matchLabel(scopes.flatMap(fieldsOf), path.rest);
      if (!cands.length) return false;
    }
  }
  if (cands.length === 1) apply(t, cands[0]!, value);
  else offerPick(t, cands, value);
  return true;
}

/** The reply to a numbered list of fields: a number picks one; anything else drops the list. */
export function pickTurn(t: Turn, text: string): boolean {
  const pick = t.state.pick;
  if (!pick) return false;
  delete t.state.pick;
  const s = squash(text);
  if (!/^\d{1,3}$/.test(s)) return false;
  const ref = pick.refs[Number(s) - 1];
  if (!ref) {
    // a number is never taken as the pending question's answer here
    t.state.pick = pick;
    t.say(D.itemBadNumber('', pick.refs.length).replace('个', '项'));
    return true;
  }
  const r = parseRefId(ref);
  const field = getField(r.key);
  if (!field || !t.plan().field(r)) return false;
  const scope = scopeOfItem(t.model!, r.itemId);
  apply(t, { ref: r, field, ...(scope ? { scope } : {}) }, pick.value);
  return true;
}

/** How a person writes the item in a command: 项目2 指标3, 目标4. */
function pathOf(scope: ItemScope): string {
  if (scope.group === 'specialIndicator') return `项目${scope.parent!.n} 指标${scope.n}`;
  return scope.group === 'special' ? `项目${scope.n}` : `目标${scope.n}`;
}

function rowSummary(row: ItemScope): string {
  const v = row.item.values;
  const unit = typeof v['specialIndicator.measureUnit'] === 'string' ? v['specialIndicator.measureUnit'] : '';
  const parts: string[] = [];
  if (v['specialIndicator.level2'] !== undefined) parts.push(String(v['specialIndicator.level2']));
  for (const key of ['specialIndicator.target', 'specialIndicator.actual', 'specialIndicator.level', 'specialIndicator.weight']) {
    const x = v[key];
    if (x === undefined) continue;
    const shown = showValue(key, x);
    parts.push(`${getField(key)!.label} ${shown}${key.endsWith('target') || key.endsWith('actual') ? unit : ''}`);
  }
  return parts.join('，');
}

/** An item with its fields and, for a project, its numbered indicators. */
export function sayItem(t: Turn, scope: ItemScope): void {
  const lines = [C.itemHead(scopeTitle(scope))];
  for (const c of fieldsOf(scope)) lines.push(C.itemLine(c.field.label, valueText(t.model!, c.ref)));
  let example = `修改 ${pathOf(scope)} ${fieldsOf(scope).find((c) => c.field.kind !== 'text')?.field.label ?? ''}`.trim();
  if (scope.group === 'special') {
    const rows = allScopes(t.model!).filter((x) => x.parent?.item.id === scope.item.id);
    const label = getGroup('specialIndicator').label;
    lines.push(rows.length ? C.rowsHead(label) : C.rowsNone(label));
    for (const r of rows) lines.push(C.rowLine(r.n, r.name ?? D.notFilled, rowSummary(r)));
    if (rows.length) example = `修改 ${pathOf(rows[0]!)} 实际完成值`;
  }
  lines.push(C.itemHint(example));
  t.say(lines.join('\n'));
}

/** 查看 项目2 / 查看 项目2 指标3 / 查看 目标1: false when the text names no item. */
export function viewItem(t: Turn, what: string): boolean {
  const path = parsePath(t.model!, what, currentScope(t));
  if (path.kind === 'badNumber') {
    badNumber(t, path.group, path.count);
    return true;
  }
  if (path.kind !== 'item' || path.rest) return false;
  sayItem(t, path.scope);
  reask(t);
  return true;
}

/** The item with this id, for 修改项目 N (which then walks its own fields). */
export function sayItemById(t: Turn, itemId: string): void {
  const scope = scopeOfItem(t.model!, itemId);
  if (scope) sayItem(t, scope);
}
