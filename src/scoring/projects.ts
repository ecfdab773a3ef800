import { zh } from '../messages/zh.js';
import { fixed2 } from '../report/format.js';
import { childItems, items, located, num, str, type GroupItem, type MissingField, type ReportModel } from '../report/model.js';
import { achievement } from './achievement.js';
import { collect } from './inputs.js';
import { gradeOf } from './grade.js';
import type { ProjectIndicatorResult, ProjectResult } from './result.js';
import type { RuleSet } from './ruleset-schema.js';

const M = zh.scoring;

/**
 * Attachment 3 (财预〔2020〕10号 style): 预算执行率得分 = executionWeight × min(B/A, 1), plus each
 * indicator row's 分值 × its achievement. Over-achievement earns nothing extra.
 */
export function scoreProjects(model: ReportModel, ruleSet: RuleSet): ProjectResult[] {
  return items(model, 'special').map((item, i) => scoreProject(item, i, ruleSet));
}

/**
 * One 专项 (the `i`th: its default name is numbered). `reuseRow` may hand back the result of an
 * indicator row known to be what scoring it here would give (see incremental.ts); it is told the
 * project's name, which the row's missing fields mention.
 */
export function scoreProject(
  item: GroupItem,
  i: number,
  ruleSet: RuleSet,
  reuseRow?: (row: GroupItem, j: number, projectName: string) => ProjectIndicatorResult | undefined,
): ProjectResult {
  const execW = ruleSet.projects.executionWeight;
  const name = str(item.values, 'special.name') ?? `专项资金项目${i + 1}`;
  const where = `专项资金项目「${name}」`;
  const missing: MissingField[] = [];
  const flags: string[] = [];

  let executionPoints: number | null = null;
  let executionRate: number | null = null;
  let executionText: string = M.pending;
  const funds = collect(item.values, ['special.budgetFull', 'special.executed']);
  if (funds.missing.length) missing.push(...funds.missing.map((m) => located(m, where)));
  else {
    const a = num(item.values, 'special.budgetFull')!;
    const b = num(item.values, 'special.executed')!;
    if (a === 0) {
      executionPoints = 0;
      executionText = M.projectZeroBudget;
    } else {
      executionRate = (b / a) * 100;
      executionPoints = execW * Math.min(b / a, 1);
      executionText = M.projectExecution(`${fixed2(b)}万元`, `${fixed2(a)}万元`, `${fixed2(executionRate)}%`);
    }
  }

  const indicators: ProjectIndicatorResult[] = childItems(item, 'specialIndicator').map((row, j) => {
    const kept = reuseRow?.(row, j, name);
    if (kept) {
      // what scoring the row again would add: its own missing fields and (when achieved) flags
      missing.push(...kept.missing);
      flags.push(...kept.flags);
      return kept;
    }
    const rowName = str(row.values, 'specialIndicator.name') ?? `指标${j + 1}`;
    const weight = num(row.values, 'specialIndicator.weight');
    const a = achievement(row.values, 'specialIndicator', ruleSet, rowName);
    const rowMissing = [
      ...(weight === undefined ? [{ key: 'specialIndicator.weight', label: '分值' }] : []),
      ...(a.ok ? [] : a.missing),
    ].map((m) => located(m, `${where}指标「${rowName}」`));
    missing.push(...rowMissing);
    if (a.ok) flags.push(...a.flags);
    return {
      name: rowName,
      level1: str(row.values, 'specialIndicator.level1') ?? '',
      level2: str(row.values, 'specialIndicator.level2') ?? '',
      weight: weight ?? 0,
      points: a.ok && weight !== undefined ? weight * a.share : null,
      text: a.ok ? a.text : M.pending,
      missing: rowMissing,
      flags: a.ok ? a.flags : [],
    };
  });

  const certain = (executionPoints ?? 0) + indicators.reduce((s, r) => s + (r.points ?? 0), 0);
  const open = (executionPoints === null ? execW : 0) + indicators.reduce((s, r) => s + (r.points === null ? r.weight : 0), 0);
  return {
    id: item.id,
    name,
    executionWeight: execW,
    executionRate,
    executionPoints,
    executionText,
    indicators,
    points: certain,
    maxReachable: certain + open,
    complete: missing.length === 0 && indicators.length > 0,
    grade: gradeOf(certain, ruleSet.grades),
    missing,
    flags,
  };
}
