import { controlKey, FIELDS, getField, TOP_FIELDS } from '../report/catalogue.js';
import type { GroupId } from '../report/fields.js';
import type { ImportedItem, ImportedValue, ImportProposal } from './types.js';

/**
 * A report of an earlier year read into the report being filled (issue 24 §2). Its figures are
 * that year's: its 本年决算数 become this year's 上年决算数, the facts a unit rarely changes
 * become proposed values for this year, its own texts become one-tap defaults, and the rest
 * (budgets, spending, indicators' values, checklists) is not proposed at all — last year's
 * spending is not this year's.
 */

/** Facts that rarely change from one year to the next: proposed as this year's values. */
export const FACT_KEYS: ReadonlySet<string> = new Set([
  'unit.name',
  'unit.rank',
  'unit.nature',
  'unit.functions',
  'unit.departmentCount',
  'unit.departments',
  'staff.authorized',
  'staff.type',
]);

/** The unit's own wording (top-level texts that are not facts): offered as 「沿用去年表述」. */
export const TEXT_KEYS: ReadonlySet<string> = new Set(
  TOP_FIELDS.filter((f) => (f.kind === 'text' || f.kind === 'longtext') && !FACT_KEYS.has(f.key)).map((f) => f.key),
);

/**
 * Answers of last year that are not this year's data but are often the same (a checklist item, a
 * has/has-not question, a count, a level): offered as a one-tap 「去年：…」 default, never stored
 * without the user's tap (issue 26 item 4). Money is not among them: last year's spending is not
 * this year's.
 */
export const VALUE_DEFAULT_KEYS: ReadonlySet<string> = new Set(
  TOP_FIELDS.filter((f) => ['boolean', 'choice', 'integer', 'percent'].includes(f.kind) && !FACT_KEYS.has(f.key) && f.key !== 'unit.year').map((f) => f.key),
);

/**
 * Attachment 1: last year's 本年决算数 cell of a row → this year's 上年决算数 cell of the same
 * row (controlKey(base, 'actual') → controlKey(base, 'prior'); 项目支出 and 公用经费 keep their
 * 本年决算数 in the fields section 二 asks, `spend.project` and `basic.public`).
 */
export const ACTUAL_TO_PRIOR: ReadonlyMap<string, string> = new Map(
  FIELDS.filter((f) => f.table?.period === 'prior').map((f) => {
    const base = f.key.slice(0, -'.prior'.length);
    return [controlKey(base, 'actual'), controlKey(base, 'prior')] as const;
  }),
);

/** Per group, the values of an item that stay from one year to the next. */
const ITEM_FACTS: Partial<Record<GroupId, ReadonlySet<string>>> = {
  special: new Set(['special.name', 'special.source', 'special.department', 'special.implementer']),
  specialIndicator: new Set([
    'specialIndicator.level1',
    'specialIndicator.level2',
    'specialIndicator.name',
    'specialIndicator.direction',
    'specialIndicator.measureUnit',
    'specialIndicator.weight',
  ]),
  target: new Set(['target.category', 'target.name', 'target.direction', 'target.measureUnit']),
};

/** A report proposal shifted to the year being filled. */
export interface ShiftedProposal extends ImportProposal {
  /** The year the file's figures are from. */
  from: number;
  /** Top-level texts offered as 「沿用去年表述」 when their question comes (never stored on 确认). */
  textDefaults: ImportedValue[];
  /** Top-level answers offered as 「去年：…」 when their question comes (VALUE_DEFAULT_KEYS; never stored on 确认). */
  valueDefaults?: ImportedValue[];
  /** What was left out and why, said in the summary (not things that could not be placed). */
  notes: string[];
}

export function isShifted(p: ImportProposal): p is ShiftedProposal {
  return 'textDefaults' in p && Array.isArray((p as ShiftedProposal).textDefaults);
}

/**
 * `proposal` as values for the report of `reportYear`. Only a `report` of an earlier year is
 * changed (a report without a year is taken as last year's: the dialogs ask first); templates,
 * sheets and a report of the same year are this year's figures already and come back as they are.
 * Figures move to 上年决算数 only from the year just before: a report two years old still gives
 * its facts and texts, not its figures.
 */
export function toReportYear(proposal: ImportProposal, reportYear: number): ImportProposal {
  if (proposal.kind !== 'report' || isShifted(proposal)) return proposal;
  if (proposal.year !== undefined && proposal.year >= reportYear) return proposal;
  const from = proposal.year ?? reportYear - 1;
  const lastYear = from === reportYear - 1;
  const values: ImportedValue[] = [];
  const textDefaults: ImportedValue[] = [];
  const valueDefaults: ImportedValue[] = [];
  let left = 0;
  for (const v of proposal.values) {
    if (v.key === 'unit.year') continue; // the file's year is `from`: not one of its figures left out
    const prior = ACTUAL_TO_PRIOR.get(v.key);
    if (FACT_KEYS.has(v.key)) values.push(v);
    else if (TEXT_KEYS.has(v.key) && typeof v.value === 'string') textDefaults.push(v);
    else if (prior && lastYear) values.push({ ...v, key: prior });
    else if (getField(v.key)) {
      left++; // not this year's data: still only offered, when its question comes
      if (VALUE_DEFAULT_KEYS.has(v.key)) valueDefaults.push(v);
    }
    else values.push(v); // not a field: the dialogs list it as not placed
  }
  const items: ImportedItem[] = [];
  for (const item of proposal.items) {
    const kept = keepFacts(item, lastYear);
    left += kept.left;
    if (kept.item) items.push(kept.item);
  }
  const notes: string[] = [];
  if (!lastYear) notes.push(`文件是 ${from} 年度的，不是上一年度（${reportYear - 1} 年度）：其中的决算数没有作为上年决算数导入。`);
  if (left > 0) notes.push(`${from} 年度的预算、执行数、指标值和评价等 ${left} 项是当年的数据，不作为 ${reportYear} 年度的数据导入。`);
  const shifted: ShiftedProposal = { ...proposal, values, items, from, textDefaults, valueDefaults, notes };
  return shifted;
}

/** An item with only the values that carry over (a 专项's 全年执行数 becoming its 上年决算数). */
function keepFacts(item: ImportedItem, lastYear: boolean): { item?: ImportedItem; left: number } {
  const facts = ITEM_FACTS[item.group];
  if (!facts) return { left: item.values.length + item.children.reduce((n, c) => n + c.values.length, 0) };
  let left = 0;
  const values: ImportedValue[] = [];
  for (const v of item.values) {
    if (facts.has(v.key)) values.push(v);
    else if (item.group === 'special' && v.key === 'special.executed' && lastYear) values.push({ ...v, key: 'special.priorFinal' });
    else left++;
  }
  const children: ImportedItem[] = [];
  for (const c of item.children) {
    const kept = keepFacts(c, lastYear);
    left += kept.left;
    if (kept.item) children.push(kept.item);
  }
  return values.length || children.length ? { item: { ...item, values, children }, left } : { left };
}
