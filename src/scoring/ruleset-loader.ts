import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { zh } from '../messages/zh.js';
import { FIELDS, hasField } from '../report/catalogue.js';
import { plain } from '../report/format.js';
import {
  Indicator,
  Level1,
  Level2,
  RULE_TYPES,
  RuleSetHeader,
  type IndicatorSpec,
  type Level1Spec,
  type RuleSet,
  type RuleSpec,
} from './ruleset-schema.js';
import { closestKey, describeIssues, zodChinese, type Problem } from './schema-issues.js';
import { parseSource, SourceSyntaxError, type Locator } from './source-doc.js';

const EPS = 1e-6;
const M = zh.ruleSet;

/** Folder of the rule sets shipped with the product. */
export const RULESET_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../rulesets');

function fieldRefs(rule: RuleSpec): string[] {
  const refs: string[] = [];
  const input = 'input' in rule ? rule.input : undefined;
  if (input?.kind === 'ratio') refs.push(...input.numerator, ...input.denominator);
  if (input?.kind === 'change') refs.push(input.current, input.previous);
  if (input?.kind === 'value') refs.push(input.field);
  if ('field' in rule) refs.push(rule.field);
  if (rule.type === 'categorical') rule.cases.forEach((c) => c.field && refs.push(c.field));
  if (rule.type === 'checklist') refs.push(...rule.items.map((i) => i.field));
  if (rule.type === 'qualitative' && rule.percentField) refs.push(rule.percentField);
  if (rule.type === 'targets' && rule.fallback) refs.push(...fieldRefs(rule.fallback));
  return refs;
}

/** Semantic problems of one indicator that the schema cannot see. */
function indicatorProblems(ind: IndicatorSpec): string[] {
  const out: string[] = [];
  const rule = ind.rule;
  for (const key of fieldRefs(rule)) {
    if (hasField(key)) continue;
    const meant = closestKey(key, FIELDS.map((f) => f.key));
    out.push(M.unknownField(key) + (meant ? zh.strict.didYouMean(meant) : ''));
  }
  const inputs = [rule, rule.type === 'targets' ? rule.fallback : undefined];
  for (const r of inputs) {
    if (r && 'input' in r && r.input.kind !== 'value' && !r.zeroDenominator) out.push(M.needsZeroDenominator());
  }
  if (rule.type === 'checklist') {
    const sum = rule.items.reduce((s, i) => s + i.points, 0);
    if (Math.abs(sum - ind.weight) > EPS) out.push(M.checklistSum(plain(sum), plain(ind.weight)));
  }
  const over = (what: string, p: number | 'full' | undefined) => {
    if (typeof p === 'number' && p > ind.weight + EPS) out.push(M.pointsOverWeight(what, plain(p), plain(ind.weight)));
  };
  if (rule.type === 'bands') {
    rule.bands.forEach((b, i) => over(`第 ${i + 1} 档`, b.points));
    over('otherwise', rule.otherwise);
  }
  if (rule.type === 'categorical') {
    rule.cases.forEach((c) => over(c.label, c.points));
    over(rule.otherwise.label, rule.otherwise.points);
  }
  if ('zeroDenominator' in rule && rule.zeroDenominator) {
    over('zeroDenominator', rule.zeroDenominator.points);
    over('ifNumeratorZero', rule.zeroDenominator.ifNumeratorZero?.points);
  }
  return out;
}

function rawName(raw: unknown, fallback: string): { name: string; id: string } {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    name: typeof r.name === 'string' ? r.name : fallback,
    id: typeof r.id === 'string' ? r.id : '无编号',
  };
}

type Path = readonly PropertyKey[];

/**
 * Validate a parsed rule-set document. Every problem is collected (not just the first) and
 * named by indicator and, when `locator` knows the file, by line and column, so a bureau
 * fixing its file sees the whole list at once.
 */
