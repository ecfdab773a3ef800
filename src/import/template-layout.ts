import { rz } from '../messages/report-zh.js';
import { FIELDS, TOP_FIELDS } from '../report/catalogue.js';
import type { Period, SectionId } from '../report/fields.js';

/**
 * The layout of our XLSX template, shared by the writer and the reader so that every cell maps
 * to exactly one field and nothing depends on label guessing. Each data sheet has a hidden first
 * column holding the row's key and a hidden first row holding each column's ordinal (c1 = the
 * label column B, c2 = C, …): the reader finds a cell by (row key, column ordinal), so rows or
 * columns a user inserts or moves do not shift the mapping.
 *
 * Row keys:
 *   f:<key>              a top-level field, value in c2
 *   staff                编制数 c2, 实有人数 c3
 *   ctl:<base>           an attachment-1 row: 上年决算 c2, 本年预算 c3, 本年决算 c4 (controlKey)
 *   sp:<i>:f:<key>       a field of 专项 i, value in c2
 *   sp:<i>:funds         年度资金总额: 年初 c2, 全年 c3, 执行 c4
 *   sp:<i>:funds.<part>  其中 当年财政拨款 / 上年结转资金 / 其他资金, same columns
 *   sp:<i>:ind:<j>       indicator row j of 专项 i: IND_COLUMNS
 *   tg:<j>               annual target j: TARGET_COLUMNS
 */

export const TEMPLATE_MARKER = 'jixiao-template:1';

export const CONTROL_ROWS: [base: string, label: string][] = [
  ['sanGong.total', rz.a1.sanGong],
  ['sanGong.car', rz.a1.car],
  ['sanGong.carPurchase', rz.a1.carPurchase],
  ['sanGong.carRunning', rz.a1.carRunning],
  ['sanGong.abroad', rz.a1.abroad],
  ['sanGong.reception', rz.a1.reception],
  ['spend.project', rz.a1.project],
  ['spend.business', rz.a1.business],
  ['basic.public', rz.a1.public],
  ['public.office', rz.a1.office],
  ['public.utilitiesTravel', rz.a1.utilities],
  ['public.meetingTraining', rz.a1.meeting],
  ['procurement', rz.a1.procurement],
  ['basicAdjust', rz.a1.basicAdjust],
];
export const CONTROL_PERIODS: Period[] = ['prior', 'budget', 'actual'];

/** Top-level fields on the 基础数据表 sheet besides its table rows, in order. */
export const CONTROL_SHEET_FIELDS = [
  'building.has',
  'building.approvedArea',
  'building.actualArea',
  'building.budgetInvest',
  'building.actualInvest',
  'saving.measures',
];
export const BUDGET_FIELDS = [
  'budget.initial',
  'budget.full',
  'budget.executed',
  'basic.total',
  'basic.personnel',
  'budget.carryoverPrior',
  'budget.yearEndBalance',
  'budget.adjustment',
  'budget.keyProjects',
];

export const SPECIAL_FIELDS = [
  'special.name',
  'special.source',
  'special.department',
  'special.implementer',
  'special.priorFinal',
  'special.fundSplit',
  'special.goalPlanned',
  'special.goalActual',
];
export const FUND_COLUMNS = ['budgetInitial', 'budgetFull', 'executed'] as const;
export const FUND_PARTS: [part: string, label: string][] = [
  ['current', rz.a3.fundRows[1]!],
  ['carryover', '其中：上年结转资金'],
  ['other', '其中：其他资金'],
];
/** Indicator rows of a 专项, from c1 (column B). */
export const IND_COLUMNS = ['level1', 'level2', 'name', 'direction', 'measureUnit', 'target', 'actual', 'weight', 'level', 'deviation'].map((f) => `specialIndicator.${f}`);
/** Annual targets, from c1 (column B). */
export const TARGET_COLUMNS = ['category', 'name', 'direction', 'measureUnit', 'target', 'actual', 'level', 'levelPercent'].map((f) => `target.${f}`);

/** Fields of the 年度绩效目标 sheet below the target rows. */
export const TARGET_SHEET_FIELDS = TOP_FIELDS.filter((f) => f.section === 'targets').map((f) => f.key);

const placed = new Set(['unit.year', 'unit.name', 'staff.authorized', 'staff.actual', ...CONTROL_SHEET_FIELDS, ...BUDGET_FIELDS, ...TARGET_SHEET_FIELDS]);
const controlKeys = new Set(FIELDS.filter((f) => f.table).map((f) => f.key));

/** The 其他数据 sheet: every other top-level field, by section. */
export const OTHER_FIELDS: { section: SectionId; keys: string[] }[] = (() => {
  const out: { section: SectionId; keys: string[] }[] = [];
  for (const f of TOP_FIELDS) {
    if (placed.has(f.key) || controlKeys.has(f.key) || f.key === 'basic.public' || f.key === 'spend.project') continue;
    const last = out[out.length - 1];
    if (last?.section === f.section) last.keys.push(f.key);
    else out.push({ section: f.section, keys: [f.key] });
  }
  return out;
})();

/** How many blank 专项 blocks, indicator rows and targets the template offers beyond those known. */
export const SPARE = { specials: 2, minSpecials: 3, indicators: 3, minIndicators: 10, targets: 10, minTargets: 15 };
