import { zh } from '../messages/zh.js';
import { fixed2 } from '../report/format.js';
import { largestDeductions } from '../dialogs/score-summary.js';
import type { ScoreResult } from '../scoring/result.js';

const S = zh.score;

/**
 * What the score picture shows, taken from the same ScoreResult as the chat's 得分 answer:
 * plain data (no rendering here), carried on the reply until a channel draws it.
 */
export interface ScoreChart {
  title: string;
  /** 尚缺 N 项数据, or empty. */
  note: string;
  alt: string;
  level1: { name: string; points: number; reachable: number; weight: number }[];
  deductions: { name: string; lost: number }[];
}

/** Deductions drawn (the chat names three; the picture has room for more). */
const DEDUCTIONS_DRAWN = 6;

export function scoreChart(score: ScoreResult): ScoreChart {
  const total = fixed2(score.total);
  return {
    title: score.complete ? S.title(total, score.grade) : S.titleProvisional(total, score.grade, fixed2(score.maxReachable)),
    note: score.missing.length ? S.missingNote(score.missing.length) : '',
    alt: S.alt(total, score.grade),
    level1: score.level1.map((l) => ({ name: l.name, points: l.points, reachable: l.maxReachable, weight: l.weight })),
    deductions: largestDeductions(score, DEDUCTIONS_DRAWN).map((i) => ({ name: i.name, lost: i.deduction })),
  };
}
