import { str, type FieldValue } from './model.js';

/**
 * The unit's own words where the seed has them (issue 26 item 6): 六（一）1–4 and, in 一、, the
 * unit's short name, its word for the internal units and its 编制 wording. Each is asked with the
 * generated wording as the one-tap default; taking the default stores GENERATED, and the document
 * then keeps generating it from the figures (so it never goes stale after a correction).
 */
export const GENERATED = '（自动生成）';

/** The fields of 六（一）1–4, in order of the points (rz.s6.topics). */
export const ECONOMY_POINT_KEYS = ['narrative.allocation', 'narrative.execution', 'narrative.management', 'narrative.assets'] as const;

/** The unit's own words in a field: undefined when unanswered or the generated default was taken. */
export function ownWords(values: Record<string, FieldValue>, key: string): string | undefined {
  const s = str(values, key);
  return s === undefined || s.trim() === GENERATED ? undefined : s.trim();
}
