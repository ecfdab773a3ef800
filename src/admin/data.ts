import { zh } from '../messages/zh.js';
import { roundTo } from '../report/format.js';
import type { RuleSet } from '../scoring/ruleset-schema.js';
import type { Db } from '../store/db.js';
import { auditRead, canOversee, orgsOf, readableUnits } from '../store/oversight.js';
import { unitStatuses, type UnitStatus } from '../oversight/status.js';

/**
 * What the dashboard shows (issue 28 item 5), as JSON: the same statuses as 汇总 and 单位 in chat
 * (src/oversight/status.ts), only ever of units linked to the person's organisations, checked on
 * every request (an unlink stops access at once) and written to the audit log.
 */

export interface UnitRow {
  id: string;
  name: string;
  year: number | null;
  /** Required questions answered, 0–1. */
  progress: number;
  score: number | null;
  grade: string | null;
  /** The score is final (nothing pending). */
  final: boolean;
  complete: boolean;
  missing: number;
  flags: string[];
  last: string | null;
  /** Place in the order of 汇总 (what needs attention first), from 1. */
  attention: number;
}

const share = (s: UnitStatus) => (s.total ? roundTo(s.done / s.total, 4) : 0);

function rowOf(s: UnitStatus, i: number): UnitRow {
  return {
    id: s.unitId,
    name: s.unitName,
    year: s.report?.year ?? null,
    progress: share(s),
    score: s.score ? roundTo(s.score.total) : null,
    grade: s.score?.grade ?? null,
    final: s.score?.complete ?? false,
    complete: s.complete,
    missing: s.missing.length,
    flags: s.flags.map((f) => f.message),
    last: s.report?.updatedAt.toISOString() ?? null,
    attention: i + 1,
  };
}

/** Every readable unit, in the order of 汇总; the organisations' names; the filling over time. */
export async function unitsView(db: Db, userId: string, ruleSet: (id: string) => RuleSet, year?: number) {
  const orgs = (await orgsOf(db, userId)).map((m) => m.org.name);
  const units = await readableUnits(db, userId);
  const statuses = await unitStatuses(db, units, ruleSet, year);
  await auditRead(db, userId, units.map((u) => u.id), 'admin.units');
  const history = await fillHistory(db, statuses.flatMap((s) => (s.report ? [{ reportId: s.report.id, name: s.unitName }] : [])));
  const years = units.length ? await db.report.findMany({ where: { unitId: { in: units.map((u) => u.id) } }, distinct: ['year'], select: { year: true }, orderBy: { year: 'desc' } }) : [];
  return { orgs, year: year ?? null, years: years.map((r) => r.year), units: statuses.map(rowOf), history };
}

/** One unit's score table, missing items and warnings; undefined when the person may not read it. */
export async function unitView(db: Db, userId: string, unitId: string, ruleSet: (id: string) => RuleSet) {
  if (!(await canOversee(db, userId, unitId))) return undefined;
  const unit = await db.unit.findUnique({ where: { id: unitId }, select: { id: true, name: true } });
  if (!unit) return undefined;
  const [s] = await unitStatuses(db, [unit], ruleSet);
  await auditRead(db, userId, [unitId], 'admin.unit');
  return {
    ...rowOf(s!, 0),
    missingItems: s!.missing,
    indicators: (s!.score?.indicators ?? []).map((i) => ({
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      weight: i.weight,
      points: i.points === null ? null : roundTo(i.points),
      status: i.status,
      reason: i.reason,
    })),
  };
}

/**
 * Filling over time: per unit, the number of distinct answers given by the end of each day
 * (answer history, server's UTC days) — how far along the units were when.
 */
async function fillHistory(db: Db, reports: { reportId: string; name: string }[]) {
  if (!reports.length) return { days: [] as string[], series: [] as { name: string; values: number[] }[] };
  const rows = await db.answerHistory.findMany({
    where: { reportId: { in: reports.map((r) => r.reportId) } },
    select: { reportId: true, fieldKey: true, itemId: true, newValue: true, createdAt: true },
    orderBy: { id: 'asc' },
  });
  const dayOf = (d: Date) => d.toISOString().slice(0, 10);
  const days = [...new Set(rows.map((r) => dayOf(r.createdAt)))].sort();
  const series = reports.map(({ reportId, name }) => {
    const given = new Set<string>();
    const byDay = new Map<string, number>();
    for (const r of rows) {
      if (r.reportId !== reportId) continue;
      const key = `${r.fieldKey}\u0000${r.itemId}`;
      if (r.newValue === null) given.delete(key);
      else given.add(key);
      byDay.set(dayOf(r.createdAt), given.size);
    }
    let last = 0;
    return { name, values: days.map((d) => (last = byDay.get(d) ?? last)) };
  });
  return { days, series };
}

/** The labels of the page (the catalogue, sent with the page so the script holds no Chinese). */
export const pageLabels = () => ({ ...zh.admin.labels, provisionalGrade: zh.grade.provisional });
