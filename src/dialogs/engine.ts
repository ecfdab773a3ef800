import { zh } from '../messages/zh.js';
import { getField, getGroup, sectionTitle } from '../report/catalogue.js';
import { runChecks } from '../report/checks.js';
import type { SectionId } from '../report/fields.js';
import { showValue } from '../scoring/inputs.js';
import { isSideQuestion, parseCommand, type Command } from './commands.js';
import type { CommandContext } from './command-handlers/handler.js';
import { HANDLERS } from './command-handlers/table.js';
import { clerkTurn } from './clerk.js';
import { importTurn } from './import-flow.js';
import { pickTurn } from './edit-anywhere.js';
import { liveFeedback } from './feedback.js';
import { fieldHelpTurn } from './field-help.js';
import { formsQuestion, formsTurn, longTextAnswer } from './forms.js';
import { answerGate } from './gate.js';
import { pairProblem, sectionPosition } from './honest.js';
import { entryTurn } from './meant.js';
import { endOfQuestions } from './open-ends.js';
import { type PlanEntry } from './plan.js';
import { askPlausible } from './plausible.js';
import { questionExtras } from './question-extras.js';
import { rowTurn } from './row-answer.js';
import { Turn, type EngineDeps } from './turn.js';
import type { Decision, DialogState, FieldRef, Snapshot } from './types.js';
import { answerContext } from './units.js';
import { optionsOf, parseAnswer } from './values.js';
import { onboarding, askOnboarding } from './onboarding.js';

/**
 * The conversation engine. Pure: given what the runner loaded (snapshot), the stored dialog
 * state and one message, it returns replies, the answers to store, the new state and at most one
 * action for the runner. No store, no clock, no network: ids come from `deps.newId`. One turn's
 * work is a Turn (turn.ts); a command goes to its handler through command-handlers/table.ts.
 */
export { Turn, type EngineDeps } from './turn.js';

const D = zh.dialog;
const MAX_MESSAGE = 10_000;
const FAILURES_BEFORE_OPTIONS = 3;

// --- asking ------------------------------------------------------------------------------

function fieldQuestion(t: Turn, entry: Extract<PlanEntry, { kind: 'field' }>, edit: boolean): void {
  if (formsQuestion(t, entry, edit)) return;
  const f = entry.field;
  const { n, total } = sectionPosition(t.plan(), entry);
  const section = sectionTitle(entry.section);
  const lines: string[] = [];
  const options = f.kind === 'choice' || f.kind === 'boolean' ? optionsOf(f) : undefined;
  const unit = f.unit === '文本' || f.unit === '' ? '' : f.unit;
  lines.push(options ? D.questionChoice(n, total, section, f.label) : D.question(n, total, section, f.label, unit));
  if (entry.where) lines[0] += D.where(entry.where);
  if (f.help) lines.push(D.hint(f.help));
  const scope = t.plan().scope(entry.ref);
  if (edit && scope && scope[f.key] !== undefined) lines.push(D.current(showValue(f.key, scope[f.key]!)));
  if (f.defaultText) lines.push(D.defaultOffer(f.defaultText));
  t.say(...questionExtras(t, entry.ref, lines, options));
}

/** Ask the next question (or say all is done) and remember it as the current step. */
export function askNext(t: Turn): void {
  if (t.state.focus) {
    if (!t.plan().stillOpen(t.state.focus.itemId, t.state.gatesClosed)) delete t.state.focus;
  }
  const next = t.plan().next(t.state);
  if (!next) {
    t.state.step = { kind: 'done' };
    t.say(endOfQuestions(t));
    return;
  }
  const e = next.entry;
  if (e.kind === 'gate') {
    t.state.step = { kind: 'gate', group: e.group, ...(e.parentId ? { parentId: e.parentId } : {}) };
    const label = getGroup(e.group).label;
    t.say(e.count === 0 ? D.groupFirst(label) : D.groupMore(label, e.count), ['是', '否']);
    return;
  }
  const edit = next.queued || t.plan().answered(e.ref);
  t.state.step = { kind: 'field', ref: e.ref, ...(edit ? { edit: true } : {}) };
  fieldQuestion(t, e, edit);
}

/** Re-ask the pending question after a command or side question (never stores anything). */
export function reask(t: Turn): void {
  const step = t.state.step;
  if (step.kind === 'field') {
    const entry = t.plan().field(step.ref);
    if (entry) return fieldQuestion(t, entry, step.edit ?? false);
  }
  if (step.kind === 'confirmGenerate') return t.say(D.reviewConfirm);
  askNext(t);
}

// --- feedback after an answer ------------------------------------------------------------

export function sectionChecks(t: Turn, section: SectionId): void {
  const warnings = runChecks(t.model!, { projectGroups: t.snap.ruleSet.projects.groups }).filter((w) => w.section === section);
  if (warnings.length) t.say([D.checksAfterSection(sectionTitle(section)), ...warnings.map((w) => `- ${w.message}`)].join('\n'));
}

function sectionOf(ref: FieldRef): SectionId | undefined {
  return getField(ref.key)?.section;
}

