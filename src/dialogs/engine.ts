import { zh } from '../messages/zh.js';
import { getField, getGroup, sectionTitle } from '../report/catalogue.js';
import { runChecks } from '../report/checks.js';
import type { GroupId, SectionId } from '../report/fields.js';
import { ModelDraft } from '../report/draft.js';
import { type FieldValue, type GroupItem, type ReportModel } from '../report/model.js';
import { scoreReport } from '../scoring/engine.js';
import { rescoreReport } from '../scoring/incremental.js';
import { showValue } from '../scoring/inputs.js';
import type { ScoreResult } from '../scoring/result.js';
import type { AnswerWrite, ItemAdd } from '../store/patch.js';
import { isSideQuestion, parseCommand } from './commands.js';
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
import { Plan, type PlanEntry } from './plan.js';
import { askPlausible } from './plausible.js';
import { questionExtras } from './question-extras.js';
import { rowTurn } from './row-answer.js';
import { cloneState, refId, type Action, type Decision, type DialogState, type FieldRef, type Reply, type Snapshot } from './types.js';
import { answerContext } from './units.js';
import { optionsOf, parseAnswer } from './values.js';
import { runCommand } from './run-command.js';
import { onboarding, askOnboarding } from './onboarding.js';

export { runCommand } from './run-command.js';

/**
 * The conversation engine. Pure: given what the runner loaded (snapshot), the stored dialog
 * state and one message, it returns replies, the answers to store, the new state and at most one
 * action for the runner. No store, no clock, no network: ids come from `deps.newId`.
 */
export interface EngineDeps {
  newId: () => string;
}

const D = zh.dialog;
const MAX_MESSAGE = 10_000;
const FAILURES_BEFORE_OPTIONS = 3;

/** One turn's work on a copy of the state; exported for the import flow (import-flow.ts). */
export class Turn {
  readonly replies: Reply[] = [];
  readonly answers: AnswerWrite[] = [];
  readonly addItems: ItemAdd[] = [];
  readonly deleteItems: string[] = [];
  /** Questions left in the flow this turn, as refIds, for the stored step history (back.ts). */
  readonly steps: string[] = [];
  action?: Action;
  readonly state: DialogState;
  /** This turn's changes to the loaded report, copy-on-write (the loaded model is shared). */
  private readonly draft: ModelDraft | undefined;
  private scoreBefore: ScoreResult | undefined;
  /** Score of `model` as it is now; cleared by every change to the model. */
  private scoreNow: ScoreResult | undefined;
  /** Plan of `model` as it is now; cleared by every change to the model. */
  private planNow: Plan | undefined;
  private modelChanged = false;

  constructor(
    readonly snap: Snapshot,
    state: DialogState,
    readonly deps: EngineDeps,
  ) {
    this.state = cloneState(state);
    this.draft = snap.report ? new ModelDraft(snap.report.model) : undefined;
  }

  /** The report with this turn's changes; read only (changes go through write/addItem/deleteItem). */
  get model(): ReportModel | undefined {
    return this.draft?.model;
  }

  say(text: string, choices?: string[]): void {
    if (choices && !this.snap.buttons) text = `${text}\n${choices.map((c, i) => `${i + 1}. ${c}`).join('\n')}`;
    this.replies.push(choices ? { text, choices } : { text });
  }

  get role() {
    return this.snap.memberships.find((m) => m.unitId === this.snap.report?.unitId)?.role;
  }

  score(): ScoreResult {
    // From the loaded report's score when the runner has it: only indicators whose inputs this
    // turn changed are scored again.
    const loaded = this.snap.report!;
    this.scoreNow ??= loaded.score ? rescoreReport({ model: loaded.model, score: loaded.score }, this.model!, this.snap.ruleSet) : scoreReport(this.model!, this.snap.ruleSet);
    return this.scoreNow;
  }

  plan(): Plan {
    this.planNow ??= new Plan(this.model!);
    return this.planNow;
  }

  /** Call after any change to `model`. */
  changed(): void {
    this.modelChanged = true;
    this.scoreNow = undefined;
    this.planNow = undefined;
  }

  /** Score of the report as loaded, before this turn's answers (for live feedback). */
  before(): ScoreResult {
    this.scoreBefore ??= this.snap.report!.score ?? scoreReport(this.snap.report!.model, this.snap.ruleSet);
    return this.scoreBefore;
  }

  decision(): Decision {
    return {
      replies: this.replies,
      state: this.state,
      answers: this.answers,
      addItems: this.addItems,
      deleteItems: this.deleteItems,
      ...(this.steps.length ? { steps: this.steps } : {}),
      ...(this.action ? { action: this.action } : {}),
      // After a change, the score goes back even when nothing here asked for it: re-scored from
      // the loaded score it is cheap, and the runner keeps it as the next turn's "before".
      ...(this.scoreNow || (this.modelChanged && this.snap.report?.score) ? { score: this.score() } : {}),
    };
  }

  // --- writing -------------------------------------------------------------------------

  /** `inFlow`: answered as the pending question (so 上一步 returns to it), not set on the side. */
  write(ref: FieldRef, value: FieldValue | null, inFlow = false): void {
    const scope = ref.itemId ? this.draft!.item(ref.itemId)?.values : this.draft!.values();
    if (!scope) return;
    if (value === null) delete scope[ref.key];
    else scope[ref.key] = value;
    this.changed();
    this.answers.push({ fieldKey: ref.key, ...(ref.itemId ? { itemId: ref.itemId } : {}), value });
    const id = refId(ref);
    this.state.queue = this.state.queue.filter((q) => refId(q) !== id);
    this.state.skipped = this.state.skipped.filter((s) => s !== id);
    if (inFlow) this.remember(ref);
    this.state.failures = 0;
  }

  /** A question left (answered or skipped) in the flow: 上一步 comes back to it. */
  remember(ref: FieldRef): void {
    this.steps.push(refId(ref));
    delete this.state.backBefore;
  }

  addItem(group: GroupId, parentId?: string): GroupItem {
    const item: GroupItem = { id: this.deps.newId(), values: {}, children: {} };
    this.changed();
    this.addItems.push({ id: item.id, group, ...(parentId ? { parentId } : {}) });
    this.draft!.add(group, item, parentId);
    return item;
  }

  deleteItem(itemId: string): void {
    this.deleteItems.push(itemId);
    this.draft!.remove(itemId);
    this.changed();
  }
}

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
