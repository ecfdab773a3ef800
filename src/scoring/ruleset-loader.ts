import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { zh } from '../messages/zh.js';
import { FIELDS, hasField } from '../report/catalogue.js';
import { plain } from '../report/format.js';
import {
  Group,
  Indicator,
  MAX_DEPTH,
  RULE_TYPES,
  RuleSetHeader,
  type IndicatorSpec,
  type NumericInputSpec,
  type OutlineNode,
  type RuleSet,
  type RuleSpec,
} from './ruleset-schema.js';
import { formulaFields, FormulaError, hasDivision, parseFormula } from './formula.js';
import { foldTree } from './ruleset-tree.js';
import { closestKey, describeIssues, zodChinese, type Problem } from './schema-issues.js';
import { parseSource, SourceSyntaxError, type Locator } from './source-doc.js';

const EPS = 1e-6;
const M = zh.ruleSet;

/** Folder of the rule sets shipped with the product. */
export const RULESET_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../rulesets');

/** Fields of a formula; one that cannot be parsed is reported by `indicatorProblems`. */
function formulaRefs(expr: string): string[] {
  try {
    return formulaFields(parseFormula(expr));
  } catch {
    return [];
  }
}

/** Whether a numeric input can meet a zero denominator (ratio, change, a formula dividing). */
function divides(input: NumericInputSpec): boolean {
  if (input.kind === 'value') return false;
  if (input.kind !== 'formula') return true;
  try {
    return hasDivision(parseFormula(input.expr));
  } catch {
    return false;
  }
}

function fieldRefs(rule: RuleSpec): string[] {
  const refs: string[] = [];
  const input = 'input' in rule ? rule.input : undefined;
  if (input?.kind === 'ratio') refs.push(...input.numerator, ...input.denominator);
  if (input?.kind === 'change') refs.push(input.current, input.previous);
  if (input?.kind === 'value') refs.push(input.field);
  if (input?.kind === 'formula') refs.push(...formulaRefs(input.expr));
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
    if (r && 'input' in r && r.input.kind === 'formula') {
      try {
        parseFormula(r.input.expr);
      } catch (e) {
        if (e instanceof FormulaError) out.push(zh.formula.invalid(r.input.expr, e.message));
        else throw e;
      }
    }
    if (r && 'input' in r && divides(r.input) && !r.zeroDenominator) out.push(M.needsZeroDenominator());
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

  const checkIndicator = (indRaw: unknown, path: Path, parents: string[], k: number): OutlineNode | undefined => {
    const { name, id: indId } = rawName(indRaw, `${parents[parents.length - 1] ?? ''}第 ${k + 1} 个指标`);
    const wrap = (t: string) => M.indicator(name, indId, t);
    const ruleType = (indRaw as { rule?: { type?: unknown } } | null)?.rule?.type;
    if (typeof ruleType === 'string' && !(RULE_TYPES as readonly string[]).includes(ruleType)) {
      problems.push(at([...path, 'rule', 'type'], wrap(M.unknownRuleType(ruleType, [...RULE_TYPES]))));
      return undefined;
    }
    const ind = Indicator.safeParse(indRaw, zodChinese);
    if (!ind.success) {
      problems.push(...issues(ind.error, indRaw, Indicator, path, wrap));
      return undefined;
    }
    if (seenIds.has(ind.data.id)) problems.push(at([...path, 'id'], wrap(M.duplicateId())));
    seenIds.add(ind.data.id);
    indicatorProblems(ind.data).forEach((p) => problems.push(at([...path, 'rule'], wrap(p))));
    return { name: ind.data.name, weight: ind.data.weight, indicator: ind.data };
  };

  /** Members of a group (or the tree) at `depth` (1 = top); `complete` when every one is valid. */
  const walk = (list: readonly unknown[], base: Path, depth: number, parents: string[]): { nodes: OutlineNode[]; complete: boolean } => {
    const nodes: OutlineNode[] = [];
    list.forEach((nodeRaw, k) => {
      const path = [...base, k];
      const r = (nodeRaw && typeof nodeRaw === 'object' ? nodeRaw : {}) as Record<string, unknown>;
      const isGroup = !('rule' in r) && ('children' in r || 'indicators' in r);
      const node = isGroup ? checkGroup(nodeRaw, path, depth, parents, k) : checkIndicator(nodeRaw, path, parents, k);
      if (node) nodes.push(node);
    });
    return { nodes, complete: nodes.length === list.length };
  };

  const checkGroup = (groupRaw: unknown, path: Path, depth: number, parents: string[], k: number): OutlineNode | undefined => {
    const name = rawName(groupRaw, depth === 1 ? '一级指标' : `第 ${k + 1} 个${depth === 2 ? '二级' : '三级'}指标`).name;
    const label = depth === 1 ? `tree.${k}（${name}）` : [...parents, name].join(' › ');
    const g = Group.safeParse(groupRaw, zodChinese);
    if (!g.success) {
      problems.push(...issues(g.error, groupRaw, Group, path, (t) => M.top(label, t)));
      return undefined;
    }
    if (depth >= MAX_DEPTH) {
      problems.push(at(path, M.top(label, zh.strict.tooDeep(MAX_DEPTH))));
      return undefined;
    }
    const key = g.data.children ? 'children' : 'indicators';
    const { nodes, complete } = walk(g.data[key]!, [...path, key], depth + 1, [...parents, g.data.name]);
    const sum = nodes.reduce((s, x) => s + x.weight, 0);
    if (complete && Math.abs(sum - g.data.weight) > EPS) problems.push(at([...path, 'weight'], M.nodeSum(g.data.name, plain(sum), plain(g.data.weight))));
    return { name: g.data.name, weight: g.data.weight, children: nodes };
  };

  const { nodes: outline, complete } = walk(Array.isArray(rawTree) ? rawTree : [], ['tree'], 1, []);

  if (!header.success) throw new AppError('RULESET_INVALID', M.invalid(id, problems), problems);
  const sum = outline.reduce((s, x) => s + x.weight, 0);
  const want = header.data.total;
  if (complete && Math.abs(sum - want) > EPS) problems.push(at(['tree'], want === 100 ? M.totalSum(plain(sum)) : zh.strict.totalSum(plain(sum), plain(want))));
  const p = header.data.projects;
  const projectSum = p.executionWeight + p.groups.reduce((s, g) => s + g.weight, 0);
  if (Math.abs(projectSum - 100) > EPS) problems.push(at(['projects'], M.projectSum(plain(projectSum))));
  const g = header.data.grades;
  if (g.some((x, i) => i > 0 && x.min >= g[i - 1]!.min) || g[g.length - 1]!.min !== 0) problems.push(at(['grades'], M.gradesOrder()));

  if (problems.length) throw new AppError('RULESET_INVALID', M.invalid(header.data.id, problems), problems);
  return { ...header.data, tree: foldTree(outline), outline };
}

export function loadRuleSetFile(file: string): RuleSet {
  let doc;
  try {
    doc = parseSource(file, readFileSync(file, 'utf8'));
  } catch (e) {
    if (e instanceof SourceSyntaxError) throw new AppError('RULESET_UNREADABLE', zh.strict.syntaxRuleSet(e.message));
    throw new AppError('RULESET_UNREADABLE', M.unreadable(file, (e as Error).message));
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
