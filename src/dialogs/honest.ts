import { zh } from '../messages/zh.js';
import { getField, SECTIONS, sectionTitle } from '../report/catalogue.js';
import { level1Of, level2Allowed } from '../report/indicator-pairs.js';
import type { FieldValue } from '../report/model.js';
import { showValue } from '../scoring/inputs.js';
import type { Turn } from './engine.js';
import type { Plan, PlanEntry } from './plan.js';
import type { FieldRef } from './types.js';

/**
 * Honest replies (issue 25 item 7): 跳过 on an answered question says it is kept; the question
 * number counts within its section (a project added later lengthens its own section, never moves
 * the count of the whole report backwards); 进度 counts finished sections; a 一级/二级 indicator
 * pair must match.
 */
const D = zh.dialog;
const C = zh.clerk;

/** The reply to 跳过 / 稍后再填 on a question; `kept`: it had an answer before. */
export function skipReply(t: Turn, ref: FieldRef, kept: boolean): string {
  const f = getField(ref.key)!;
  const v = t.plan().scope(ref)?.[ref.key];
  return kept && v !== undefined ? C.skipKept(f.label, showValue(ref.key, v)) : D.skipped(f.label);
}

/** Position of a question within its section: 【第3/13项 · 预算执行】. */
export function sectionPosition(plan: Plan, entry: Extract<PlanEntry, { kind: 'field' }>): { n: number; total: number } {
  const mine = plan.fields.filter((e) => e.section === entry.section);
  const itemId = entry.ref.itemId ?? '';
  const i = mine.findIndex((e) => e.ref.key === entry.ref.key && (e.ref.itemId ?? '') === itemId);
  return { n: i + 1, total: mine.length };
}

/** 进度: sections finished of all sections (a fixed total), then each section's questions. */
export function progressReply(t: Turn): string {
  const p = t.plan().progress();
  const finished = p.filter((x) => x.done === x.total).length;
  const lines = [C.progressHead(finished, SECTIONS.length)];
  for (const x of p) if (x.total > 0) lines.push(D.progressLine(sectionTitle(x.section), x.done, x.total));
  return lines.join('\n');
}

/** A 二级指标 that does not belong to the row's 一级指标 (or the reverse): the refusal, else undefined. */
export function pairProblem(t: Turn, ref: FieldRef, value: FieldValue): string | undefined {
  if (!ref.itemId || !ref.key.startsWith('specialIndicator.level')) return undefined;
  const row = t.plan().scope(ref);
  if (!row) return undefined;
  if (ref.key === 'specialIndicator.level2') {
    const allowed = level2Allowed(row['specialIndicator.level1']);
    if (allowed && !allowed.includes(String(value))) return C.pairMismatch(String(row['specialIndicator.level1']), String(value), allowed.join('、'));
  }
  if (ref.key === 'specialIndicator.level1' && row['specialIndicator.level2'] !== undefined) {
    const want = level1Of(row['specialIndicator.level2']);
    if (want && want !== value) return C.pairMismatchLevel1(String(value), String(row['specialIndicator.level2']), want);
  }
  return undefined;
}
