import type { ScoreChart } from '../picture/score-chart.js';
import type { ScoreResult } from '../scoring/result.js';
import type { GroupId, SectionId } from '../report/fields.js';
import type { FieldValue, ReportModel } from '../report/model.js';
import type { RuleSet } from '../scoring/ruleset-schema.js';
import type { Role } from '../store/people.js';
import type { AnswerWrite, ItemAdd } from '../store/patch.js';

/** One question of a field, top level or inside a group item. */
export interface FieldRef {
  key: string;
  itemId?: string;
}

/** Where the conversation is. Stored as JSON per (user, channel): keep it small and versioned. */
export type Step =
  | { kind: 'start' }
  | { kind: 'unitName' }
  | { kind: 'unitRank'; name: string }
  | { kind: 'joinCode' }
  | { kind: 'year' }
  /** `more`: a long text that takes further paragraphs until 完成 (dialogs/paragraphs.ts). */
  | { kind: 'field'; ref: FieldRef; edit?: boolean; more?: boolean }
  | { kind: 'gate'; group: GroupId; parentId?: string }
  | { kind: 'confirmDelete'; group: GroupId; itemId: string }
  | { kind: 'confirmGenerate' }
  | { kind: 'done' };

export interface DialogState {
  v: 1;
  step: Step;
  unitId?: string;
  reportId?: string;
  /** Failed tries on the current question. */
  failures: number;
  /**
   * The 上一步 list as versions before the stored step history kept it (refIds, most recent
   * last): no longer added to, only walked (after the stored history) and emptied by 上一步, so
   * a conversation stored before the upgrade loses nothing (dialogs/back.ts).
   */
  back: string[];
  /**
   * Where repeated 上一步 have got to in the stored step history (its row id): the next 上一步
   * goes to a step before it. Cleared by any new step in the flow (dialogs/back.ts).
   */
  backBefore?: number;
  /** Questions to ask next regardless of answers (修改, 上一步, 修改项目). */
  queue: FieldRef[];
  /** Item being filled after 添加项目: its questions come first. */
  focus?: { itemId: string };
  /** Questions skipped (跳过 / 稍后再填), as `key@itemId`. */
  skipped: string[];
  /** "Add another?" gates answered 否, as `group@parentId`. */
  gatesClosed: string[];
  /**
   * A numbered list of fields a name matched (修改 年度指标值 in a project of 8 indicators), as
   * refIds; a number picks one. `value`: the value of a 「X 改为 V」 to store in the picked field.
   * Dropped by any other message.
   */
  pick?: { refs: string[]; value?: string };
  /** A file's values waiting for the user's 确认 (dialogs/import-flow.ts); nothing of it is stored yet. */
  pendingImport?: PendingImport;
  /**
   * Texts of last year's report, offered as 「沿用去年表述」 when their (top-level) question
   * comes, by field key. Dropped once the question is answered or another report is opened.
   */
  priorTexts?: { report: string; texts: Record<string, string> };
  /** A question the clerk asked before storing (dialogs/plausible.ts, dialogs/meant.ts). */
  clerk?: ClerkAsk;
}

/**
 * `value`: a figure outside its expected range, with the readings offered (the likely one first,
 * the one typed last); `inFlow` as in Turn.write. `meant`: a message on a text question that reads
 * as a command or as several fields, kept until the user says which it was.
 */
export type ClerkAsk =
  | { kind: 'value'; ref: FieldRef; values: number[]; inFlow: boolean }
  | { kind: 'meant'; ref: FieldRef; text: string; as: 'command' | 'entry' };

/**
 * One value of a pending import: field key, where it goes (`''` top level, `+n` an item the
 * import adds, else the id of an existing item), the value (in the field's unit) and where the
 * file had it. Tuples, not objects: a last year's report proposes ~150 values and the state is
 * written every turn while they wait.
 */
export type PendingValue = [key: string, at: string, value: FieldValue, source: string];

/** An item the import adds on 确认: its `+n` ref, group and parent (`''`, an item id or a `+n`). */
export type PendingItem = [ref: string, group: GroupId, parent: string];

/**
 * A question asked before the summary: another unit's file, this year's report, a report without
 * a year, a template or sheet of another year than the report's (file's year, report's year).
 */
export type ImportAsk = ['unit', string, string] | ['sameYear', number] | ['noYear', number] | ['otherYear', number, number];

export interface PendingImport {
  /** The report it was read for; dropped when another is open. */
  report: string;
  file: string;
  /** What the file is, for the summary: 「2023 年度报告，作为上年数据」. */
  what: string;
  ask: ImportAsk[];
  /** Sections still to confirm, in report order; the first is the one shown. */
  sections: SectionId[];
  values: PendingValue[];
  items: PendingItem[];
  /** Last year's texts (field key, text), offered as defaults once their section is confirmed. */
  texts: [key: string, text: string][];
  /** Lines that could not be placed and notes, said once in the overview, then cleared. */
  notes: string[];
  /** Values stored so far (sections already confirmed). */
  stored: number;
  /** Index into `values` being changed after 「修改 X」 (the next message is its new value). */
  edit?: number;
  /** The last reply ended with the import's prompt: a bare 1–4 picks one of its choices. */
  prompt?: boolean;
  /** The user was reminded of it once while answering other questions. */
  reminded?: boolean;
}

