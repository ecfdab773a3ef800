import { zh } from '../messages/zh.js';
import { getField, INDICATOR_LEVEL1, INDICATOR_LEVEL2, TARGET_CATEGORIES } from '../report/catalogue.js';
import { LEVEL2_OF_LEVEL1, level1Of } from '../report/indicator-pairs.js';
import { isAnswered, type FieldValue } from '../report/model.js';
import type { Turn } from './engine.js';
import { storeCells, type Cell } from './row-answer.js';
import type { FieldRef } from './types.js';
import { parseAnswer } from './values.js';

/**
 * An indicator (project) or target (unit) row in one message (issue 26 item 1):
 * `数量指标 案件数 ≥ 3000 件 实际 3260 分值 20`, `数量 案件数 ≥ 3000 件 实际 3260` for a target,
 * `可持续影响指标 服务体系持续完善 定性 达成 分值 10` for a qualitative one. The 一级指标 follows
 * from the 二级; the 计量单位 is the word after the 年度指标值. A row whose target is met (or a
 * qualitative one 达成) does not ask its 偏差原因 or 得分比例: they do not apply.
 */

const R = zh.rows;
type Group = 'specialIndicator' | 'target';

const DIRECTION = /(≥|>=|＞＝|≤|<=|＜＝|=|＝|定性)/;
const DIRECTION_OF: Record<string, string> = { '≥': '≥', '>=': '≥', '＞＝': '≥', '≤': '≤', '<=': '≤', '＜＝': '≤', '=': '=', '＝': '=', 定性: '定性' };
const NUMBER = String.raw`[+-]?\d[\d.,]*`;
const ACTUAL_WORD = String.raw`(?:实际完成值|实际完成|实际值|实际|完成值)`;
const WEIGHT = String.raw`(?:\s*分值\s*[:：]?\s*(\d[\d.]*)\s*分?)?`;
const QUANTITATIVE = new RegExp(String.raw`^(${NUMBER})\s*(.*?)\s*${ACTUAL_WORD}\s*[:：]?\s*(${NUMBER})\s*(\S*?)${WEIGHT}\s*$`);
const QUALITATIVE = new RegExp(String.raw`^(部分达成|未达成|达成)(?:\s*(\d[\d.]*)\s*%)?${WEIGHT}\s*$`);

interface RowText {
  head: string[];
  direction: string;
  /** Quantitative: target, unit, actual (as typed, with its unit), weight. */
  q?: { target: string; unit: string; actual: string; weight?: string };
  /** Qualitative: level, percent, weight. */
  l?: { level: string; percent?: string; weight?: string };
}

/**
 * No indicator row is longer (a name of ~40 characters and its figures). Longer text is not one,
 * and is not matched: the row patterns backtrack on long runs of spaces or digits (a 9 000-space
 * message took minutes).
 */
const ROW_MAX = 200;

/** The parts of an indicator row, or undefined when the message does not read as one. */
function split(text: string): RowText | undefined {
  if (text.length > ROW_MAX) return undefined;
  // the name is kept as typed (its full-width brackets are the unit's); the figures are folded
  const s = text.trim();
  const m = DIRECTION.exec(s);
  if (!m) return undefined;
  const head = s.slice(0, m.index).trim().split(/[\s\u3000]+/).filter(Boolean);
  // one space between parts: runs of spaces would make the patterns backtrack
  const rest = s.slice(m.index + m[0].length).normalize('NFKC').replace(/\s+/g, ' ').trim();
  const direction = DIRECTION_OF[m[1]!]!;
  if (direction === '定性') {
    const l = QUALITATIVE.exec(rest);
    return l ? { head, direction, l: { level: l[1]!, ...(l[2] ? { percent: l[2] } : {}), ...(l[3] ? { weight: l[3] } : {}) } } : undefined;
  }
  const q = QUANTITATIVE.exec(rest);
  if (!q) return undefined;
  return { head, direction, q: { target: q[1]!, unit: q[2]!.trim(), actual: `${q[3]}${q[4] ?? ''}`, ...(q[5] ? { weight: q[5] } : {}) } };
}

/** 「数量」, 「数量指标」 or 「满意度」 as a 二级指标. */
function level2Of(word: string): string | undefined {
  const all = INDICATOR_LEVEL2 as readonly string[];
  if (all.includes(word)) return word;
  if (all.includes(`${word}指标`)) return `${word}指标`;
  return word === '满意度' || word === '满意度指标' ? '服务对象满意度指标' : undefined;
}

function categoryOf(word: string): string | undefined {
  const all = TARGET_CATEGORIES as readonly string[];
  const w = word.replace(/指标$/, '');
  return all.includes(w) ? w : w === '服务对象满意度' ? '满意度' : undefined;
}

function met(direction: string, target: number, actual: number): boolean {
  return direction === '≥' ? actual >= target : direction === '≤' ? actual <= target : Math.abs(actual - target) < 1e-9;
}

/** A row read: its cells (key, value, as typed) in catalogue order and the cells that do not apply; or why not. */
export type ReadRow = { cells: [key: string, value: FieldValue, typed: string][]; skip: string[] } | { error: string };

