import type { Turn } from './engine.js';
import { priorTextOffer } from './import-flow.js';
import { lastYearOffer } from './last-year.js';
import { rowHint } from './row-answer.js';
import type { FieldRef } from './types.js';

/**
 * What a question shows besides its label (issue 26): the shape of the row it is part of (one
 * message answers the row), last year's text or answer as a one-tap default. Appends its lines to
 * the question's `lines`; returns the question's text and buttons (its own options, else the offer's).
 */
export function questionExtras(t: Turn, ref: FieldRef, lines: string[], options: string[] | undefined): [string, string[] | undefined] {
  const row = rowHint(t, ref);
  if (row) lines.push(row);
  const prior = priorTextOffer(t, ref);
  if (prior) lines.push(prior.line);
  // last year's answer: a choice after the question's own (their numbers stay what they were)
  const last = lastYearOffer(t, ref);
  if (last) {
    lines.push(last.line);
    return [lines.join('\n'), [...(options ?? []), last.choice]];
  }
  return [lines.join('\n'), options ?? prior?.choices];
}
