import type { FieldValue, ReportModel } from '../../src/report/model.js';
import type { ImportedItem, ImportProposal } from '../../src/import/types.js';

/** Every value of a model as `path → value`: top-level keys, then 专项 by name with their rows by index, targets by name. */
export function flatModel(m: ReportModel): Map<string, FieldValue> {
  const out = new Map<string, FieldValue>(Object.entries(m.values));
  for (const s of m.groups.special ?? []) {
    const name = String(s.values['special.name']);
    for (const [k, v] of Object.entries(s.values)) out.set(`special[${name}].${k}`, v);
    (s.children.specialIndicator ?? []).forEach((row, j) => {
      for (const [k, v] of Object.entries(row.values)) out.set(`special[${name}].indicator[${j + 1}].${k}`, v);
    });
  }
  for (const t of m.groups.target ?? []) {
    for (const [k, v] of Object.entries(t.values)) out.set(`target[${String(t.values['target.name'])}].${k}`, v);
  }
  return out;
}

/** The same paths for a proposal (专项 and targets by name, indicator rows by position). */
export function flatProposal(p: ImportProposal): Map<string, FieldValue> {
  const out = new Map<string, FieldValue>(p.values.map((v) => [v.key, v.value]));
  const value = (it: ImportedItem, key: string) => it.values.find((v) => v.key === key)?.value;
  for (const it of p.items) {
    if (it.group === 'special') {
      const name = String(value(it, 'special.name'));
      for (const v of it.values) out.set(`special[${name}].${v.key}`, v.value);
      it.children.forEach((row, j) => {
        for (const v of row.values) out.set(`special[${name}].indicator[${j + 1}].${v.key}`, v.value);
      });
    } else if (it.group === 'target') {
      const name = String(value(it, 'target.name'));
      for (const v of it.values) out.set(`target[${name}].${v.key}`, v.value);
    }
  }
  return out;
}

/** Equal as the document prints them: money to the cent, other numbers to 4 decimals. */
export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 0.005;
  return a === b;
}
