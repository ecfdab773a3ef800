import type { GroupId } from '../report/fields.js';
import { ModelDraft } from '../report/draft.js';
import type { FieldValue, GroupItem, ReportModel } from '../report/model.js';
import { scoreReport } from '../scoring/engine.js';
import { rescoreReport } from '../scoring/incremental.js';
import type { ScoreResult } from '../scoring/result.js';
import type { AnswerWrite, ItemAdd } from '../store/patch.js';
import { Plan } from './plan.js';
import { cloneState, refId, type Action, type Decision, type DialogState, type FieldRef, type Reply, type Snapshot } from './types.js';

/** What the engine asks of its caller: ids for new items (the engine has no clock and no randomness). */
export interface EngineDeps {
  newId: () => string;
}

/**
 * One turn's work on a copy of the state: the replies, the answers and items to store, the
 * action for the runner (engine.ts, command-handlers/, import-flow.ts …). Moved out of engine.ts.
 */
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
