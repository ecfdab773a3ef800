import { controlKey, PERIODS } from './catalogue.js';
import type { SectionId } from './fields.js';

/**
 * What a money figure is expected to be, from the figures already given (issue 25): the chat asks
 * once when a figure falls outside, before storing it. These are plausibility bounds for catching
 * a 元 typed for 万元 or a lost decimal point, not consistency checks (checks.ts explains those).
 */

/** The year's budget a figure is compared with: the first of these that is given. */
export const BUDGET_REFERENCE = ['budget.full', 'budget.initial', 'budget.executed'] as const;

/**
 * Figures at the scale of the whole budget: below LOW_SHARE of 全年预算数 is most likely 元 typed
 * as 万元 (0 stays allowed: 没有填 0).
 */
export const BUDGET_SCALE = new Set(['budget.initial', 'budget.full', 'budget.executed', 'basic.total', 'basic.personnel', 'spend.project']);
export const LOW_SHARE = 0.005;

/** The unit's own yearly spending (not its assets, buildings or other budgets): at most HIGH_SHARE × 全年预算数. */
export const SPENDING_SECTIONS: ReadonlySet<SectionId> = new Set(['budget', 'specials', 'control']);
export const HIGH_SHARE = 2;

/** A part is never larger than its total. `top`: the total is a top-level figure of an item's part. */
export interface PartOf {
  part: string;
  total: string;
  top?: boolean;
}

function partsOf(total: string, parts: string[], top = false): PartOf[] {
  return parts.map((part) => ({ part, total, ...(top ? { top } : {}) }));
}

export const PART_OF: readonly PartOf[] = [
  ...partsOf('basic.total', ['basic.personnel', 'basic.public']),
  ...partsOf('budget.executed', ['basic.total', 'spend.project']),
  ...partsOf('spend.project', ['budget.keyProjects']),
  ...partsOf('asset.total', ['asset.inUse']),
  ...PERIODS.flatMap((p) => {
    const c = (base: string) => controlKey(base, p);
    return [
      ...partsOf(c('sanGong.total'), [c('sanGong.car'), c('sanGong.abroad'), c('sanGong.reception')]),
      ...partsOf(c('sanGong.car'), [c('sanGong.carPurchase'), c('sanGong.carRunning')]),
      ...partsOf(c('basic.public'), [c('public.office'), c('public.utilitiesTravel'), c('public.meetingTraining')]),
      ...partsOf(c('spend.project'), [c('spend.business')]),
    ];
  }),
  ...(['budgetInitial', 'budgetFull', 'executed'] as const).flatMap((col) =>
    partsOf(`special.${col}`, ['current', 'carryover', 'other'].map((x) => `special.${col}.${x}`)),
  ),
  // one 专项 against the unit's 项目支出 of the same column
  ...partsOf('spend.project', ['special.executed'], true),
  ...partsOf('spend.project.budget', ['special.budgetFull'], true),
  ...partsOf('spend.project.prior', ['special.priorFinal'], true),
];