/** After storing answers: confirmation, live score, section checks when a section is finished, next question. */
export function afterAnswers(t: Turn, confirmations: string[], keys: string[], refs: FieldRef[]): void {
  t.say(confirmations.length === 1 ? confirmations[0]! : D.recordedMany(confirmations.join('；')));
  liveFeedback(t, keys);
  const answeredSection = refs.length ? sectionOf(refs[refs.length - 1]!) : undefined;
  const next = t.plan().next(t.state);
  const nextSection = next?.entry.section;
  if (answeredSection && nextSection !== answeredSection) sectionChecks(t, answeredSection);
  askNext(t);
}

export function canWrite(t: Turn): boolean {
  if (t.role === 'reviewer') {
    t.say(D.readOnly);
    reask(t);
    return false;
  }
  return true;
}

export function answerField(t: Turn, ref: FieldRef, text: string): void {
  if (longTextAnswer(t, ref, text)) return;
  const f = getField(ref.key)!;
  const parsed = parseAnswer(f, text, answerContext(f, t.plan().scope(ref)));
  if (!parsed.ok) {
    t.state.failures++;
    const lines = [parsed.message];
    if (t.state.failures >= FAILURES_BEFORE_OPTIONS) lines.push(D.tryOptions);
    t.say(lines.join('\n'), t.state.failures >= FAILURES_BEFORE_OPTIONS && !(f.kind === 'choice' || f.kind === 'boolean') ? ['跳过', '稍后再填', '帮助'] : undefined);
    return;
  }
  const mismatch = pairProblem(t, ref, parsed.value);
  if (mismatch) return t.say(mismatch);
  if (!canWrite(t) || askPlausible(t, ref, parsed.value, text, true)) return;
  t.write(ref, parsed.value, true);
  afterAnswers(t, [D.recorded(f.label, parsed.display)], [ref.key], [ref]);
}

// --- commands ----------------------------------------------------------------------------

/**
 * Decide one parsed command through its handler (command-handlers/table.ts). False when the
 * message is not a command after all (e.g. 修改 of no known field while a text answer is
 * pending); `force`: the user said it is one (meant.ts).
 */
export function runCommand(t: Turn, cmd: Command, force = false): boolean {
  const step = t.state.step;
  const pendingField = step.kind === 'field' ? getField(step.ref.key) : undefined;
  const textPending = !force && (pendingField?.kind === 'text' || pendingField?.kind === 'longtext');
  // The table pairs each kind with its own handler; TypeScript cannot follow that through cmd.kind.
  const handler = HANDLERS[cmd.kind] as (t: Turn, cmd: Command, ctx: CommandContext) => boolean;
  return handler(t, cmd, { step, pendingField, textPending });
}

// --- entry points ------------------------------------------------------------------------

/** Handle one message. */
export function handle(snap: Snapshot, state: DialogState, text: string, deps: EngineDeps): Decision {
  const t = new Turn(snap, state, deps);
  if ([...text].length > MAX_MESSAGE) {
    t.say(D.tooLong(MAX_MESSAGE));
    if (t.model) reask(t);
    return t.decision();
  }
  if (!snap.report) {
    onboarding(t, text);
    return t.decision();
  }
  if (!text.trim()) {
    t.say(D.emptyMessage);
    reask(t);
    return t.decision();
  }
  // A file waiting for 确认 (or a question offering last year's text) takes its own words first.
  if (importTurn(t, text) || clerkTurn(t, text)) return t.decision();
  if (pickTurn(t, text) || fieldHelpTurn(t, text) || formsTurn(t, text)) return t.decision();
  // Emoji or symbols only: rejected by the pending field's own parser (a number, a text), but
  // "≥" is a valid choice, so nothing is refused here just for having no letters.
  const step = t.state.step;
  const cmd = parseCommand(text);
  if (cmd && runCommand(t, cmd)) return t.decision();

  if (step.kind === 'gate') {
    answerGate(t, step, text);
    return t.decision();
  }
  if (step.kind === 'confirmGenerate' || step.kind === 'confirmDelete') {
    if (step.kind === 'confirmDelete') t.say(D.confirmDeletePrompt, ['确认', '取消']);
    else reask(t);
    return t.decision();
  }

  const pending = step.kind === 'field' ? getField(step.ref.key) : undefined;
  const textPending = pending?.kind === 'text' || pending?.kind === 'longtext';
  if (rowTurn(t, text) || entryTurn(t, text)) return t.decision();
  if (!textPending) {
    if (pending && isSideQuestion(text)) {
      t.say(D.sideQuestion(pending.label, pending.help ?? D.noHelp));
      reask(t);
      return t.decision();
    }
  }
  if (step.kind === 'field') {
    answerField(t, step.ref, text);
    return t.decision();
  }
  t.say(/[\p{L}\p{N}]/u.test(text) ? D.unknownCommand : D.noWords);
  if (step.kind !== 'done') reask(t);
  return t.decision();
}

/** Ask where the user left off (on entering the chat, after an action, after a restart). */
export function resume(snap: Snapshot, state: DialogState, deps: EngineDeps, lead?: string): Decision {
  const t = new Turn(snap, state, deps);
  if (lead) t.say(lead);
  if (!snap.report) askOnboarding(t);
  else if (t.state.step.kind === 'field' || t.state.step.kind === 'gate' || t.state.step.kind === 'confirmGenerate') reask(t);
  else askNext(t);
  return t.decision();
}
