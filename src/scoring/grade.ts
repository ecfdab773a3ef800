import { roundTo } from '../report/format.js';

export interface GradeLine {
  min: number;
  label: string;
}

/**
 * Grade of a score. The score is rounded to 2 decimals first: a report printing 90.00 must say
 * 优 even when the unrounded sum is 89.996 (domain §5: 90.00 is 优).
 */
export function gradeOf(score: number, grades: readonly GradeLine[]): string {
  const s = roundTo(score, 2);
  const hit = grades.find((g) => s >= g.min);
  return hit ? hit.label : grades[grades.length - 1]!.label;
}
