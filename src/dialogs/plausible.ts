import { zh } from '../messages/zh.js';
import { getField } from '../report/catalogue.js';
import { fixed2 } from '../report/format.js';
import { labelOf, num, type FieldValue } from '../report/model.js';
import { BUDGET_REFERENCE, BUDGET_SCALE, HIGH_SHARE, LOW_SHARE, PART_OF, SPENDING_SECTIONS } from '../report/ranges.js';
import { afterAnswers, reask, type Turn } from './engine.js';
import { squash } from './commands.js';
import { parseNumber } from './numbers.js';
import { parseAnswer } from './values.js';
import type { FieldRef } from './types.js';

/**
 * Plausibility before storing (issue 25 item 1). A money figure outside the range the figures
 * already given allow (src/report/ranges.ts) is not stored: the bot asks once, offering the likely
 * reading (元 for 万元, a lost decimal point) and the figure as typed, and stores what the user picks.
 */

const C = zh.clerk;
/** Cent rounding of figures typed to 2 decimals. */
const TOLERANCE = 0.01 + 1e-9;

interface Bound {
  lo?: number;
  hi?: number;
  why: string;
}

/** The bounds a figure of `ref` has from the other figures of the report as it is now. */
export function boundsOf(t: Turn, ref: FieldRef): Bound[] {
  const f = getField(ref.key);
  if (!f || f.kind !== 'money' || !t.model) return [];
  const top = t.model.values;
  const plan = t.plan();
  const scope = plan.scope(ref);
  if (!scope) return [];
  const out: Bound[] = [];
  const refKey = BUDGET_REFERENCE.find((k) => k !== ref.key && num(top, k) !== undefined && num(top, k)! > 0);
  if (refKey) {
    const budget = num(top, refKey)!;
    if (BUDGET_SCALE.has(ref.key)) out.push({ lo: budget * LOW_SHARE, why: C.tooLow(labelOf(refKey), fixed2(budget)) });
    if (SPENDING_SECTIONS.has(f.section) && ref.key !== 'budget.adjustment') out.push({ hi: budget * HIGH_SHARE, why: C.tooHigh(labelOf(refKey), fixed2(budget)) });
  }
  for (const r of PART_OF) {
    if (r.part === ref.key) {
      const total = num(r.top ? top : scope, r.total);
      if (total !== undefined) out.push({ hi: total + TOLERANCE, why: C.overTotal(labelOf(r.total), fixed2(total)) });
    }
    if (r.total === ref.key && !r.top) {
      const part = num(scope, r.part);
      if (part !== undefined) out.push({ lo: part - TOLERANCE, why: C.underPart(labelOf(r.part), fixed2(part)) });
    }
  }
  return out;
}

const within = (v: number, bounds: Bound[]) => bounds.every((b) => (b.lo === undefined || v === 0 || v >= b.lo) && (b.hi === undefined || v <= b.hi));

/** Other readings of what was typed, in 万元, most likely first. */
function readings(text: string): number[] {
  const p = parseNumber(text);
  if (typeof p === 'string') return [];
  const raw = p.value;
  const out = [raw, raw / 10_000]; // 362.56元 meant 万元; 17428 meant 元
  if (Number.isInteger(raw) && raw >= 100 && (p.unit === null || p.unit === '万' || p.unit === '万元')) out.push(raw / 100); // 17428 for 174.28
  return out;
}

/** Whether `value` is within the range the report's other figures allow for `ref`. */
export function isPlausible(t: Turn, ref: FieldRef, value: FieldValue): boolean {
  return typeof value !== 'number' || within(value, boundsOf(t, ref));
}

/**
 * Figures of one message (a fast entry) that are implausible: the others are stored and said; the
 * first of these is asked about, the rest listed as not stored. Returns whether any was held back.
 */
export function askHeldBack(t: Turn, held: { ref: FieldRef; value: number; typed: string }[], took: string[]): boolean {
  if (!held.length) return false;
  if (took.length) t.say(zh.dialog.recordedMany(took.join('；')));
  if (held.length > 1) t.say(C.heldBack(held.slice(1).map((h) => `${labelOf(h.ref.key)} ${h.typed}`).join('；')));
  const first = held[0]!;
  if (!askPlausible(t, first.ref, first.value, first.typed, false)) {
    t.write(first.ref, first.value);
    afterAnswers(t, [zh.dialog.recorded(labelOf(first.ref.key), `${fixed2(first.value)}万元`)], [first.ref.key], [first.ref]);
  }
  return true;
}

/**
 * Ask before storing `value` for `ref` when it is implausible; returns whether it asked (nothing
 * is stored then). `typed` is the text of the figure as the user wrote it.
 */
export function askPlausible(t: Turn, ref: FieldRef, value: FieldValue, typed: string, inFlow: boolean): boolean {
  if (typeof value !== 'number') return false;
  const bounds = boundsOf(t, ref);
  if (within(value, bounds)) return false;
  const broken = bounds.find((b) => !within(value, [b]))!;
  const near = (a: number, b: number) => Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(b));
  const likely = readings(typed).find((r) => !near(r, value) && within(r, bounds));
  const shown = fixed2(value);
  const label = typed.trim();
  if (likely !== undefined) {
    t.state.clerk = { kind: 'value', ref, values: [likely, value], inFlow };
    t.say(C.ask(label, shown, broken.why, fixed2(likely)), [C.choiceLikely(fixed2(likely)), C.choiceAsTyped(shown)]);
  } else {
    t.state.clerk = { kind: 'value', ref, values: [value], inFlow };
    t.say(C.askConfirm(label, shown, broken.why), [C.choiceConfirm(shown), C.choiceRetype]);
  }
  return true;
}

const FIRST = ['1', '是', '对', '是的', '对的', '改', '改为', '应为', 'y', 'yes'];
const SECOND = ['2', '否', '不是', '不', '不对', '按所填', '保留', '原值', 'n', 'no'];

/**
 * The reply to a plausibility question: one of its choices stores that reading. Anything else is
 * not taken as a choice: the question is dropped and the message handled as usual (a new figure
 * answers the field again). Returns whether the message was the reply.
 */
export function plausibleReply(t: Turn, text: string): boolean {
  const ask = t.state.clerk;
  if (ask?.kind !== 'value') return false;
  delete t.state.clerk;
  const s = squash(text);
  const f = getField(ask.ref.key)!;
  const choices =
    ask.values.length === 2
      ? [C.choiceLikely(fixed2(ask.values[0]!)), C.choiceAsTyped(fixed2(ask.values[1]!))]
      : [C.choiceConfirm(fixed2(ask.values[0]!)), C.choiceRetype];
  let pick = choices.findIndex((c) => squash(c) === s);
  if (pick < 0 && FIRST.includes(s)) pick = 0;
  if (pick < 0 && SECOND.includes(s)) pick = 1;
  // the same figure typed again is the user's confirmation of it
  const again = pick < 0 ? parseAnswer(f, text) : undefined;
  const asTyped = ask.values.at(-1)!;
  if (again?.ok && typeof again.value === 'number' && Math.abs(again.value - asTyped) < 1e-9) pick = ask.values.length - 1;
  if (pick < 0) return false;
  if (ask.values.length === 1 && pick === 1) {
    reask(t);
    return true;
  }
  const value = ask.values[pick]!;
  t.write(ask.ref, value, ask.inFlow);
  afterAnswers(t, [zh.dialog.recorded(f.label, `${fixed2(value)}万元`)], [f.key], [ask.ref]);
  return true;
}
