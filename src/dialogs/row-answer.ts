import { zh } from '../messages/zh.js';
import { getField } from '../report/catalogue.js';
import { num, type FieldValue } from '../report/model.js';
import { squash } from './commands.js';
import { afterAnswers, canWrite, reask, type Turn } from './engine.js';
import { indicatorRowTurn } from './indicator-row.js';
import { askHeldBack, isPlausible } from './plausible.js';
import { parseScopedEntry } from './scoped-entry.js';
import { exampleOf, rowOf, SPLIT_COLUMNS, SPLIT_PARTS, splitKey, type CellRow } from './rows.js';
import type { FieldRef } from './types.js';
import { answerContext } from './units.js';
import { parseAnswer } from './values.js';

/**
 * A row of figures in one message (issue 26 item 1): `1.84 1.49 1.49` for an attachment-1 row,
 * `45 52.36 52.36` for a project's amounts, `52.36 0 0 / 52.36 0 0 / 52.36 0 0` or
 * `全部当年财政拨款` for its funding split (indicator rows: indicator-row.ts). Every cell is read
 * as a single answer would be; one cell that does not read stores nothing of the row; the
 * plausibility checks run cell by cell as for a fast entry (the doubtful cell is asked about, the
 * others stored). A single value is not a row: it answers the current question as before.
 */

/** Corrections of a whole row (row-edit.ts), for the engine's 修改 / 改为. */
export { rowEdit } from './row-edit.js';

const R = zh.rows;

/** A unit written apart from its number (`160.20 万元`) belongs to the number before it. */
const UNIT_ONLY = /^(万元|万|元|亿元|亿|%|㎡|平方米|平米)$/;
const DASH = /^[-－—–]+$/;
const ALL_CURRENT = ['全部当年财政拨款', '全部为当年财政拨款', '全部是当年财政拨款', '全是当年财政拨款', '均为当年财政拨款', '全部财政拨款'];

/** A number with thousands separators (17,428 or 1，742，800元): one cell, not several. */
const THOUSANDS = /^[+-]?\d{1,3}([,，]\d{3})+(\.\d+)?\D*$/;

/**
 * The cells of a message, split at spaces, 、 and ；, and at commas that do not separate thousands,
 * with a unit written apart joined to its number.
 */
export function cellsOf(text: string): string[] {
  const out: string[] = [];
  const pieces = text.normalize('NFKC').trim().split(/[\s、；;]+/);
  for (const tok of pieces.flatMap((p) => (THOUSANDS.test(p) ? [p] : p.split(/[,，]+/)))) {
    if (!tok) continue;
    if (UNIT_ONLY.test(tok) && out.length && !DASH.test(out[out.length - 1]!)) out[out.length - 1] += tok;
    else out.push(tok);
  }
  return out;
}

/** One cell to store: where, the value, what was typed (for a plausibility question). */
export interface Cell {
  ref: FieldRef;
  value: FieldValue;
  typed: string;
}

/**
 * Store the cells of a row (all read already): checked for plausibility in order, each against
 * the figures stored before it; the echo names every cell stored (and `after`, a line after it).
 * `skip`: cells of the row that do not apply after it (not asked). `inFlow` as in Turn.write.
 */
export function storeCells(t: Turn, cells: Cell[], skip: FieldRef[] = [], after?: string, inFlow = true): void {
  if (!canWrite(t)) return;
  const took: string[] = [];
  const refs: FieldRef[] = [];
  const held: { ref: FieldRef; value: number; typed: string }[] = [];
  for (const c of cells) {
    if (typeof c.value === 'number' && !isPlausible(t, c.ref, c.value)) {
      held.push({ ref: c.ref, value: c.value, typed: c.typed });
      continue;
    }
    t.write(c.ref, c.value, inFlow);
    const f = getField(c.ref.key)!;
    const parsed = parseAnswer(f, c.typed, answerContext(f, t.plan().scope(c.ref)));
    took.push(`${f.label} ${parsed.ok ? parsed.display : String(c.value)}`);
    refs.push(c.ref);
  }
  for (const s of skip) {
    const id = `${s.key}@${s.itemId ?? ''}`;
    if (!t.plan().answered(s) && !t.state.skipped.includes(id)) t.state.skipped.push(id);
  }
  if (askHeldBack(t, held, took)) return;
  if (!refs.length) return reask(t);
  afterAnswers(t, [R.stored(took.join('；')) + (after ? `\n${after}` : '')], refs.map((r) => r.key), refs);
}

/** The asked cells of a row in the scope of `ref` (a row's cell may not apply: askIf). */
export function askedCells(t: Turn, row: CellRow, ref: FieldRef): FieldRef[] {
  const plan = t.plan();
  return row.keys.map((key) => (ref.itemId ? { key, itemId: ref.itemId } : { key })).filter((r) => plan.field(r) !== undefined);
}

/** Read `typed` for `ref`; a failure is said naming the cell (n-th of the row) and returns undefined. */
export function readCell(t: Turn, ref: FieldRef, typed: string, n: number): Cell | undefined | null {
  if (DASH.test(typed)) return null;
  const f = getField(ref.key)!;
  const parsed = parseAnswer(f, typed, answerContext(f, t.plan().scope(ref)));
  if (parsed.ok) return { ref, value: parsed.value, typed };
  t.state.failures++;
  t.say(R.cellBad(n, f.label, parsed.message));
  return undefined;
}

