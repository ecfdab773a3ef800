import { checklistQuestion, checklistTurn } from './checklist.js';
import type { Turn } from './engine.js';
import { generatedDefaultTurn, generatedQuestion } from './generated-default.js';
import { longTextAnswer, paragraphsQuestion, paragraphsTurn } from './paragraphs.js';
import type { PlanEntry } from './plan.js';

/**
 * The engine's hooks for the shorter forms of issue 26 (items 2, 3, 6): one call each from
 * engine.ts, the logic in the files named.
 */

/** Before commands: a checklist reply (checklist.ts), 完成 / 续写 (paragraphs.ts), 用默认 of a generated wording (generated-default.ts). */
export function formsTurn(t: Turn, text: string): boolean {
  return checklistTurn(t, text) || paragraphsTurn(t, text) || generatedDefaultTurn(t, text);
}

/** Instead of the plain question: a long text taking more paragraphs, a whole checklist, a generated default. */
export function formsQuestion(t: Turn, entry: Extract<PlanEntry, { kind: 'field' }>, edit: boolean): boolean {
  return paragraphsQuestion(t, entry) || checklistQuestion(t, entry, edit) || generatedQuestion(t, entry, edit);
}

export { longTextAnswer };
