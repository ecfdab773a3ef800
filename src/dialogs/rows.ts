import { FIELDS, getField, periodLabel } from '../report/catalogue.js';
import type { FieldDef } from '../report/fields.js';
import type { FieldRef } from './types.js';

/**
 * The rows of figures of the report (issue 26 item 1): cells of one scope that the report prints
 * side by side, so one message can answer them all. The shapes, not the answering: that is in
 * row-answer.ts (cells and the funding split) and indicator-row.ts (an indicator or target).
 */

export interface CellRow {
  kind: 'cells';
  /** The row's name in the hint: 「公务接待」. */
  label: string;
  /** Field keys in the order the row is typed (the order of the printed columns). */
  keys: readonly string[];
  /** Column names, as typed in the hint. */
  columns: readonly string[];
  unit: string;
}

/** A project's 资金来源: 年初/全年/执行 × 当年财政拨款/上年结转资金/其他资金, with its yes/no question. */
export const SPLIT_COLUMNS = ['budgetInitial', 'budgetFull', 'executed'] as const;
export const SPLIT_PARTS = ['current', 'carryover', 'other'] as const;
export const splitKey = (col: string, part: string) => `special.${col}.${part}`;
const SPLIT_KEYS = new Set(['special.fundSplit', ...SPLIT_COLUMNS.flatMap((c) => SPLIT_PARTS.map((p) => splitKey(c, p)))]);

export type RowKind = CellRow | { kind: 'split' } | { kind: 'indicator'; group: 'specialIndicator' | 'target' };

const bare = (label: string) => label.replace(/（[^（）]*）$/, '');

function row(label: string, keys: string[], columns?: string[]): CellRow {
  const fields = keys.map((k) => getField(k)!);
  return { kind: 'cells', label, keys, columns: columns ?? fields.map((f) => f.label), unit: fields[0]!.unit };
}

/** Attachment 1: the cells of each 经费控制情况 row the row asks itself (a 本年决算数 asked in 二 is not one of them). */
function controlRows(): CellRow[] {
  const byRow = new Map<string, FieldDef[]>();
  for (const f of FIELDS) {
    if (f.section !== 'control' || !f.table) continue;
    const list = byRow.get(f.table.row) ?? [];
    list.push(f);
    byRow.set(f.table.row, list);
  }
  return [...byRow.entries()].filter(([, fs]) => fs.length >= 2).map(([name, fs]) => row(name, fs.map((f) => f.key), fs.map((f) => periodLabel(f.table!.period))));
}

export const CELL_ROWS: readonly CellRow[] = [
  row('预算执行', ['budget.initial', 'budget.full', 'budget.executed']),
  row('项目资金', ['special.budgetInitial', 'special.budgetFull', 'special.executed']),
  ...(['govFund', 'stateCapital', 'socialInsurance'] as const).map((base) => {
    const keys = [`${base}.budget`, `${base}.executed`];
    return row(bare(getField(`${base}.has`)!.label), keys);
  }),
  ...controlRows(),
];

const CELL_ROW_OF = new Map<string, CellRow>(CELL_ROWS.flatMap((r) => r.keys.map((k) => [k, r] as const)));

/** The row a question belongs to, if it is part of one. */
export function rowOf(ref: FieldRef): RowKind | undefined {
  const cells = CELL_ROW_OF.get(ref.key);
  if (cells) return cells;
  if (SPLIT_KEYS.has(ref.key)) return { kind: 'split' };
  const group = getField(ref.key)?.group;
  if (ref.itemId && (group === 'specialIndicator' || group === 'target')) return { kind: 'indicator', group };
  return undefined;
}

/** Example figures for a row of `n` cells. */
export function exampleOf(n: number): string {
  return ['1.84', '1.49', '1.49', '1.20'].slice(0, n).join(' ');
}