function cellRowTurn(t: Turn, row: CellRow, ref: FieldRef, text: string): boolean {
  const typed = cellsOf(text);
  // a row has figures: words with one number (大约 3万, 不知道 以后再说) are the cell's own answer
  if (typed.filter((x) => /\d/.test(x) || DASH.test(x)).length < 2) return false;
  const all = askedCells(t, row, ref);
  const at = all.findIndex((r) => r.key === ref.key);
  const rest = all.slice(Math.max(at, 0));
  const refs = typed.length === all.length ? all : typed.length === rest.length ? rest : undefined;
  if (!refs) {
    t.state.failures++;
    t.say(R.cellCount(all.length, all.map((r) => getField(r.key)!.label).join(' '), typed.length));
    return true;
  }
  const cells: Cell[] = [];
  for (const [i, r] of refs.entries()) {
    const c = readCell(t, r, typed[i]!, all.indexOf(r) + 1);
    if (c === undefined) return true;
    if (c) cells.push(c);
  }
  storeCells(t, cells);
  return true;
}

/** 资金来源: `全部当年财政拨款`, or three columns of three cells separated by `/`. */
function splitTurn(t: Turn, ref: FieldRef, text: string): boolean {
  const itemId = ref.itemId!;
  const at = (key: string): FieldRef => ({ key, itemId });
  const scope = t.plan().scope(ref) ?? {};
  const yes: Cell = { ref: at('special.fundSplit'), value: true, typed: '是' };
  if (ALL_CURRENT.includes(squash(text))) {
    const cells = [yes];
    for (const col of SPLIT_COLUMNS) {
      const total = num(scope, `special.${col}`);
      if (total === undefined) continue;
      SPLIT_PARTS.forEach((p, i) => cells.push({ ref: at(splitKey(col, p)), value: i === 0 ? total : 0, typed: String(i === 0 ? total : 0) }));
    }
    storeCells(t, cells);
    return true;
  }
  if (!text.includes('/')) return false;
  const columns = text.split('/');
  if (columns.length !== SPLIT_COLUMNS.length) {
    t.state.failures++;
    t.say(R.splitCount(columns.length));
    return true;
  }
  const cells: Cell[] = [yes];
  for (const [c, colText] of columns.entries()) {
    const typed = cellsOf(colText);
    const col = SPLIT_COLUMNS[c]!;
    if (typed.length !== SPLIT_PARTS.length) {
      t.state.failures++;
      t.say(R.splitColumnCount(getField(`special.${col}`)!.label, typed.length));
      return true;
    }
    for (const [i, p] of SPLIT_PARTS.entries()) {
      const cell = readCell(t, at(splitKey(col, p)), typed[i]!, c * SPLIT_PARTS.length + i + 1);
      if (cell === undefined) return true;
      if (cell) cells.push(cell);
    }
  }
  storeCells(t, cells);
  return true;
}

/**
 * A row answer to the pending question, if the message is one; returns whether it was handled.
 * A message that begins with a field's name is a fast entry (年初预算数 330 全年预算数 365), not a row.
 */
export function rowTurn(t: Turn, text: string): boolean {
  const step = t.state.step;
  if (step.kind !== 'field') return false;
  const row = rowOf(step.ref);
  if (!row || parseScopedEntry(text, step.ref)?.startsWithLabel) return false;
  if (row.kind === 'cells') return cellRowTurn(t, row, step.ref, text);
  if (row.kind === 'split') return splitTurn(t, step.ref, text);
  return indicatorRowTurn(t, row.group, step.ref, text);
}

/** The line shown with a question that is part of a row with more than one open cell. */
export function rowHint(t: Turn, ref: FieldRef): string | undefined {
  const plan = t.plan();
  // a correction (修改 公务接待, 修改 项目2 指标1) may give the whole row again
  const editing = t.state.step.kind === 'field' && t.state.step.edit === true;
  if (plan.answered(ref) && !editing) return undefined;
  const row = rowOf(ref);
  if (!row) return undefined;
  if (row.kind === 'split') return ref.key === 'special.fundSplit' || ref.key === splitKey('budgetInitial', 'current') ? R.hintSplit : undefined;
  if (row.kind === 'indicator') {
    const name = `${row.group}.name`;
    if (plan.answered({ key: name, itemId: ref.itemId! }) && !editing) return undefined;
    return row.group === 'target' ? R.hintIndicator(R.exampleTarget, R.exampleTargetQualitative) : R.hintIndicator(R.exampleIndicator, R.exampleIndicatorQualitative);
  }
  const cells = askedCells(t, row, ref);
  const open = cells.filter((r) => !plan.answered(r));
  if (open.length < 2 && !(editing && cells.length >= 2)) return undefined;
  return R.hintCells(row.label, row.columns.filter((_, i) => cells.some((c) => c.key === row.keys[i])).join(' '), row.unit, exampleOf(cells.length));
}
