import { readFileSync, readdirSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { zh } from '../messages/zh.js';
import { hasField } from '../report/catalogue.js';
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

const EPS = 1e-6;
const M = zh.ruleSet;

/** Folder of the rule sets shipped with the product. */
export const RULESET_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../rulesets');

/** Turn zod issues into Chinese lines that name the property. */
function describeIssues(error: z.ZodError, raw: unknown): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    let at: unknown = raw;
    for (const p of issue.path) at = at && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[p as PropertyKey] : undefined;
    return at === undefined && issue.code === 'invalid_type' ? M.missingProp(path) : M.badProp(path || '（根）', issue.message);
  });
}

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
  for (const key of fieldRefs(rule)) if (!hasField(key)) out.push(M.unknownField(key));
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

/**
 * Validate a parsed rule-set document. Every problem is collected (not just the first) and
 * named by indicator, so a bureau fixing its file sees the whole list at once.
 */
export function validateRuleSet(raw: unknown, source = '规则集'): RuleSet {
  const header = RuleSetHeader.safeParse(raw);
  const id = rawName(raw, source).id;
  if (!header.success) {
    throw new AppError('RULESET_INVALID', M.invalid(id, describeIssues(header.error, raw)), describeIssues(header.error, raw));
  }
  const problems: string[] = [];
  const seenIds = new Set<string>();
  const tree: Level1Spec[] = [];

  header.data.tree.forEach((l1raw, i) => {
    const l1 = Level1.safeParse(l1raw);
    if (!l1.success) {
      describeIssues(l1.error, l1raw).forEach((p) => problems.push(M.top(`tree.${i}（${rawName(l1raw, '一级指标').name}）`, p)));
      return;
    }
    const node: Level1Spec = { name: l1.data.name, weight: l1.data.weight, children: [] };
    l1.data.children.forEach((l2raw, j) => {
      const l2 = Level2.safeParse(l2raw);
      if (!l2.success) {
        describeIssues(l2.error, l2raw).forEach((p) =>
          problems.push(M.top(`${node.name} › ${rawName(l2raw, `第 ${j + 1} 个二级指标`).name}`, p)),
        );
        return;
      }
      const child = { name: l2.data.name, weight: l2.data.weight, indicators: [] as IndicatorSpec[] };
      l2.data.indicators.forEach((indRaw, k) => {
        const { name, id: indId } = rawName(indRaw, `${child.name}第 ${k + 1} 个指标`);
        const ruleType = (indRaw as { rule?: { type?: unknown } } | null)?.rule?.type;
        if (typeof ruleType === 'string' && !(RULE_TYPES as readonly string[]).includes(ruleType)) {
          problems.push(M.indicator(name, indId, M.unknownRuleType(ruleType, [...RULE_TYPES])));
          return;
        }
        const ind = Indicator.safeParse(indRaw);
        if (!ind.success) {
          describeIssues(ind.error, indRaw).forEach((p) => problems.push(M.indicator(name, indId, p)));
          return;
        }
        if (seenIds.has(ind.data.id)) problems.push(M.indicator(name, indId, M.duplicateId()));
        seenIds.add(ind.data.id);
        indicatorProblems(ind.data).forEach((p) => problems.push(M.indicator(name, indId, p)));
        child.indicators.push(ind.data);
      });
      const sum = child.indicators.reduce((s, x) => s + x.weight, 0);
      if (child.indicators.length === l2.data.indicators.length && Math.abs(sum - child.weight) > EPS) {
        problems.push(M.nodeSum(child.name, plain(sum), plain(child.weight)));
      }
      node.children.push(child);
    });
    const sum = node.children.reduce((s, x) => s + x.weight, 0);
    if (node.children.length === l1.data.children.length && Math.abs(sum - node.weight) > EPS) {
      problems.push(M.nodeSum(node.name, plain(sum), plain(node.weight)));
    }
    tree.push(node);
  });

  const total = tree.reduce((s, x) => s + x.weight, 0);
  if (tree.length === header.data.tree.length && Math.abs(total - 100) > EPS) problems.push(M.totalSum(plain(total)));
  const p = header.data.projects;
  const projectSum = p.executionWeight + p.groups.reduce((s, g) => s + g.weight, 0);
  if (Math.abs(projectSum - 100) > EPS) problems.push(M.projectSum(plain(projectSum)));
  const g = header.data.grades;
  if (g.some((x, i) => i > 0 && x.min >= g[i - 1]!.min) || g[g.length - 1]!.min !== 0) problems.push(M.gradesOrder());

  if (problems.length) throw new AppError('RULESET_INVALID', M.invalid(header.data.id, problems), problems);
  return { ...header.data, tree };
}

function parseDocument(file: string, text: string): unknown {
  return extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
}

export function loadRuleSetFile(file: string): RuleSet {
  let raw: unknown;
  try {
    raw = parseDocument(file, readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError('RULESET_UNREADABLE', M.unreadable(file, (e as Error).message));
  }
  return validateRuleSet(raw, file);
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