/**
 * Read an indicator or target row against what the item already has (`scope`); undefined when the
 * message does not read as a row at all. Nothing is stored here.
 */
export function readIndicatorRow(group: Group, scope: Record<string, FieldValue>, text: string): ReadRow | undefined {
  const row = split(text);
  if (!row) return undefined;
  const k = (name: string) => `${group}.${name}`;
  const example = group === 'target' ? R.exampleTarget : R.exampleIndicator;
  const missing = (what: string) => ({ error: R.indicatorMissing(what, example) });
  const typed: [string, string][] = [];
  const head = [...row.head];
  if (group === 'specialIndicator') {
    // 一级 first only when a 二级 follows (满意度指标 alone is the 二级 服务对象满意度指标)
    const l1 = head.length > 1 && (INDICATOR_LEVEL1 as readonly string[]).includes(head[0]!) && level2Of(head[1]!) ? head.shift()! : undefined;
    const l2 = head.length ? level2Of(head[0]!) : undefined;
    if (l2) {
      head.shift();
      if (l1 && level1Of(l2) !== l1) return { error: zh.clerk.pairMismatch(l1, l2, (LEVEL2_OF_LEVEL1[l1] ?? []).join('、')) };
      typed.push([k('level1'), l1 ?? level1Of(l2)!], [k('level2'), l2]);
    } else if (!isAnswered(scope, k('level2'))) return missing(R.whatLevel2);
    else if (l1) typed.push([k('level1'), l1]);
  } else {
    const c = head.length ? categoryOf(head[0]!) : undefined;
    if (c) {
      head.shift();
      typed.push([k('category'), c]);
    } else if (!isAnswered(scope, k('category'))) return missing(R.whatCategory);
  }
  if (head.length) typed.push([k('name'), head.join(' ')]);
  else if (!isAnswered(scope, k('name'))) return missing(R.whatName);
  typed.push([k('direction'), row.direction]);
  let measureUnit = typeof scope[k('measureUnit')] === 'string' ? String(scope[k('measureUnit')]) : undefined;
  if (row.q) {
    if (row.q.unit) measureUnit = row.q.unit;
    if (!measureUnit) return missing(R.whatUnit);
    typed.push([k('measureUnit'), measureUnit], [k('target'), row.q.target], [k('actual'), row.q.actual]);
    if (row.q.weight && group === 'specialIndicator') typed.push([k('weight'), row.q.weight]);
  } else if (row.l) {
    typed.push([k('level'), row.l.level]);
    if (row.l.percent) typed.push([k('levelPercent'), row.l.percent]);
    if (row.l.weight && group === 'specialIndicator') typed.push([k('weight'), row.l.weight]);
  }
  // every cell read as its own answer would be, before anything is stored
  const cells: [string, FieldValue, string][] = [];
  typed.sort((a, b) => orderOf(a[0]) - orderOf(b[0]));
  for (const [i, [key, value]] of typed.entries()) {
    const f = getField(key)!;
    const parsed = parseAnswer(f, value, f.key.endsWith('.target') || f.key.endsWith('.actual') ? { measureUnit: measureUnit! } : {});
    if (!parsed.ok) return { error: R.cellBad(i + 1, f.label, parsed.message) };
    cells.push([key, parsed.value, value]);
  }
  const value = (name: string) => cells.find(([key]) => key === k(name))?.[1];
  const done = row.q ? met(row.direction, value('target') as number, value('actual') as number) : row.l?.level === '达成';
  return { cells, skip: done ? ['deviation', 'levelPercent'].map(k).filter((key) => getField(key)) : [] };
}

/** Store a row read for the item `itemId`, or say why it was not. */
export function storeIndicatorRow(t: Turn, read: ReadRow, itemId: string): void {
  if ('error' in read) {
    t.state.failures++;
    t.say(read.error);
    return;
  }
  const cells: Cell[] = read.cells.map(([key, value, typed]) => ({ ref: { key, itemId }, value, typed }));
  storeCells(t, cells, read.skip.map((key) => ({ key, itemId })), R.nextRow);
}

/** The row answer for the pending indicator or target question; false when the message is not a row. */
export function indicatorRowTurn(t: Turn, group: Group, ref: FieldRef, text: string): boolean {
  const read = readIndicatorRow(group, t.plan().scope(ref) ?? {}, text);
  if (!read) return false;
  storeIndicatorRow(t, read, ref.itemId!);
  return true;
}

/** Catalogue order of a field (the order the row's cells are stored and echoed). */
const ORDER = new Map<string, number>();
function orderOf(key: string): number {
  if (!ORDER.size) {
    const keys = ['level1', 'level2', 'category', 'name', 'direction', 'measureUnit', 'target', 'actual', 'level', 'levelPercent', 'weight'];
    keys.forEach((n, i) => {
      ORDER.set(`specialIndicator.${n}`, i);
      ORDER.set(`target.${n}`, i);
    });
  }
  return ORDER.get(key) ?? 99;
}
