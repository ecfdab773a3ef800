import { DIRECTIONS, FIELDS, TARGET_CATEGORIES } from '../../src/report/catalogue.js';
import type { FieldDef, GroupId } from '../../src/report/fields.js';
import type { FieldValue, GroupItem, ReportModel } from '../../src/report/model.js';

/** How large a generated report is: item counts per group and the length of every text. */
export interface Shape {
  special: number;
  specialIndicator: number;
  target: number;
  manualScore: number;
  /** Characters (code points) of every `text` answer and of every `longtext` answer. */
  textChars: number;
  longChars: number;
  /** Lines of every `text` and `longtext` answer (the characters are split evenly). */
  textLines: number;
  longLines: number;
  /** Items with no answers (what 添加项目 leaves): every required field is listed under 十. */
  empty?: boolean;
}

/**
 * `chars` code points of deterministic CJK text in `lines` lines: the newlines count as
 * characters, as the dialogs count them. Varied characters, so the zip compresses them as it
 * would real text.
 */
function cjk(chars: number, lines: number, seed: number): string {
  const n = Math.max(1, Math.min(lines, Math.ceil(chars / 2)));
  const letters = chars - (n - 1);
  let x = seed;
  const units: number[] = [];
  for (let i = 0; i < letters; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    units.push(0x4e00 + ((x >>> 8) % 20_000));
  }
  const out: string[] = [];
  for (let k = 0; k < n; k++) out.push(String.fromCharCode(...units.slice(Math.floor((k * letters) / n), Math.floor(((k + 1) * letters) / n))));
  return out.join('\n');
}

let seq = 0;

/** A value for every field: the answer that makes the most other fields apply and prints most. */
function valueOf(f: FieldDef, shape: Shape, i: number): FieldValue {
  switch (f.kind) {
    case 'text':
      return cjk(shape.textChars, shape.textLines, ++seq);
    case 'longtext':
      return cjk(shape.longChars, shape.longLines, ++seq);
    case 'boolean':
      return true; // 有 / 是: the fields that depend on it are asked
    case 'choice':
      if (f.key.endsWith('.direction')) return DIRECTIONS[0]; // ≥: unit, target and actual
      if (f.key === 'target.category') return TARGET_CATEGORIES[i % TARGET_CATEGORIES.length]!;
      if (f.key === 'special.source') return f.choices![i % 2]!;
      return f.choices![i % f.choices!.length]!;
    case 'integer':
      return f.key === 'unit.year' ? 2024 : Math.min(f.max ?? 100, 100 + i);
    case 'percent':
      return 95;
    case 'money':
      return 1234.56 + i;
    case 'number':
      if (f.key.endsWith('.weight')) return 3;
      if (f.key.endsWith('.actual')) return 87.5; // below the target: points are lost and said why
      return f.key.endsWith('.score') ? 1 : 100;
    case 'area':
      return 1000;
  }
}

function valuesOf(group: GroupId | undefined, shape: Shape, i = 0): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const f of FIELDS) if (f.group === group) values[f.key] = valueOf(f, shape, i);
  return values;
}

/** A report with every group holding `shape`'s items and every field answered at `shape`'s lengths. */
export function reportOfShape(shape: Shape): ReportModel {
  seq = 0;
  const item = (group: GroupId, i: number, id: string, children: GroupItem['children'] = {}): GroupItem => ({ id, values: shape.empty ? {} : valuesOf(group, shape, i), children });
  return {
    ruleSetId: 'yueyang-reference',
    values: valuesOf(undefined, shape),
    groups: {
      special: Array.from({ length: shape.special }, (_, p) =>
        item('special', p, `s${p}`, {
          specialIndicator: Array.from({ length: shape.specialIndicator }, (_, j) => item('specialIndicator', j, `s${p}i${j}`)),
        }),
      ),
      target: Array.from({ length: shape.target }, (_, t) => item('target', t, `t${t}`)),
      manualScore: Array.from({ length: shape.manualScore }, (_, m) => item('manualScore', m, `m${m}`)),
    },
  };
}
