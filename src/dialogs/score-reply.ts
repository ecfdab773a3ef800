import { scoreChart } from '../picture/score-chart.js';
import type { Turn } from './engine.js';
import { scoreDetail, scoreSummary } from './score-summary.js';

/**
 * 得分: the short answer with the score picture, both from one ScoreResult; 得分 详细: every
 * indicator, as text only.
 */
export function sayScore(t: Turn, detail = false): void {
  const score = t.score();
  t.replies.push(detail ? { text: scoreDetail(score) } : { text: scoreSummary(score), picture: scoreChart(score) });
}
