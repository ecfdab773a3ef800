import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { zh } from '../messages/zh.js';
import { closestKey, describeIssues, zodChinese } from '../scoring/schema-issues.js';
import { parseSource, SourceSyntaxError, type Locator } from '../scoring/source-doc.js';
import { getField, getGroup, GROUPS, TOP_FIELDS } from './catalogue.js';
import type { FieldDef, GroupId } from './fields.js';
import { plain } from './format.js';
import type { FieldValue, GroupItem, ReportModel } from './model.js';

/**
 * A dataset file is a whole report in YAML or JSON (the seed fixture, an import, a test case):
 *
 *   ruleSet: yueyang-reference
 *   values: { unit.name: …, staff.authorized: 11, … }        # top-level fields by key
 *   groups:
 *     special: [ { id: s1, name: …, specialIndicator: [ { name: …, … } ] } ]   # local names
 *     target:  [ { category: 数量, name: …, … } ]
 *   assumptions: [ { key: budget.initial, note: … } ]        # figures the source did not state
 *
 * Every value is checked against the catalogue; all problems are reported at once, by label.
 * The top level is strict (`value:` for `values:` is an error naming the key meant).
 */

const M = zh.dataset;

const Assumption = z.strictObject({ key: z.string(), note: z.string() });
const DatasetShape = z.strictObject({
  ruleSet: z.string().min(1),
  values: z.record(z.string(), z.unknown()).default({}),
  groups: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).default({}),
  assumptions: z.array(Assumption).default([]),
});

export interface Dataset {
  model: ReportModel;
  assumptions: { key: string; note: string }[];
}

const describe = (v: unknown): string => {
  if (v === null) return '空值';
  if (typeof v === 'string') return `「${v.length > 40 ? `${v.slice(0, 40)}…` : v}」`;
  if (typeof v === 'object') return Array.isArray(v) ? '列表' : '对象';
  return String(v);
};

/** Check one raw value against its field; returns the value to store or a Chinese problem. */
export function checkValue(field: FieldDef, raw: unknown, where = ''): { ok: true; value: FieldValue } | { ok: false; problem: string } {
  const wrong = () => ({ ok: false as const, problem: M.wrongKind(field.label, where, M.kindNames[field.kind] ?? field.kind, describe(raw)) });
  switch (field.kind) {
    case 'money':
    case 'number':
    case 'percent':
    case 'area':
    case 'integer': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return wrong();
      if (field.kind === 'integer' && !Number.isInteger(raw)) return wrong();
      if ((field.min !== undefined && raw < field.min) || (field.max !== undefined && raw > field.max)) {
        return { ok: false, problem: M.outOfBounds(field.label, where, plain(raw), plain(field.min ?? -Infinity), plain(field.max ?? Infinity)) };
      }
      return { ok: true, value: raw };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const labels = field.yesNo ?? ['是', '否'];
      if (raw === labels[0]) return { ok: true, value: true };
      if (raw === labels[1]) return { ok: true, value: false };
      return wrong();
    }
    case 'choice': {
      if (typeof raw !== 'string') return wrong();
      if (!field.choices?.includes(raw)) return { ok: false, problem: M.notAChoice(field.label, where, raw, field.choices ?? []) };
      return { ok: true, value: raw };
    }
    default:
      return typeof raw === 'string' ? { ok: true, value: raw } : wrong();
  }
}