/**
 * A copy of a state that shares no object with it (the engine changes its copy in place). Same
 * result as structuredClone for any state the engine writes, without serialising.
 */
export function cloneState(s: DialogState): DialogState {
  const copy: DialogState = {
    ...s,
    step: s.step.kind === 'field' ? { ...s.step, ref: { ...s.step.ref } } : { ...s.step },
    back: [...s.back],
    queue: s.queue.map((r) => ({ ...r })),
    skipped: [...s.skipped],
    gatesClosed: [...s.gatesClosed],
  };
  if (s.focus) copy.focus = { ...s.focus };
  if (s.pick) copy.pick = { ...s.pick, refs: [...s.pick.refs] };
  // Rare and made of primitives and arrays: a structured copy costs nothing on ordinary turns.
  if (s.pendingImport) copy.pendingImport = structuredClone(s.pendingImport);
  if (s.clerk) copy.clerk = structuredClone(s.clerk);
  if (s.priorTexts) copy.priorTexts = { report: s.priorTexts.report, texts: { ...s.priorTexts.texts } };
  return copy;
}

export function initialState(): DialogState {
  return { v: 1, step: { kind: 'start' }, failures: 0, back: [], queue: [], skipped: [], gatesClosed: [] };
}

export const refId = (r: FieldRef): string => `${r.key}@${r.itemId ?? ''}`;
export const gateId = (group: GroupId, parentId?: string): string => `${group}@${parentId ?? ''}`;

/** The ref a `refId` was made of (field keys have no `@`, item ids are uuids). */
export function parseRefId(id: string): FieldRef {
  const at = id.lastIndexOf('@');
  if (at < 0) return { key: id };
  const itemId = id.slice(at + 1);
  return itemId ? { key: id.slice(0, at), itemId } : { key: id.slice(0, at) };
}

/**
 * A stored conversation state as the engine expects it: the initial state when there is none,
 * and the 上一步 list of states written before it held refIds (objects then) converted.
 */
export function stateOf(stored: unknown): DialogState {
  if (stored === undefined || stored === null) return initialState();
  const s = stored as DialogState;
  const back = s.back as unknown[] | undefined;
  if (!back) return { ...s, back: [] };
  if (back.every((b) => typeof b === 'string')) return s;
  return { ...s, back: back.map((b) => (typeof b === 'string' ? b : refId(b as FieldRef))) };
}

export interface Membership {
  unitId: string;
  unitName: string;
  role: Role;
}

/** Everything the engine may read for one turn; loaded by the runner, never fetched by the engine. */
export interface Snapshot {
  userId: string;
  memberships: Membership[];
  /** The report the user is on, with its answers as of `version`. */
  report?: {
    id: string;
    unitId: string;
    year: number;
    version: number;
    model: ReportModel;
    /** The score of `model` under `ruleSet`, when the runner has it already (saves a scoring). */
    score?: ScoreResult;
  };
  ruleSet: RuleSet;
  /** For the default year (last year); passed in so the engine has no clock. */
  today: { year: number };
  /** Whether the channel shows buttons for choices. */
  buttons: boolean;
  /**
   * The stored step history of this person, channel and report before `state.backBefore`,
   * oldest first; loaded only for a 上一步 (dialogs/back.ts).
   */
  history?: { id: number; ref: string }[];
}

export interface Reply {
  text: string;
  /** Options to show as buttons (channels without buttons print them numbered in `text`). */
  choices?: string[];
  /** Set on the reply that carries the generated report. */
  file?: { fileId: string; fileName: string };
  /** The score picture to draw with this reply (picture/score-chart.ts; channels render it). */
  picture?: ScoreChart;
}

/** Side effects only the runner can perform (they need the store or the exporter). */
export type Action =
  | { kind: 'createUnit'; name: string; rank: string }
  | { kind: 'joinUnit'; code: string }
  /** `latest`: the unit's most recent report if it has one; `then`: a message to handle once it is open. */
  | { kind: 'openReport'; year: number; latest?: boolean; then?: string }
  | { kind: 'createInvite' }
  | { kind: 'generateReport' };

export interface Decision {
  replies: Reply[];
  state: DialogState;
  answers: AnswerWrite[];
  addItems: ItemAdd[];
  deleteItems: string[];
  /** Questions left in the flow this turn (refIds), appended to the stored step history. */
  steps?: string[];
  action?: Action;
  /** The score of the report after this turn's changes, when the engine computed it. */
  score?: ScoreResult;
}
