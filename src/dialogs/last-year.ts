import { zh } from '../messages/zh.js';
import { getField } from '../report/catalogue.js';
import type { FieldDef } from '../report/fields.js';
import { plain } from '../report/format.js';
import type { FieldValue } from '../report/model.js';
import { squash } from './commands.js';
import { afterAnswers, canWrite, type Turn } from './engine.js';
import type { FieldRef } from './types.js';
import { optionsOf, parseAnswer } from './values.js';

/**
 * Say it once (issue 26 item 4): an answer the unit gave last year (its earlier report in the
 * database, or last year's file) that is not this year's data — a checklist item, a has/has-not
 * question, a count, a level — is offered when its question comes as a one-tap 「去年：…」 choice,
 * clearly marked as last year's. It waits in `priorTexts` with last year's texts (as the text one
 * would type for it), and nothing is stored until the user takes it.
 */

const LY = zh.lastYear;

const isText = (f: FieldDef) => f.kind === 'text' || f.kind === 'longtext';

/** The answer one would type for `value` (what parseAnswer reads back as the same value). */
export function answerText(f: FieldDef, value: FieldValue): string {
  if (typeof value === 'boolean') return value ? (f.yesNo?.[0] ?? '是') : (f.yesNo?.[1] ?? '否');
  if (typeof value === 'number') return f.kind === 'percent' ? `${plain(value)}%` : plain(value);
  return value;
}

/** Last year's answer for a top-level question that is not text, with its one-tap choice. */
export function lastYearOffer(t: Turn, ref: FieldRef): { line: string; choice: string; value: string } | undefined {
  const prior = t.state.priorTexts;
  if (!prior || ref.itemId || prior.report !== t.snap.report?.id) return undefined;
  const f = getField(ref.key);
  const value = prior.texts[ref.key];
  if (!f || isText(f) || value === undefined || t.plan().answered(ref)) return undefined;
  return { line: LY.line(value), choice: LY.offer(value), value };
}

/** 「去年：是」 (its button), 「去年」, or the number after the question's own options on a channel without buttons. */
export function lastYearReply(t: Turn, text: string): boolean {
  const step = t.state.step;
  if (step.kind !== 'field') return false;
  const offer = lastYearOffer(t, step.ref);
  if (!offer) return false;
  const f = getField(step.ref.key)!;
  const s = squash(text);
  const options = f.kind === 'choice' || f.kind === 'boolean' ? optionsOf(f) : undefined;
  const taken = s === squash(offer.choice) || (LY.replies as readonly string[]).includes(s) || (options !== undefined && s === String(options.length + 1));
  if (!taken) return false;
  const parsed = parseAnswer(f, offer.value);
  if (!parsed.ok) return false;
  if (!canWrite(t)) return true;
  delete t.state.priorTexts!.texts[f.key];
  if (Object.keys(t.state.priorTexts!.texts).length === 0) delete t.state.priorTexts;
  t.write(step.ref, parsed.value, true);
  afterAnswers(t, [zh.dialog.recorded(f.label, parsed.display)], [f.key], [step.ref]);
  return true;
}
