import { zh } from '../messages/zh.js';
import { fixed2 } from '../report/format.js';
import type { IndicatorResult, ScoreResult } from '../scoring/result.js';

const D = zh.dialog;
const S = zh.score;

/** Lines of the short answer to 得分, at most (a phone screen, with the picture below it). */
export const SUMMARY_MAX_LINES = 8;
/** Deductions named in the short answer. */
const TOP_LOST = 3;
/** A deduction's reason is cut to this many characters in the short answer (得分 详细 has it all). */
const REASON_CHARS = 28;

/** The indicators that lost points, the largest loss first (ties in catalogue order). */
export function largestDeductions(score: ScoreResult, n: number): IndicatorResult[] {
  return score.indicators
    .filter((i) => i.deduction > 1e-9)
    .map((i, at) => ({ i, at }))
    .sort((a, b) => b.i.deduction - a.i.deduction || a.at - b.at)
    .slice(0, n)
    .map((x) => x.i);
}

const clip = (s: string, n: number): string => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

/**
 * The chat's answer to 得分 / 现在多少分, in at most SUMMARY_MAX_LINES lines: total and grade,
 * each 一级指标 got/max, the three largest deductions, how many items are missing, and how to
 * see everything (得分 详细 → scoreDetail). The score picture is drawn from the same ScoreResult.
 */
export function scoreSummary(score: ScoreResult): string {
  const lines = [D.scoreHead(fixed2(score.total), score.grade, !score.complete, fixed2(score.maxReachable))];
  lines.push(score.level1.map((l) => D.scoreLevel1(l.name, fixed2(l.points), fixed2(l.weight))).join('　'));
  const lost = largestDeductions(score, TOP_LOST);
  if (lost.length) {
    lines.push(S.lostHead);
    for (const i of lost) lines.push(S.lost(i.name, fixed2(i.deduction), clip(i.reason ?? i.formula, REASON_CHARS)));
  } else lines.push(S.noLoss);
  if (score.missing.length) lines.push(S.missing(score.missing.length));
  lines.push(S.more);
  return lines.join('\n');
}

/**
 * The answer to 得分 详细: total and grade, each 一级指标, every indicator as 名称 得分/分值, the
 * biggest deductions with their reasons, and what is still missing. It prints the same
 * ScoreResult object as attachment 2 of the document.
 */
export function scoreDetail(score: ScoreResult, maxMissing = 8): string {
  const lines = [D.scoreHead(fixed2(score.total), score.grade, !score.complete, fixed2(score.maxReachable))];
  lines.push(score.level1.map((l) => D.scoreLevel1(l.name, fixed2(l.points), fixed2(l.weight))).join('　'));
  for (const i of score.indicators) lines.push(D.scoreLine(i.name, i.points === null ? zh.scoring.pending : fixed2(i.points), fixed2(i.weight)));
  const lost = largestDeductions(score, TOP_LOST);
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
