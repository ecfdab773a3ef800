import { zh } from '../messages/zh.js';
import { getField, getGroup, groupFields, SECTIONS, sectionTitle, TOP_FIELDS } from '../report/catalogue.js';
import { runChecks } from '../report/checks.js';
import type { GroupId, SectionId } from '../report/fields.js';
import { fixed2 } from '../report/format.js';
import { ModelDraft } from '../report/draft.js';
import { isActive, items, str, type FieldValue, type GroupItem, type ReportModel } from '../report/model.js';
import { scoreReport } from '../scoring/engine.js';
import { rescoreReport } from '../scoring/incremental.js';
import { showValue } from '../scoring/inputs.js';
import type { ScoreResult } from '../scoring/result.js';
import type { AnswerWrite, ItemAdd } from '../store/patch.js';
import { findField, isSideQuestion, parseCommand, squash, type Command } from './commands.js';
import { clerkTurn } from './clerk.js';
import { memberCommand } from './before-year.js';
import { importTurn } from './import-flow.js';
import { goBack } from './back.js';
import { editAnywhere, pickTurn, sayItemById, viewItem } from './edit-anywhere.js';
import { liveFeedback } from './feedback.js';
import { fieldHelpTurn } from './field-help.js';
import { formsQuestion, formsTurn, longTextAnswer } from './forms.js';
import { answerGate, atLimit } from './gate.js';
import { pairProblem, progressReply, sectionPosition, skipReply } from './honest.js';
import { entryTurn } from './meant.js';
import { endOfQuestions, reopenSkipped } from './open-ends.js';
import { findItem, Plan, type PlanEntry } from './plan.js';
import { askPlausible } from './plausible.js';
import { reviewerLines } from '../oversight/flags.js';
import { sayScore } from './score-reply.js';
import { questionExtras } from './question-extras.js';
import { rowEdit, rowTurn } from './row-answer.js';
import { cloneState, gateId, parseRefId, refId, type Action, type Decision, type DialogState, type FieldRef, type Reply, type Snapshot } from './types.js';
import { answerContext } from './units.js';
import { whatIfCommand } from './what-if.js';
import { optionsOf, parseAnswer } from './values.js';

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

// --- commands ----------------------------------------------------------------------------

function viewSection(t: Turn, what: string): boolean {
  const s = squash(what);
  const section =
    SECTIONS.find((x) => squash(x.title) === s || squash(x.title).includes(s) || s.includes(squash(x.title))) ??
    (/^\d+$/.test(s) ? SECTIONS[Number(s) - 1] : undefined);
  if (!section) return false;
  const lines = [D.viewHead(section.title)];
  for (const f of TOP_FIELDS.filter((x) => x.section === section.id && isActive(x, t.model!.values))) {
    const v = t.model!.values[f.key];
    lines.push(D.viewLine(f.label, v === undefined ? D.notFilled : showValue(f.key, v)));
  }
  const group = section.id === 'specials' ? 'special' : section.id === 'targets' ? 'target' : undefined;
  if (group) lines.push(...listLines(t, group));
  t.say(lines.join('\n'));
  return true;
}

function itemName(item: GroupItem, group: GroupId): string {
  return str(item.values, `${group}.name`) ?? D.notFilled;
}

function listLines(t: Turn, group: GroupId): string[] {
  const list = items(t.model!, group);
  const label = getGroup(group).label;
  if (list.length === 0) return [D.itemNone(label)];
  return [D.itemList(label), ...list.map((it, i) => D.itemLine(i + 1, itemName(it, group)))];
}

function review(t: Turn): void {
  const lines: string[] = [D.reviewHead];
  const missingBySection = new Map<SectionId, string[]>();
  const plan = t.plan();
  for (const e of plan.entries) {
    if (e.kind === 'field' && e.field.required && !plan.answered(e.ref)) {
      const list = missingBySection.get(e.section) ?? [];
      list.push(e.where ? `${e.where}${e.field.label}` : e.field.label);
      missingBySection.set(e.section, list);
    }
  }
  for (const p of plan.progress()) {
    if (p.total === 0) continue;
    const missing = missingBySection.get(p.section) ?? [];
    lines.push(D.reviewSection(sectionTitle(p.section), p.done, p.total, missing.slice(0, 5).join('、') + (missing.length > 5 ? '…' : '')));
  }
  const warnings = runChecks(t.model!, { projectGroups: t.snap.ruleSet.projects.groups });
  if (warnings.length) lines.push(D.reviewChecks(warnings.length), ...warnings.map((w) => `- ${w.message}`));
  const score = t.score();
  lines.push(D.scoreHead(fixed2(score.total), score.grade, !score.complete, fixed2(score.maxReachable)), ...reviewerLines(t.model!, score, t.snap.ruleSet));
  t.say(lines.join('\n'));
  t.state.step = { kind: 'confirmGenerate' };
  t.say(D.reviewConfirm, ['确认生成', '继续']);
}

