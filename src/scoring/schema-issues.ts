import { z } from 'zod';
import { zh } from '../messages/zh.js';

/**
 * zod issues as Chinese sentences, each with the path it is about so the caller can name the
 * line and column. An unknown key (schemas are strict) names the key meant when one is close.
 */

const M = zh.strict;
const R = zh.ruleSet;

/** zod's own Chinese wording for the issues our schemas do not word themselves. */
export const zodChinese = { error: z.locales.zhCN().localeError };

export interface Problem {
  text: string;
  /** Relative to the value that was parsed. */
  path: PropertyKey[];
  /** Set when the problem is a key itself (an unknown key): its position is the key's. */
  key?: string;
}

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def?: Def } } | undefined)?._zod?.def;

/** The object schemas that may stand at `path` inside `schema` (unions by their discriminator). */
function objectsAt(schema: unknown, path: readonly PropertyKey[], raw: unknown): Def[] {
  const def = defOf(schema);
  if (!def) return [];
  if (['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) return objectsAt(def.innerType, path, raw);
  if (def.type === 'pipe') return objectsAt(def.in, path, raw);
  if (def.type === 'union') {
    const options = def.options as unknown[];
    const d = def.discriminator as string | undefined;
    const tag = d && raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[d] : undefined;
    const matching = d ? options.filter((o) => literalValues(defOf(o), d).includes(tag)) : [];
    return (matching.length ? matching : options).flatMap((o) => objectsAt(o, path, raw));
  }
  const [head, ...rest] = path;
  const child = raw && typeof raw === 'object' && head !== undefined ? (raw as Record<PropertyKey, unknown>)[head] : undefined;
  if (def.type === 'object') return head === undefined ? [def] : objectsAt((def.shape as Record<string, unknown>)[String(head)], rest, child);
  if (def.type === 'array' && head !== undefined) return objectsAt(def.element, rest, child);
  if (def.type === 'record' && head !== undefined) return objectsAt(def.valueType, rest, child);
  return [];
}

function literalValues(def: Def | undefined, key: string): unknown[] {
  const field = def?.type === 'object' ? defOf((def.shape as Record<string, unknown>)[key]) : undefined;
  return field?.type === 'literal' ? (field.values as unknown[]) : [];
}

/** Keys a strict object at `path` accepts. */
export function keysAt(schema: unknown, path: readonly PropertyKey[], raw: unknown): string[] {
  return [...new Set(objectsAt(schema, path, raw).flatMap((d) => Object.keys(d.shape as object)))];
}

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The known key a typo most likely meant: case-insensitive distance ≤ 2 and under a third of its length. */
export function closestKey(typo: string, known: readonly string[]): string | undefined {
  let best: { key: string; d: number } | undefined;
  for (const key of known) {
    const d = editDistance(typo.toLowerCase(), key.toLowerCase());
    if (d <= 2 && d <= Math.max(1, Math.floor(key.length / 3)) && (!best || d < best.d)) best = { key, d };
  }
  return best?.key;
}

const TYPE_NAMES: Record<string, string> = { number: '数字', string: '文字', boolean: 'true 或 false', array: '列表', object: '一组“键: 值”', null: '空值' };
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const valueAt = (raw: unknown, path: readonly PropertyKey[]) =>
  path.reduce<unknown>((at, p) => (at && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[p] : undefined), raw);

/** Every issue of `error` (from parsing `raw` with `schema`) as a Chinese problem with its path. */
export function describeIssues(error: z.ZodError, raw: unknown, schema: unknown): Problem[] {
  return error.issues.flatMap((issue): Problem[] => {
    const path = issue.path as PropertyKey[];
    const text = path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, path, raw);
      return issue.keys.map((key) => {
        const meant = closestKey(key, known);
        return { text: M.unknownKey(text, key) + (meant ? M.didYouMean(meant) : M.allowedKeys(known)), path, key };
      });
    }
    const value = valueAt(raw, path);
    if (issue.code === 'invalid_type' && value === undefined) return [{ text: R.missingProp(text), path }];
    if (issue.code === 'invalid_type') {
      const detail = M.expected(TYPE_NAMES[issue.expected] ?? issue.expected, TYPE_NAMES[typeOf(value)] ?? typeOf(value));
      return [{ text: R.badProp(text || '（根）', detail), path }];
    }
    return [{ text: R.badProp(text || '（根）', issue.message), path }];
  });
}
