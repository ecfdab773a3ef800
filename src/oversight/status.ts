import { Plan } from '../dialogs/plan.js';
import type { ReportModel } from '../report/model.js';
import { scoreReport } from '../scoring/engine.js';
import type { ScoreResult } from '../scoring/result.js';
import type { RuleSet } from '../scoring/ruleset-schema.js';
import type { Db } from '../store/db.js';
import { loadReportModel } from '../store/reports.js';
import { reviewFlags, type ReviewFlag } from './flags.js';

/** Where one unit stands, as oversight sees it (汇总, 单位, 汇总表). Read only. */
export interface UnitStatus {
  unitId: string;
  unitName: string;
  /** Absent when the unit has no report (of the year asked for). */
  report?: { id: string; year: number; updatedAt: Date };
  model?: ReportModel;
  /** Required questions answered, of all required ones (进度: 100 % exactly when nothing is missing). */
  done: number;
  total: number;
  /** Required questions not answered, as `where` + label. */
  missing: string[];
  score?: ScoreResult;
  flags: ReviewFlag[];
  /** Nothing required is missing and the score is final: nothing left to chase. */
  complete: boolean;
}

/**
 * Required questions answered and all of them, and those not answered yet as `where` + label, in
 * report order (as the review before 生成报告 lists them).
 */
export function requiredProgress(model: ReportModel): { done: number; total: number; missing: string[] } {
  const plan = new Plan(model);
  const required = plan.entries.flatMap((e) => (e.kind === 'field' && e.field.required ? [e] : []));
  const missing = required.filter((e) => !plan.answered(e.ref)).map((e) => (e.where ? `${e.where}${e.field.label}` : e.field.label));
  return { done: required.length - missing.length, total: required.length, missing };
}

/** Each unit's report of `year` (its most recent one when no year is given), scored and checked. */
export async function unitStatuses(db: Db, units: { id: string; name: string }[], ruleSet: (id: string) => RuleSet, year?: number): Promise<UnitStatus[]> {
  if (!units.length) return [];
  const reports = await db.report.findMany({
    where: { unitId: { in: units.map((u) => u.id) }, ...(year ? { year } : {}) },
    orderBy: { year: 'desc' },
    select: { id: true, unitId: true, year: true, updatedAt: true },
  });
  const out: UnitStatus[] = [];
  for (const unit of units) {
    const r = reports.find((x) => x.unitId === unit.id); // the newest first
    if (!r) {
      out.push({ unitId: unit.id, unitName: unit.name, done: 0, total: 0, missing: [], flags: [], complete: false });
      continue;
    }
    const { model, report } = await loadReportModel(db, r.id);
    const rs = ruleSet(report.ruleSetId);
    const score = scoreReport(model, rs);
    const progress = requiredProgress(model);
    out.push({
      unitId: unit.id,
      unitName: unit.name,
      report: { id: r.id, year: r.year, updatedAt: r.updatedAt },
      model,
      ...progress,
      score,
      flags: reviewFlags(model, score, rs),
      complete: progress.missing.length === 0 && score.complete,
    });
  }
  return out.sort(byAttention);
}

/**
 * What needs attention first: units not started; then unfinished reports, the least done first (the longest untouched first among equals); then complete reports with warnings,
 * the most first; then complete clean reports, the lowest score first.
 */
export function byAttention(a: UnitStatus, b: UnitStatus): number {
  const tier = (s: UnitStatus) => (!s.report ? 0 : !s.complete ? 1 : s.flags.length ? 2 : 3);
  const d = tier(a) - tier(b);
  if (d) return d;
  switch (tier(a)) {
    case 1: {
      const share = (s: UnitStatus) => (s.total ? s.done / s.total : 0);
      return share(a) - share(b) || a.report!.updatedAt.getTime() - b.report!.updatedAt.getTime() || a.unitName.localeCompare(b.unitName);
    }
    case 2:
      return b.flags.length - a.flags.length || a.unitName.localeCompare(b.unitName);
    case 3:
      return a.score!.total - b.score!.total || a.unitName.localeCompare(b.unitName);
    default:
      return a.unitName.localeCompare(b.unitName);
  }
}
