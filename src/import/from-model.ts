import { GROUPS } from '../report/catalogue.js';
import type { GroupId } from '../report/fields.js';
import { str, type FieldValue, type GroupItem, type ReportModel } from '../report/model.js';
import type { ImportedItem, ImportedValue, ImportProposal } from './types.js';

/**
 * A unit's report of an earlier year, already in the database, as a proposal (issue 24 §5): the
 * same proposal a DOCX of that report would give, so opening a new year offers its unchanged
 * facts and texts through the same confirm flow (toReportYear decides what carries over).
 */
export function proposalFromModel(model: ReportModel, year: number): ImportProposal {
  const source = `数据库中 ${year} 年度报告`;
  const values = valuesOf(model.values, source);
  const items: ImportedItem[] = [];
  for (const g of GROUPS.filter((x) => !x.parent)) {
    (model.groups[g.id] ?? []).forEach((item, i) => items.push(itemOf(item, g.id, `${source} ${g.label}${i + 1}`)));
  }
  const unitName = str(model.values, 'unit.name');
  return { kind: 'report', fileName: `${year} 年度报告`, year, ...(unitName ? { unitName } : {}), values, items, unplaced: [] };
}

function valuesOf(values: Record<string, FieldValue>, source: string): ImportedValue[] {
  return Object.entries(values).map(([key, value]) => ({ key, value, source }));
}

function itemOf(item: GroupItem, group: GroupId, source: string): ImportedItem {
  const children: ImportedItem[] = [];
  for (const g of GROUPS.filter((x) => x.parent === group)) {
    (item.children[g.id] ?? []).forEach((row, j) => children.push(itemOf(row, g.id, `${source} ${g.label}${j + 1}`)));
  }
  return { group, values: valuesOf(item.values, source), children, source };
}
