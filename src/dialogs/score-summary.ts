import { zh } from '../messages/zh.js';
import { fixed2 } from '../report/format.js';
import type { ScoreResult } from '../scoring/result.js';

const D = zh.dialog;

/**
 * The chat's answer to 得分 / 现在多少分: total and grade, each 一级指标, every indicator as
 * 名称 得分/分值, the biggest deductions with reasons, and what is still missing.
 * It prints the same ScoreResult object as attachment 2 of the document.
 */
export function scoreSummary(score: ScoreResult, maxMissing = 8): string {
  const lines = [D.scoreHead(fixed2(score.total), score.grade, !score.complete, fixed2(score.maxReachable))];
  lines.push(score.level1.map((l) => D.scoreLevel1(l.name, fixed2(l.points), fixed2(l.weight))).join('　'));
  for (const i of score.indicators) lines.push(D.scoreLine(i.name, i.points === null ? zh.scoring.pending : fixed2(i.points), fixed2(i.weight)));
  const lost = score.indicators.filter((i) => i.deduction > 1e-9).sort((a, b) => b.deduction - a.deduction).slice(0, 3);
  if (lost.length) {
    lines.push(D.scoreDeductions);
    for (const i of lost) lines.push(D.scoreDeduction(i.name, fixed2(i.deduction), i.reason ?? i.formula));
  }
  if (score.missing.length) {
    const names = score.missing.slice(0, maxMissing).map((m) => m.label).join('、') + (score.missing.length > maxMissing ? '…' : '');
    lines.push(D.scoreMissing(score.missing.length, names));
  }
  return lines.join('\n');
}
