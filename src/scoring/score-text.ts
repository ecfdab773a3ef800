import { zh } from '../messages/zh.js';
import type { CheckWarning } from '../report/checks.js';
import { fixed2 } from '../report/format.js';
import { alignRows } from '../report/text-width.js';
import type { ScoreResult } from './result.js';

const C = zh.cli;

/** The score as a plain-text table: every indicator with points/weight and why. */
export function scoreTable(result: ScoreResult, head: { unit: string; year: string }, checks: readonly CheckWarning[]): string {
  const lines: string[] = [C.title(head.unit, head.year, `${result.ruleSetId} v${result.ruleSetVersion}`), ''];
  const rows: string[][] = [[...C.header]];
  for (const ind of result.indicators) {
    const pts = ind.points === null ? zh.scoring.pending : fixed2(ind.points);
    const why = ind.status === 'pending' ? `缺：${ind.missing.map((m) => m.label).join('、')}` : (ind.reason ?? ind.formula);
    rows.push([ind.level1, ind.level2, ind.name, `${pts}/${fixed2(ind.weight)}`, why]);
  }
  lines.push(...alignRows(rows), '');
  lines.push(result.level1.map((l) => C.level1Line(l.name, fixed2(l.points), fixed2(l.weight))).join('　'));
  const grade = result.complete ? result.grade : `${result.grade}（${zh.grade.provisional}）`;
  lines.push(C.total(fixed2(result.total), grade));
  if (!result.complete) {
    lines.push(C.provisional(fixed2(result.total), fixed2(result.maxReachable), result.missing.length));
    lines.push(C.missingHeader, ...result.missing.map((m) => `- ${m.where ? `${m.where}：` : ''}${m.label}`));
  }
  if (result.projects.length) {
    lines.push('', C.projectsHeader);
    for (const p of result.projects) {
      lines.push(C.projectLine(p.name, fixed2(p.points), p.complete ? p.grade : `${p.grade}（${zh.grade.provisional}）`));
    }
  }
  const flags = [...result.flags, ...result.projects.flatMap((p) => p.flags)];
  if (flags.length) lines.push('', C.flagsHeader, ...flags.map((f) => `- ${f}`));
  lines.push('', checks.length ? C.checksHeader(checks.length) : C.checksNone, ...checks.map((c) => `- ${c.message}`));
  return lines.join('\n');
}