function groupItem(t: Turn, group: GroupId, n: number): GroupItem | undefined {
  const list = items(t.model!, group);
  if (n < 1 || n > list.length) {
    t.say(list.length ? D.itemBadNumber(getGroup(group).label, list.length) : D.itemNone(getGroup(group).label));
    reask(t);
    return undefined;
  }
  return list[n - 1];
}

/**
 * Returns false when the message is not a command after all (e.g. 修改 of no known field while a
 * text answer is pending); `force`: the user said it is one (meant.ts).
 */
export function runCommand(t: Turn, cmd: Command, force = false): boolean {
  const step = t.state.step;
  const pendingField = step.kind === 'field' ? getField(step.ref.key) : undefined;
  const textPending = !force && (pendingField?.kind === 'text' || pendingField?.kind === 'longtext');
  switch (cmd.kind) {
    case 'help': {
      const help = pendingField?.help ? `\n${D.hint(pendingField.help)}` : '';
      t.say(D.help + help);
      reask(t);
      return true;
    }
    case 'continue':
      if (step.kind === 'confirmGenerate') t.state.step = { kind: 'done' };
      reopenSkipped(t);
      askNext(t);
      return true;
    case 'progress':
      t.say(progressReply(t));
      reask(t);
      return true;
    case 'score':
      sayScore(t, cmd.detail);
      reask(t);
      return true;
    case 'view': {
      if (viewItem(t, cmd.what)) return true;
      const s = squash(cmd.what);
      const group = s.includes('项目') || s.includes('专项') ? 'special' : s.includes('目标') ? 'target' : undefined;
      if (group) t.say(listLines(t, group).join('\n'));
      else if (!viewSection(t, cmd.what)) {
        if (textPending) return false;
        t.say(D.viewUnknown(SECTIONS.map((x) => x.title).join('、')));
      }
      reask(t);
      return true;
    }
    case 'edit':
    case 'set': {
      if (rowEdit(t, cmd) || editAnywhere(t, cmd, textPending)) return true;
      const f = findField(cmd.what);
      if (!f) {
        if (textPending) return false;
        t.say(D.unknownField(cmd.what));
        reask(t);
        return true;
      }
      if (!canWrite(t)) return true;
      if (cmd.kind === 'edit') {
        t.state.queue = [{ key: f.key }, ...t.state.queue.filter((q) => q.key !== f.key || q.itemId)];
        t.say(D.editAsk(f.label));
        askNext(t);
        return true;
      }
      const parsed = parseAnswer(f, cmd.value);
      if (!parsed.ok) {
        t.say(parsed.message);
        reask(t);
        return true;
      }
      if (askPlausible(t, { key: f.key }, parsed.value, cmd.value, false)) return true;
      t.write({ key: f.key }, parsed.value);
      t.say(D.recorded(f.label, parsed.display));
      liveFeedback(t, [f.key]);
      reask(t);
      return true;
    }
    case 'whatIf':
      return whatIfCommand(t, cmd, textPending);
    case 'back':
      goBack(t);
      return true;
    case 'skip':
    case 'later':
      if (step.kind === 'field') {
        const id = refId(step.ref);
        const kept = t.plan().answered(step.ref);
        if (!t.state.skipped.includes(id) && !kept) t.state.skipped.push(id);
        t.remember(step.ref);
        t.state.queue = t.state.queue.filter((q) => refId(q) !== id);
        t.state.failures = 0;
        t.say(skipReply(t, step.ref, kept));
        askNext(t);
      } else if (step.kind === 'gate') {
        t.state.gatesClosed.push(gateId(step.group, step.parentId));
        askNext(t);
      } else reask(t);
      return true;
    case 'cancel':
      if (step.kind === 'confirmGenerate' || step.kind === 'confirmDelete' || t.state.queue.length || t.state.focus) {
        t.state.queue = [];
        delete t.state.focus;
        t.state.step = { kind: 'done' };
        t.say(D.cancelled);
        askNext(t);
      } else {
        t.say(D.nothingToCancel);
        reask(t);
      }
      return true;
    case 'generate':
      review(t);
      return true;
    case 'confirmGenerate':
      t.action = { kind: 'generateReport' };
      t.state.step = { kind: 'done' };
      return true;
    case 'confirm':
      if (step.kind === 'confirmDelete') {
        if (!canWrite(t)) return true;
        const list = items(t.model!, step.group);
        const n = list.findIndex((i) => i.id === step.itemId) + 1;
        t.deleteItem(step.itemId);
        t.state.queue = t.state.queue.filter((q) => q.itemId !== step.itemId);
        if (t.state.focus?.itemId === step.itemId) delete t.state.focus;
        t.say(D.itemDeleted(getGroup(step.group).label, n));
        askNext(t);
        return true;
      }
      if (step.kind === 'confirmGenerate') return runCommand(t, { kind: 'confirmGenerate' });
      // nothing waits for a 确认 (no file, no deletion): it is not an answer to the question either
      t.say(D.nothingToConfirm);
      reask(t);
      return true;
    case 'invite':
      if (t.role !== 'admin') {
        t.say(D.adminOnly);
        reask(t);
      } else t.action = { kind: 'createInvite' };
      return true;
    case 'join':
      t.action = { kind: 'joinUnit', code: cmd.code };
      return true;
    case 'year':
      t.action = { kind: 'openReport', year: cmd.year };
      return true;
    case 'useDefault': {
      if (step.kind !== 'field' || !pendingField?.defaultText) return false;
      if (!canWrite(t)) return true;
      t.write(step.ref, pendingField.defaultText, true);
      afterAnswers(t, [D.recorded(pendingField.label, pendingField.defaultText)], [pendingField.key], [step.ref]);
      return true;
    }
    case 'addItem': {
      if (!canWrite(t)) return true;
      if (atLimit(t, cmd.group)) {
        reask(t);
        return true;
      }
      const item = t.addItem(cmd.group);
      t.state.focus = { itemId: item.id };
      t.state.gatesClosed = t.state.gatesClosed.filter((g) => g !== gateId(cmd.group));
      t.say(D.itemAdded(getGroup(cmd.group).label, items(t.model!, cmd.group).length));
      askNext(t);
      return true;
    }
    case 'listItems':
      t.say(listLines(t, cmd.group).join('\n'));
      reask(t);
      return true;
    case 'deleteItem': {
      const item = groupItem(t, cmd.group, cmd.n);
      if (!item) return true;
      t.state.step = { kind: 'confirmDelete', group: cmd.group, itemId: item.id };
      t.say(D.itemDeleteConfirm(getGroup(cmd.group).label, cmd.n, itemName(item, cmd.group)), ['确认', '取消']);
      return true;
    }
    case 'editItem': {
      const item = groupItem(t, cmd.group, cmd.n);
      if (!item) return true;
      if (!canWrite(t)) return true;
      const refs = groupFields(cmd.group)
        .filter((f) => isActive(f, item.values))
        .map((f) => ({ key: f.key, itemId: item.id }));
      sayItemById(t, item.id);
      t.state.queue = [...refs, ...t.state.queue];
      askNext(t);
      return true;
    }
  }
}

