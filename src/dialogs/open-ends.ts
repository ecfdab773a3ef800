import { zh } from '../messages/zh.js';
import type { Turn } from './engine.js';
import { refId } from './types.js';

/**
 * No dead ends (issue 25 item 4): when nothing is left to ask, the bot says all is answered only
 * if nothing required is missing, and 「继续」 goes back to what was skipped, required first.
 */

const C = zh.clerk;
/** Missing items named in the end message. */
const NAMED = 5;

/** Required questions of the plan without an answer (all skipped once nothing else is open). */
function missingRequired(t: Turn) {
  const plan = t.plan();
  return plan.fields.filter((e) => e.field.required && !plan.answered(e.ref));
}

/** What to say when no open question is left. */
export function endOfQuestions(t: Turn): string {
  const missing = missingRequired(t);
  if (missing.length) {
    const names = missing.slice(0, NAMED).map((e) => (e.where ? `${e.where}${e.field.label}` : e.field.label));
    return C.requiredLeft(missing.length, names.join('、') + (missing.length > NAMED ? '…' : ''));
  }
  const plan = t.plan();
  const optional = plan.fields.filter((e) => t.state.skipped.includes(refId(e.ref)) && !plan.answered(e.ref)).length;
  return optional ? C.optionalLeft(optional) : zh.dialog.allDone;
}

/** 「继续」 with no open question: the skipped questions are asked again, the required ones first. */
export function reopenSkipped(t: Turn): void {
  if (t.plan().next(t.state)) return;
  const plan = t.plan();
  const required = new Set(missingRequired(t).map((e) => refId(e.ref)));
  const open = required.size ? required : new Set(plan.fields.filter((e) => !plan.answered(e.ref)).map((e) => refId(e.ref)));
  const back = t.state.skipped.filter((id) => open.has(id));
  if (!back.length) return;
  t.state.skipped = t.state.skipped.filter((id) => !open.has(id));
  t.say(C.backToSkipped(back.length));
}
