import { Plan } from '../../src/dialogs/plan.js';
import { rowOf, SPLIT_COLUMNS, SPLIT_PARTS, splitKey } from '../../src/dialogs/rows.js';
import type { FieldRef } from '../../src/dialogs/types.js';
import type { FieldValue, ReportModel } from '../../src/report/model.js';

/**
 * What a person with the seed in hand types for a whole row (issue 26 item 1), when the pending
 * question is part of one; undefined when it is not (or only one cell is left): the walker then
 * answers the cell. `cell` types one cell as the cell-by-cell walker would.
 */
export function rowText(model: ReportModel, fixture: Record<string, FieldValue>, ref: FieldRef, cell: (key: string, value: FieldValue) => string): string | undefined {
  const row = rowOf(ref);
  if (!row) return undefined;
  const plan = new Plan(model);
  if (row.kind === 'cells') {
    const asked = row.keys.map((key) => (ref.itemId ? { key, itemId: ref.itemId } : { key })).filter((r) => plan.field(r));
    const rest = asked.slice(Math.max(0, asked.findIndex((r) => r.key === ref.key)));
    if (rest.length < 2 || rest.every((r) => fixture[r.key] === undefined)) return undefined;
    return rest.map((r) => (fixture[r.key] === undefined ? '-' : cell(r.key, fixture[r.key]!))).join(' ');
  }
  if (row.kind === 'split') {
    if (ref.key !== 'special.fundSplit' || fixture['special.fundSplit'] !== true) return undefined;
    return SPLIT_COLUMNS.map((c) => SPLIT_PARTS.map((p) => (fixture[splitKey(c, p)] === undefined ? '-' : String(fixture[splitKey(c, p)]))).join(' ')).join(' / ');
  }
  if (plan.answered({ key: `${row.group}.name`, itemId: ref.itemId! })) return undefined;
  return indicatorRowText(row.group, fixture);
}

/** An indicator or target of the fixture as one row (also the answer to 「还有…吗？」). */
export function indicatorRowText(g: 'specialIndicator' | 'target', fixture: Record<string, FieldValue>): string {
  const v = (k: string) => fixture[`${g}.${k}`];
  const head = g === 'target' ? v('category') : v('level2');
  const body =
    v('direction') === '定性'
      ? `${v('name')} 定性 ${v('level')}${v('levelPercent') !== undefined ? ` ${v('levelPercent')}%` : ''}`
      : `${v('name')} ${v('direction')} ${v('target')} ${v('measureUnit')} 实际 ${v('actual')}`;
  const weight = g === 'specialIndicator' && v('weight') !== undefined ? ` 分值 ${v('weight')}` : '';
  return `${head} ${body}${weight}`;
}