// --- onboarding --------------------------------------------------------------------------

const YEAR_OK = ['确定', '好', '好的', '是', '对', '可以', 'ok', '默认'];

function onboarding(t: Turn, text: string): void {
  const cmd = parseCommand(text);
  if (cmd?.kind === 'join') {
    t.action = { kind: 'joinUnit', code: cmd.code };
    return;
  }
  if (cmd?.kind === 'help') {
    t.say(D.help);
    askOnboarding(t);
    return;
  }
  if (memberCommand(t, cmd, text)) return;
  const step = t.state.step;
  const s = squash(text);
  if (t.snap.memberships.length === 0) {
    if (step.kind === 'unitName') {
      const parsed = parseAnswer(getField('unit.name')!, text);
      if (!parsed.ok) return t.say(parsed.message);
      t.state.step = { kind: 'unitRank', name: String(parsed.value) };
      return askOnboarding(t);
    }
    if (step.kind === 'unitRank') {
      const parsed = parseAnswer(getField('unit.rank')!, text);
      if (!parsed.ok) return t.say(parsed.message, t.snap.buttons ? optionsOf(getField('unit.rank')!) : undefined);
      t.action = { kind: 'createUnit', name: step.name, rank: String(parsed.value) };
      t.state.step = { kind: 'year' };
      return;
    }
    if (step.kind === 'joinCode') {
      const code = s.toUpperCase().replace(/^加入/, '');
      if (/^[A-Z0-9]{4,8}$/.test(code)) {
        t.action = { kind: 'joinUnit', code };
        return;
      }
      return t.say(D.askJoinCode);
    }
    if (step.kind === 'start') {
      if (s === '1' || s.includes('创建')) t.state.step = { kind: 'unitName' };
      else if (s === '2' || s.includes('加入')) t.state.step = { kind: 'joinCode' };
    }
    return askOnboarding(t);
  }
  // A member without an open report: choose the year.
  if (step.kind === 'year') {
    const def = t.snap.today.year - 1;
    if (YEAR_OK.includes(s)) {
      t.action = { kind: 'openReport', year: def };
      return;
    }
    const y = s.match(/^(\d{4})(年|年度)?$/);
    if (y && Number(y[1]) >= 2000 && Number(y[1]) <= 2100) {
      t.action = { kind: 'openReport', year: Number(y[1]) };
      return;
    }
    t.say(D.badYear);
  }
  t.state.step = { kind: 'year' };
  askOnboarding(t);
}

function askOnboarding(t: Turn): void {
  const step = t.state.step;
  if (t.snap.memberships.length === 0) {
    if (step.kind === 'unitName') return t.say(D.askUnitName);
    if (step.kind === 'unitRank') return t.say(D.askUnitRank, optionsOf(getField('unit.rank')!));
    if (step.kind === 'joinCode') return t.say(D.askJoinCode);
    t.state.step = { kind: 'start' };
    return t.say(D.welcomeNew, [...D.startChoices]);
  }
  t.state.step = { kind: 'year' };
  t.say(D.askYear(t.snap.today.year - 1));
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
