import { zh } from '../messages/zh.js';
import type { FieldDef } from '../report/fields.js';
import { MAX_CHARS, MAX_LINES } from '../report/limits.js';
import { fixed2, plain } from '../report/format.js';
import type { FieldValue } from '../report/model.js';
import { showValue } from '../scoring/inputs.js';
import { parseNumber } from './numbers.js';
import { toFieldUnit, type AnswerContext } from './units.js';

/**
 * Turn one typed answer into the field's value, converted to the field's unit, or into a
 * specific Chinese reason with an example (never the bare question again).
 */
export type Parsed = { ok: true; value: FieldValue; display: string } | { ok: false; code: AnswerErrorCode; message: string };

export type AnswerErrorCode =
  | 'BOT_ERR_EMPTY'
  | 'BOT_ERR_NOT_A_NUMBER'
  | 'BOT_ERR_SCIENTIFIC'
  | 'BOT_ERR_TOO_LARGE'
  | 'BOT_ERR_AMBIGUOUS_UNIT'
  | 'BOT_ERR_WRONG_UNIT'
  | 'BOT_ERR_NEGATIVE'
  | 'BOT_ERR_NOT_INTEGER'
  | 'BOT_ERR_OUT_OF_RANGE'
  | 'BOT_ERR_NO_TEXT'
  | 'BOT_ERR_TOO_LONG'
  | 'BOT_ERR_TOO_MANY_LINES'
  | 'BOT_ERR_NOT_A_CHOICE';

const A = zh.answer;
const YES = ['是', '有', '对', '符合', '已', 'y', 'yes', '√', '✓'];
const NO = ['否', '无', '不是', '没有', '不符合', '未', 'n', 'no', '×', '✗'];

const fail = (code: AnswerErrorCode, message: string): Parsed => ({ ok: false, code, message });
const example = (f: FieldDef) => A.examples[f.kind === 'integer' ? 'integer' : f.kind] ?? A.examples.number!;

function parseNumeric(f: FieldDef, text: string, ctx: AnswerContext): Parsed {
  const p = parseNumber(text);
  if (p === 'SCIENTIFIC') return fail('BOT_ERR_SCIENTIFIC', A.scientific(example(f)));
  if (p === 'TOO_LARGE') return fail('BOT_ERR_TOO_LARGE', A.tooLarge(f.label));
  if (p === 'NOT_A_NUMBER') return fail('BOT_ERR_NOT_A_NUMBER', A.notANumber(f.label, example(f)));
  const inUnit = toFieldUnit(f, p, ctx);
  if (!inUnit.ok && inUnit.why === 'ambiguous') return fail('BOT_ERR_AMBIGUOUS_UNIT', A.ambiguousUnit(text.trim(), f.label, `${fixed2(p.value / 10_000)} 亿元`));
  if (!inUnit.ok) return fail('BOT_ERR_WRONG_UNIT', A.wrongUnit(f.label, inUnit.unit, example(f)));
  const v = inUnit.value;
  if (f.kind === 'percent' && v > 100) return fail('BOT_ERR_OUT_OF_RANGE', A.percentOver(f.label));
  if (f.kind === 'integer' && !Number.isInteger(v)) return fail('BOT_ERR_NOT_INTEGER', A.notInteger(f.label, f.unit));
  if (v < 0 && (f.min ?? 0) >= 0) return fail('BOT_ERR_NEGATIVE', A.negative(f.label));
  if ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max)) {
    return fail('BOT_ERR_OUT_OF_RANGE', A.outOfRange(f.label, plain(f.min ?? 0), plain(f.max ?? Infinity)));
  }
  return { ok: true, value: v, display: ctx.measureUnit ? `${plain(v)}${ctx.measureUnit}` : showValue(f.key, v) };
}

/** The options of a choice or yes/no field, in order. */
export function optionsOf(f: FieldDef): string[] {
  if (f.kind === 'boolean') return [...(f.yesNo ?? ['是', '否'])];
  return [...(f.choices ?? [])];
}

function parseChoice(f: FieldDef, text: string): Parsed {
  const t = text.normalize('NFKC').trim().replace(/[。.!！]$/, '');
  const options = optionsOf(f);
  const listed = options.map((o, i) => `${i + 1}. ${o}`).join('  ');
  let idx = -1;
  if (/^\d+$/.test(t)) idx = Number(t) - 1;
  else {
    idx = options.indexOf(t);
    // Yes/no words before any partial matching: 不是 contains 是 but means 否.
    if (idx < 0 && f.kind === 'boolean') {
      const lower = t.toLowerCase();
      if (YES.includes(lower)) idx = 0;
      else if (NO.includes(lower)) idx = 1;
    }
    if (idx < 0) {
      const partial = options.map((o, i) => (o.includes(t) || (t.length >= 2 && t.includes(o)) ? i : -1)).filter((i) => i >= 0);
      if (partial.length === 1) idx = partial[0]!;
    }
    if (idx < 0 && t.length >= 2) {
      // Abbreviations such as 参公 for 参照公务员法管理事业单位: the letters in order, if only one option has them.
      const inOrder = (o: string) => {
        let k = 0;
        for (const c of o) if (c === t[k]) k++;
        return k === t.length;
      };
      const abbrev = options.map((o, i) => (inOrder(o) ? i : -1)).filter((i) => i >= 0);
      if (abbrev.length === 1) idx = abbrev[0]!;
    }
  }
  if (idx < 0 || idx >= options.length) return fail('BOT_ERR_NOT_A_CHOICE', A.notAChoice(f.label, listed));
  const value: FieldValue = f.kind === 'boolean' ? idx === 0 : options[idx]!;
  return { ok: true, value, display: showValue(f.key, value) };
}

function parseText(f: FieldDef, text: string): Parsed {
  // eslint-disable-next-line no-control-regex
  const t = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (!t) return fail('BOT_ERR_EMPTY', A.empty(f.label));
  // Emoji or bare punctuation say nothing; a unit symbol such as % or ‰ is a valid 计量单位.
  const hasWords = /[\p{L}\p{N}]/u.test(t);
  if (!hasWords && !/^[%‰℃°]+$/.test(t)) return fail('BOT_ERR_NO_TEXT', A.noText(f.label));
  const kind = f.kind === 'longtext' ? 'longtext' : 'text';
  // A name or a short reason is one line; a long text keeps its paragraphs up to a limit (each
  // line is a paragraph of the document, and paragraphs, not characters, fill the build's memory).
  const lines = t.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const value = kind === 'text' ? lines.join(' ') : t;
  if ([...value].length > MAX_CHARS[kind]) return fail('BOT_ERR_TOO_LONG', A.tooLong(f.label, MAX_CHARS[kind]));
  if (kind === 'longtext' && lines.length > MAX_LINES.longtext) return fail('BOT_ERR_TOO_MANY_LINES', A.tooManyLines(f.label, MAX_LINES.longtext));
  return { ok: true, value, display: value.length > 30 ? `${[...value].slice(0, 30).join('')}…` : value };
}

/** `ctx`: the indicator's 计量单位 for its values (units.ts answerContext). */
export function parseAnswer(f: FieldDef, text: string, ctx: AnswerContext = {}): Parsed {
  if (!text.trim()) return fail('BOT_ERR_EMPTY', A.empty(f.label));
  switch (f.kind) {
    case 'text':
    case 'longtext':
      return parseText(f, text);
    case 'choice':
    case 'boolean':
      return parseChoice(f, text);
    default:
      return parseNumeric(f, text, ctx);
  }
}
