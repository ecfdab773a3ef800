import { getField } from './catalogue.js';

/**
 * Yes/no questions asked together as one list (issue 26 item 2): the checklist items of one
 * 二级指标 of the reference rule set. The keys are ordinary boolean fields (stored, scored,
 * corrected one by one as before); only the asking groups them.
 */
export interface Checklist {
  id: string;
  /** Shown as the question's title: 「预算管理：以下各项是否属实？」. */
  title: string;
  keys: readonly string[];
}

export const CHECKLISTS: readonly Checklist[] = [
  {
    id: 'budgetMgmt',
    title: '预算管理',
    keys: [
      'mgmt.rules.exist',
      'mgmt.rules.compliant',
      'mgmt.rules.enforced',
      'disclosure.budget',
      'disclosure.final',
      'disclosure.performance',
      'info.true',
      'info.complete',
      'info.accurate',
    ],
  },
  {
    id: 'assetMgmt',
    title: '资产管理',
    keys: [
      'asset.rules.exist',
      'asset.rules.compliant',
      'asset.rules.enforced',
      'asset.safe.intact',
      'asset.safe.reasonable',
      'asset.safe.disposal',
      'asset.safe.reconciled',
    ],
  },
];

const listOfKey = new Map<string, Checklist>();
for (const list of CHECKLISTS) {
  for (const key of list.keys) {
    const f = getField(key);
    if (!f || f.kind !== 'boolean' || f.group) throw new Error(`checklist ${list.id}: ${key} is not a top-level yes/no field`);
    listOfKey.set(key, list);
  }
}

/** The checklist a field is an item of. */
export function checklistOf(key: string): Checklist | undefined {
  return listOfKey.get(key);
}
