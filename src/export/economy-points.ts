import { rz } from '../messages/report-zh.js';
import { fixed2 } from '../report/format.js';
import type { IndicatorResult, ScoreResult } from '../scoring/result.js';

/**
 * The generated sentences of 六（一）经济性评价方面: what each of the five points scored, from the
 * score result (the same result attachment 2 prints). Used by the document (body.ts) and as the
 * one-tap default of the unit's own words for points 1–4 (dialogs/generated-default.ts).
 */
export type Topic = (typeof rz.s6.topics)[number];

/** Which 二级指标 each of the five points reports; anything else goes to the fifth. */
const TOPIC_LEVEL2: Record<Topic, string[]> = {
  预算配置: ['预算配置'],
  预算执行: ['预算执行'],
  预算管理: ['预算管理'],
  资产管理: ['资产管理'],
  社会效益指标: [],
};
const CLAIMED = new Set(Object.values(TOPIC_LEVEL2).flat());

export function topicIndicators(score: ScoreResult, topic: Topic): IndicatorResult[] {
  return score.indicators.filter((x) => (TOPIC_LEVEL2[topic].length ? TOPIC_LEVEL2[topic].includes(x.level2) : !CLAIMED.has(x.level2)));
}

export function pointBody(inds: IndicatorResult[]): string {
  if (inds.length === 0) return '';
  const scored = inds.filter((i) => i.points !== null);
  const points = scored.reduce((s, i) => s + i.points!, 0);
  const weight = inds.reduce((s, i) => s + i.weight, 0);
  const parts = [rz.s6.summary(inds.length, fixed2(points), fixed2(weight))];
  const lost = scored.filter((i) => i.deduction > 1e-9);
  if (lost.length === 0 && scored.length === inds.length) parts.push(rz.s6.allFull);
  for (const i of lost) parts.push(rz.s6.lost(i.name, fixed2(i.points!), fixed2(i.weight), (i.reason ?? i.formula).replace(/[。；]$/, '')));
  const pending = inds.filter((i) => i.points === null);
  if (pending.length) parts.push(rz.s6.pending(pending.map((i) => i.name).join('、')));
  return parts.join('');
}

/** The generated sentence of point `i` (0-based) of 六（一）. */
export function generatedPoint(score: ScoreResult, i: number): string {
  return pointBody(topicIndicators(score, rz.s6.topics[i]!));
}

/**
 * A point with the unit's own words first: 「1、本年预算配置控制较好…」 when the words name the
 * topic near their start, else 「1、预算配置方面，…」; the generated sentence follows.
 */
export function pointText(n: number, topic: Topic, own: string | undefined, generated: string): string | undefined {
  let words = own?.replace(/\s*\n\s*/g, '');
  if (words && generated && !/[。！？；.!?;]$/.test(words)) words += '。';
  const body = [words ?? '', generated].filter(Boolean).join('');
  if (!body) return undefined;
  if (words && words.slice(0, 12).includes(topic)) return `${n}、${body}`;
  return rz.s6.point(n, topic, body);
}