/** `parentId`: a nested item's default id is made unique within the whole report by its parent's. */
function readItem(group: GroupId, raw: Record<string, unknown>, index: number, where: string, problems: string[], parentId?: string): GroupItem {
  const own = `${group}-${index + 1}`;
  const item: GroupItem = { id: typeof raw.id === 'string' ? raw.id : parentId ? `${parentId}/${own}` : own, values: {}, children: {} };
  const childGroups = GROUPS.filter((g) => g.parent === group);
  for (const [local, v] of Object.entries(raw)) {
    if (local === 'id') continue;
    const child = childGroups.find((g) => g.id === local);
    if (child) {
      if (!Array.isArray(v)) {
        problems.push(M.notAnObject(`${where}${child.label}`));
        continue;
      }
      item.children[child.id] = v.map((c, j) => {
        const cw = `${where}${child.label}${j + 1}：`;
        if (!c || typeof c !== 'object' || Array.isArray(c)) {
          problems.push(M.notAnObject(cw));
          return { id: `${item.id}/${child.id}-${j + 1}`, values: {}, children: {} };
        }
        return readItem(child.id, c as Record<string, unknown>, j, cw, problems, item.id);
      });
      continue;
    }
    const field = getField(`${group}.${local}`);
    if (!field || field.group !== group) {
      problems.push(M.unknownField(local, where));
      continue;
    }
    if (v === null || v === undefined) continue;
    const r = checkValue(field, v, where);
    if (r.ok) item.values[field.key] = r.value;
    else problems.push(r.problem);
  }
  return item;
}

/** Validate a parsed dataset document into a report model. */
export function parseDataset(raw: unknown, locator?: Locator): Dataset {
  const shape = DatasetShape.safeParse(raw, zodChinese);
  if (!shape.success) {
    const noRuleSet = (raw as { ruleSet?: unknown } | null)?.ruleSet === undefined;
    const problems = describeIssues(shape.error, raw, DatasetShape).map((p) => {
      const text = noRuleSet && p.path.join('.') === 'ruleSet' ? zh.datasetStrict.missingRuleSet : p.text;
      return locator ? zh.strict.located(locator.describe(p.path, p.key), text) : text;
    });
    throw new AppError('DATASET_INVALID', M.invalid(problems), problems);
  }
  const problems: string[] = [];
  const model: ReportModel = { ruleSetId: shape.data.ruleSet, values: {}, groups: {} };
  for (const [key, v] of Object.entries(shape.data.values)) {
    const field = getField(key);
    if (!field || field.group) {
      const where = locator ? `${locator.describe(['values'], key)}：` : '';
      const meant = closestKey(key, TOP_FIELDS.map((f) => f.key));
      problems.push(M.unknownField(key, where) + (meant ? zh.strict.didYouMean(meant) : ''));
      continue;
    }
    if (v === null || v === undefined) continue;
    const r = checkValue(field, v);
    if (r.ok) model.values[key] = r.value;
    else problems.push(r.problem);
  }
  for (const [gid, list] of Object.entries(shape.data.groups)) {
    const g = GROUPS.find((x) => x.id === gid && !x.parent);
    if (!g) {
      problems.push(M.unknownField(gid, 'groups 中'));
      continue;
    }
    model.groups[g.id] = list.map((raw, i) => readItem(g.id, raw, i, `${getGroup(g.id).label}${i + 1}：`, problems));
  }
  // Items are found by id (answers, edits, deletions): two with one id would be one item.
  const seen = new Set<string>();
  const walk = (list: GroupItem[] | undefined) =>
    list?.forEach((item) => {
      if (seen.has(item.id)) problems.push(M.duplicateId(item.id));
      seen.add(item.id);
      Object.values(item.children).forEach(walk);
    });
  Object.values(model.groups).forEach(walk);
  if (problems.length) throw new AppError('DATASET_INVALID', M.invalid(problems), problems);
  return { model, assumptions: shape.data.assumptions };
}

export function loadDatasetFile(file: string): Dataset {
  let doc;
  try {
    doc = parseSource(file, readFileSync(file, 'utf8'));
  } catch (e) {
    if (e instanceof SourceSyntaxError) throw new AppError('DATASET_UNREADABLE', zh.strict.syntaxDataset(e.message));
    throw new AppError('DATASET_UNREADABLE', M.unreadable(file, (e as Error).message));
  }
  return parseDataset(doc.data, doc.locator);
}
