import { FIELDS, getField, groupFields, TOP_FIELDS } from '../report/catalogue.js';
import type { FieldDef } from '../report/fields.js';
import type { FastEntry } from './commands.js';
import { squash } from './commands.js';
import type { FieldRef } from './types.js';

/**
 * Fast entry that knows where the user is (issue 25 item 3): inside a project's indicator, 「指标名称
 * 律师值班补贴发放人次 计量单位 人次」 names the indicator's own fields, text ones included, and the
 * values keep their spaces and brackets (they are names). One has/has-not or yes/no field named
 * with its answer (「国有资本经营预算支出 无」) is an entry too (item 4).
 */

interface Label {
  field: FieldDef;
  /** Squashed label or alias. */
  label: string;
}

const SHORT_KINDS = ['money', 'integer', 'percent', 'area', 'number', 'choice', 'boolean'];
/** 无 / 没有 / 0 answer a has/has-not question; 有 / 是 the other way. */
const NO_WORDS = ['无', '没有', '没', '0', '否', '不是', '不'];
const YES_WORDS = ['有', '是'];

/**
 * Labels, and for a label ending in a bracket (全年预算数（A）) the label without it, unless that
 * is another field's label or an alias two fields share (其中：当年财政拨款 of three columns).
 */
function labelsOf(fields: readonly FieldDef[]): Label[] {
  const labels = fields.map((f) => ({ field: f, label: squash(f.label) }));
  const real = new Set(labels.map((l) => l.label));
  const aliases = fields.flatMap((f) => {
    const bare = f.label.replace(/（[^（）]*）$/, '');
    return bare === f.label || real.has(squash(bare)) ? [] : [{ field: f, label: squash(bare) }];
  });
  const count = new Map<string, number>();
  for (const a of aliases) count.set(a.label, (count.get(a.label) ?? 0) + 1);
  return [...labels, ...aliases.filter((a) => count.get(a.label) === 1)].filter((l) => l.label.length >= 2);
}

const byLength = (list: Label[]) => list.sort((a, b) => b.label.length - a.label.length);
const TOP_LABELS = byLength(labelsOf(TOP_FIELDS.filter((f) => SHORT_KINDS.includes(f.kind))));
const GROUP_LABELS = new Map<string, Label[]>();

/** Labels in scope: the pending item's fields first (年初预算数 of the project, not of the unit), then the top-level ones. */
function labelsFor(ref: FieldRef | undefined): Label[] {
  const group = ref?.itemId ? getField(ref.key)?.group : undefined;
  if (!group) return TOP_LABELS;
  let list = GROUP_LABELS.get(group);
  if (!list) {
    const mine = labelsOf(groupFields(group));
    const own = new Set(mine.map((l) => l.label));
    list = byLength([...mine, ...TOP_LABELS.filter((l) => !own.has(l.label))]);
    GROUP_LABELS.set(group, list);
  }
  return list;
}

/** `text` squashed as commands.squash does, with the index in `raw` of every kept character. */
function squashMapped(raw: string): { s: string; at: number[] } {
  let s = '';
  const at: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[\s\u3000()（）【】[\]「」“”"']/.test(c)) continue;
    s += c.toLowerCase();
    at.push(i);
  }
  return { s, at };
}

export interface ScopedEntry extends FastEntry {
  /** The message begins with a label (it reads as an entry, not as prose that mentions two). */
  startsWithLabel: boolean;
}

/** Several fields named in one message, or one yes/no field with its answer; undefined otherwise. */
export function parseScopedEntry(text: string, ref: FieldRef | undefined): ScopedEntry | undefined {
  const raw = text.normalize('NFKC');
  const { s, at } = squashMapped(raw);
  const hits: { start: number; end: number; field: FieldDef }[] = [];
  const taken = new Uint8Array(s.length);
  const labels = labelsFor(ref);
  for (const l of labels) {
    let from = 0;
    for (;;) {
      const i = s.indexOf(l.label, from);
      if (i < 0) break;
      const end = i + l.label.length;
      if (!taken.subarray(i, end).includes(1)) {
        hits.push({ start: i, end, field: l.field });
        taken.fill(1, i, end);
      }
      from = end;
    }
  }
  if (hits.length === 0) return undefined;
  hits.sort((a, b) => a.start - b.start);
  const rawAt = (k: number) => (k < at.length ? at[k]! : raw.length);
  const itemId = ref?.itemId;
  const pairs = hits.map((h, i) => {
    const group = h.field.group;
    let value = raw.slice(rawAt(h.end - 1) + 1, rawAt(hits[i + 1]?.start ?? s.length)).trim();
    value = value.replace(h.field.kind === 'text' || h.field.kind === 'longtext' ? /^[:：=]\s*/ : /^[:：=为是]\s*/, '').replace(/[，,；;。]$/, '');
    return { field: h.field, value, ...(group && itemId ? { itemId } : {}) };
  });
  const startsWithLabel = hits[0]!.start === 0;
  const leftover = startsWithLabel ? [] : [s.slice(0, hits[0]!.start)];
  if (hits.length === 1) {
    const only = pairs[0]!;
    const word = squash(only.value);
    if (!startsWithLabel || only.field.kind !== 'boolean' || !(NO_WORDS.includes(word) || YES_WORDS.includes(word))) return undefined;
    // 「…预算支出 0」: the field's own words, so the choice parser reads it
    const [yes, no] = only.field.yesNo ?? ['是', '否'];
    return { pairs: [{ ...only, value: NO_WORDS.includes(word) ? no : yes }], leftover, startsWithLabel };
  }
  return { pairs, leftover, startsWithLabel };
}

/** Whether the argument of a command that resolved nothing still names a field or part of the report. */
export function namesSomething(what: string): boolean {
  const s = squash(what);
  if (s.length < 2) return false;
  return FIELDS.some((f) => {
    const l = squash(f.label);
    return l === s || l.startsWith(s) || s.startsWith(l);
  });
}
