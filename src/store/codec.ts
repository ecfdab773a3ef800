import type { FieldValue } from '../report/model.js';

/**
 * Answers are stored as JSON text: one column type on both providers, numbers keep their full
 * precision, and JSON escapes U+0000 and lone surrogates, which PostgreSQL text cannot hold.
 */
export function encodeValue(v: FieldValue): string {
  return JSON.stringify(v);
}

export function decodeValue(s: string): FieldValue {
  const v: unknown = JSON.parse(s);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  throw new Error(`stored answer is not a field value: ${s.slice(0, 40)}`);
}
