import { zh } from '../../messages/zh.js';
import { getField } from '../../report/catalogue.js';
import { squash } from '../commands.js';
import { afterAnswers, canWrite, reask, type Turn } from '../engine.js';
import type { FieldRef } from '../types.js';
import { show } from './pending.js';

/**
 * Last year's texts (src/import/shift.ts): once their section is confirmed they wait in
 * `priorTexts` and the question offers 「沿用去年表述」/「修改」 instead of typing.
 */

const IF = zh.importFlow;
const D = zh.dialog;

const USE_PRIOR = ['沿用去年表述', '沿用', '沿用去年', '用去年的', '用去年表述', '沿用去年的'];
const EDIT_PRIOR = ['修改', '改', '重新填写', '不沿用'];

/** Last year's text for a top-level question, offered with 「沿用去年表述」/「修改」. */
export function priorTextOffer(t: Turn, ref: FieldRef): { line: string; choices: string[] } | undefined {
  const prior = t.state.priorTexts;
  if (!prior || ref.itemId || prior.report !== t.snap.report?.id) return undefined;
  const text = prior.texts[ref.key];
  const kind = getField(ref.key)?.kind;
  // other answers of last year are offered as 「去年：…」 (dialogs/last-year.ts)
  if (text === undefined || (kind !== 'text' && kind !== 'longtext') || t.plan().answered(ref)) return undefined;
  return { line: IF.priorOffer(text), choices: [...IF.priorChoices] };
}

/** 「沿用去年表述」 or 「修改」 to a question that offers last year's text. */
export function priorTextReply(t: Turn, text: string): boolean {
  const step = t.state.step;
  if (step.kind !== 'field') return false;
  const offer = priorTextOffer(t, step.ref);
  if (!offer) return false;
  const s = squash(text);
  const f = getField(step.ref.key)!;
  const texts = t.state.priorTexts!.texts;
  const drop = () => {
    delete texts[f.key];
    if (Object.keys(texts).length === 0) delete t.state.priorTexts;
  };
  if (USE_PRIOR.includes(s) || s === '1') {
    if (!canWrite(t)) return true;
    const value = texts[f.key]!;
    drop();
    t.write(step.ref, value, true);
    afterAnswers(t, [D.recorded(f.label, show(f.key, value))], [f.key], [step.ref]);
    return true;
  }
  if (EDIT_PRIOR.includes(s) || s === '2') {
    drop();
    t.say(D.editAsk(f.label));
    reask(t);
    return true;
  }
  return false;
}