export function validateRuleSet(raw: unknown, source = '规则集', locator?: Locator): RuleSet {
  const at = (path: Path, text: string, key?: string) => (locator ? zh.strict.located(locator.describe(path, key), text) : text);
  const issues = (error: z.ZodError, value: unknown, schema: unknown, base: Path, wrap: (t: string) => string) =>
    describeIssues(error, value, schema).map((p: Problem) => at([...base, ...p.path], wrap(p.text), p.key));

  const header = RuleSetHeader.safeParse(raw, zodChinese);
  const id = rawName(raw, source).id;
  // A bad header does not hide the tree's problems: the tree is still checked when it is a list.
  const problems: string[] = header.success ? [] : issues(header.error, raw, RuleSetHeader, [], (t) => t);
  const rawTree = header.success ? header.data.tree : (raw as { tree?: unknown } | null)?.tree;
  const seenIds = new Set<string>();
  const tree: Level1Spec[] = [];

  (Array.isArray(rawTree) ? rawTree : []).forEach((l1raw, i) => {
    const p1 = ['tree', i];
    const l1 = Level1.safeParse(l1raw, zodChinese);
    if (!l1.success) {
      problems.push(...issues(l1.error, l1raw, Level1, p1, (t) => M.top(`tree.${i}（${rawName(l1raw, '一级指标').name}）`, t)));
      return;
    }
    const node: Level1Spec = { name: l1.data.name, weight: l1.data.weight, children: [] };
    l1.data.children.forEach((l2raw, j) => {
      const p2 = [...p1, 'children', j];
      const l2 = Level2.safeParse(l2raw, zodChinese);
      if (!l2.success) {
        problems.push(...issues(l2.error, l2raw, Level2, p2, (t) => M.top(`${node.name} › ${rawName(l2raw, `第 ${j + 1} 个二级指标`).name}`, t)));
        return;
      }
      const child = { name: l2.data.name, weight: l2.data.weight, indicators: [] as IndicatorSpec[] };
      l2.data.indicators.forEach((indRaw, k) => {
        const p3 = [...p2, 'indicators', k];
        const { name, id: indId } = rawName(indRaw, `${child.name}第 ${k + 1} 个指标`);
        const wrap = (t: string) => M.indicator(name, indId, t);
        const ruleType = (indRaw as { rule?: { type?: unknown } } | null)?.rule?.type;
        if (typeof ruleType === 'string' && !(RULE_TYPES as readonly string[]).includes(ruleType)) {
          problems.push(at([...p3, 'rule', 'type'], wrap(M.unknownRuleType(ruleType, [...RULE_TYPES]))));
          return;
        }
        const ind = Indicator.safeParse(indRaw, zodChinese);
        if (!ind.success) {
          problems.push(...issues(ind.error, indRaw, Indicator, p3, wrap));
          return;
        }
        if (seenIds.has(ind.data.id)) problems.push(at([...p3, 'id'], wrap(M.duplicateId())));
        seenIds.add(ind.data.id);
        indicatorProblems(ind.data).forEach((p) => problems.push(at([...p3, 'rule'], wrap(p))));
        child.indicators.push(ind.data);
      });
      const sum = child.indicators.reduce((s, x) => s + x.weight, 0);
      if (child.indicators.length === l2.data.indicators.length && Math.abs(sum - child.weight) > EPS) {
        problems.push(at([...p2, 'weight'], M.nodeSum(child.name, plain(sum), plain(child.weight))));
      }
      node.children.push(child);
    });
    const sum = node.children.reduce((s, x) => s + x.weight, 0);
    if (node.children.length === l1.data.children.length && Math.abs(sum - node.weight) > EPS) {
      problems.push(at([...p1, 'weight'], M.nodeSum(node.name, plain(sum), plain(node.weight))));
    }
    tree.push(node);
  });

  if (!header.success) throw new AppError('RULESET_INVALID', M.invalid(id, problems), problems);
  const total = tree.reduce((s, x) => s + x.weight, 0);
  if (tree.length === header.data.tree.length && Math.abs(total - 100) > EPS) problems.push(at(['tree'], M.totalSum(plain(total))));
  const p = header.data.projects;
  const projectSum = p.executionWeight + p.groups.reduce((s, g) => s + g.weight, 0);
  if (Math.abs(projectSum - 100) > EPS) problems.push(at(['projects'], M.projectSum(plain(projectSum))));
  const g = header.data.grades;
  if (g.some((x, i) => i > 0 && x.min >= g[i - 1]!.min) || g[g.length - 1]!.min !== 0) problems.push(at(['grades'], M.gradesOrder()));

  if (problems.length) throw new AppError('RULESET_INVALID', M.invalid(header.data.id, problems), problems);
  return { ...header.data, tree };
}

export function loadRuleSetFile(file: string): RuleSet {
  let doc;
  try {
    doc = parseSource(file, readFileSync(file, 'utf8'));
  } catch (e) {
    const why = e instanceof SourceSyntaxError ? e.message : (e as Error).message;
    throw new AppError('RULESET_UNREADABLE', M.unreadable(file, why));
  }
  return validateRuleSet(doc.data, file, doc.locator);
}

const cache = new Map<string, RuleSet>();

/** Rule sets shipped in `rulesets/`, by id (file name without extension). */
export function loadRuleSet(id: string, dir = RULESET_DIR): RuleSet {
  const key = `${dir}\u0000${id}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/i.test(f));
  const file = files.find((f) => f.replace(/\.(ya?ml|json)$/i, '') === id);
  if (!file) throw new AppError('RULESET_NOT_FOUND', M.notFound(id, files.map((f) => f.replace(/\.(ya?ml|json)$/i, ''))));
  const rs = loadRuleSetFile(join(dir, file));
  if (rs.id !== id) throw new AppError('RULESET_INVALID', M.invalid(id, [M.top('id', `文件名为 ${id}，但 id 为 ${rs.id}`)]));
  cache.set(key, rs);
  return rs;
}
