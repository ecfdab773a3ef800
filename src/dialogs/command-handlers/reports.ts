import { zh } from '../../messages/zh.js';
import { sectionTitle } from '../../report/catalogue.js';
import { runChecks } from '../../report/checks.js';
import type { SectionId } from '../../report/fields.js';
import { fixed2 } from '../../report/format.js';
import { reviewerLines } from '../../oversight/flags.js';
import { reask } from '../engine.js';
import type { Turn } from '../turn.js';
import { sayScore } from '../score-reply.js';
import { whatIfCommand } from '../what-if.js';
import type { CommandContext, CommandOf } from './handler.js';

/** The report as a whole: 得分, 如果 … (what-if), 生成报告 and 确认生成, 年度 <year>. */
const D = zh.dialog;

export function score(t: Turn, cmd: CommandOf<'score'>): boolean {
  sayScore(t, cmd.detail);
  reask(t);
  return true;
}

export function whatIf(t: Turn, cmd: CommandOf<'whatIf'>, { textPending }: CommandContext): boolean {
  return whatIfCommand(t, cmd, textPending);
}

/** 生成报告: what is missing by section, the checks and the score, then asks for 确认生成. */
export function generate(t: Turn): boolean {
  const lines: string[] = [D.reviewHead];
  const missingBySection = new Map<SectionId, string[]>();
  const plan = t.plan();
  for (const e of plan.entries) {
    if (e.kind === 'field' && e.field.required && !plan.answered(e.ref)) {
      const list = missingBySection.get(e.section) ?? [];
      list.push(e.where ? `${e.where}${e.field.label}` : e.field.label);
      missingBySection.set(e.section, list);
    }
  }
  for (const p of plan.progress()) {
    if (p.total === 0) continue;
    const missing = missingBySection.get(p.section) ?? [];
    lines.push(D.reviewSection(sectionTitle(p.section), p.done, p.total, missing.slice(0, 5).join('、') + (missing.length > 5 ? '…' : '')));
  }
  const warnings = runChecks(t.model!, { projectGroups: t.snap.ruleSet.projects.groups });
  if (warnings.length) lines.push(D.reviewChecks(warnings.length), ...warnings.map((w) => `- ${w.message}`));
  const result = t.score();
  lines.push(D.scoreHead(fixed2(result.total), result.grade, !result.complete, fixed2(result.maxReachable)), ...reviewerLines(t.model!, result, t.snap.ruleSet));
  t.say(lines.join('\n'));
  t.state.step = { kind: 'confirmGenerate' };
  t.say(D.reviewConfirm, ['确认生成', '继续']);
  return true;
}

/** 确认生成 (or 确认 after 生成报告): the runner builds the file. */
export function confirmGenerate(t: Turn): boolean {
  t.action = { kind: 'generateReport' };
  t.state.step = { kind: 'done' };
  return true;
}

/** 年度 <year>: the runner opens (or starts) that year's report. */
export function year(t: Turn, cmd: CommandOf<'year'>): boolean {
  t.action = { kind: 'openReport', year: cmd.year };
  return true;
}
