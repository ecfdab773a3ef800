import { Bot } from '../../src/bot/bot.js';
import type { DialogState, Reply } from '../../src/dialogs/types.js';
import { getField } from '../../src/report/catalogue.js';
import { checklistOf } from '../../src/report/checklists.js';
import type { FieldValue, GroupItem, ReportModel } from '../../src/report/model.js';
import type { Database } from '../../src/store/db.js';
import { loadConversation, loadReportModel } from '../../src/store/reports.js';
import { indicatorRowText, rowText } from './walker-rows.js';

/** Text a person would type for a fixture value; `variant` rotates through the formats people use. */
/** The bot every seed walk uses: the reference rule set, a fixed clock (report year 2024). */
export const newBot = (database: Database) => new Bot({ database, defaultRuleSetId: 'yueyang-reference', now: () => new Date('2025-03-01T09:00:00Z') });

/** A report model without its item ids, to compare two walks' stores with the fixture. */
export const stripIds = (m: ReportModel) => ({
  values: m.values,
  special: (m.groups.special ?? []).map((s) => ({ values: s.values, rows: (s.children.specialIndicator ?? []).map((r) => r.values) })),
  target: (m.groups.target ?? []).map((t) => t.values),
});

export function typed(key: string, value: FieldValue, variant: number): string {
  const f = getField(key)!;
  if (typeof value === 'boolean') return value ? f.yesNo![0] : f.yesNo![1];
  if (typeof value === 'string') return value;
  if (f.kind === 'money') {
    const yuan = Math.round(value * 10_000);
    switch (variant % 4) {
      case 1:
        return `${value}万`;
      case 2:
        return `${yuan.toLocaleString('en-US')}元`;
      case 3:
        return `${String(value).replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))}`; // full-width
      default:
        return String(value);
    }
  }
  if (f.kind === 'percent') return variant % 2 ? `${value}%` : String(value);
  if (f.kind === 'integer' && f.unit && variant % 2) return `${value}${f.unit}`;
  return String(value);
}

interface Cursor {
  /** fixture item for each created item id */
  map: Map<string, GroupItem>;
}

/**
 * Drives a Bot like a person with the seed report in hand: reads the pending question from the
 * stored conversation state and answers it from the fixture (跳过 where the fixture has nothing).
 * Stops after `maxTurns` messages or when `until(state)` holds. `mode`: `cell` answers one question
 * per message; `row` answers a whole row of figures (an attachment-1 row, a project's amounts and
 * funding split, an indicator or target) in one message where the question offers it.
 */
export class Walker {
  readonly transcript: { sent: string; replies: Reply[] }[] = [];
  private n = 0;
  private readonly cursor: Cursor = { map: new Map() };

  /** How a message reaches the bot; by default straight to `bot.handleMessage`. */
  transport: ((text: string) => Promise<Reply[]>) | undefined;

  constructor(
    readonly database: Database,
    public bot: Bot,
    readonly fixture: ReportModel,
    readonly user = 'wecom:walker',
    readonly channel = 'test',
    readonly mode: 'cell' | 'row' = 'cell',
  ) {}

  async state(): Promise<DialogState> {
    const u = await this.database.db.user.findUnique({ where: { externalId: this.user } });
    return (u && ((await loadConversation(this.database.db, u.id, this.channel)) as DialogState)) || ({ step: { kind: 'start' } } as DialogState);
  }

  async send(text: string): Promise<Reply[]> {
    const replies = this.transport
      ? await this.transport(text)
      : await this.bot.handleMessage({ channel: this.channel, userExternalId: this.user, text, messageId: `m${this.transcript.length}-${Math.random()}` });
    this.transcript.push({ sent: text, replies });
    return replies;
  }

  private async model(state: DialogState): Promise<ReportModel | undefined> {
    return state.reportId ? (await loadReportModel(this.database.db, state.reportId)).model : undefined;
  }

  /** Fixture item for a created item, matched by its position in the same group. */
  private fixtureItem(model: ReportModel, itemId: string): GroupItem | undefined {
    const specials = model.groups.special ?? [];
    for (const [i, s] of specials.entries()) {
      if (s.id === itemId) return this.fixture.groups.special?.[i];
      const rows = s.children.specialIndicator ?? [];
      const j = rows.findIndex((r) => r.id === itemId);
      if (j >= 0) return this.fixture.groups.special?.[i]?.children.specialIndicator?.[j];
    }
    const t = (model.groups.target ?? []).findIndex((x) => x.id === itemId);
    return t >= 0 ? this.fixture.groups.target?.[t] : undefined;
  }

  /** What to type for the current step. */
  async answer(): Promise<string | undefined> {
    const state = await this.state();
    const step = state.step;
    const v = this.fixture.values;
    switch (step.kind) {
      case 'start':
        return '创建单位';
      case 'unitName':
        return String(v['unit.name']);
      case 'unitRank':
        return String(v['unit.rank']);
      case 'year':
        return String(v['unit.year']);
      case 'field': {
        const model = (await this.model(state))!;
        // a long text stays open for more paragraphs until 完成 (issue 26 item 3)
        if (step.more) return '完成';
        const list = this.checklistAnswer(state, model);
        if (list) return list;
        const scope = step.ref.itemId ? this.fixtureItem(model, step.ref.itemId)?.values : v;
        const row = this.mode === 'row' && scope ? rowText(model, scope, step.ref, (key, value) => typed(key, value, this.n++)) : undefined;
        if (row) return row;
        const value = scope?.[step.ref.key];
        if (value === undefined) return '跳过';
        // a long text and its 完成 in one message (issue 26 item 3); a separate 完成 is tested in test/dialogs/paragraphs.test.ts
        if (getField(step.ref.key)?.kind === 'longtext') return `${String(value)}\n完成`;
        return typed(step.ref.key, value, this.n++);
      }
      case 'gate': {
        const model = (await this.model(state))!;
        // in row mode the next indicator or target itself answers 「还有…吗？」
        const next = (item: GroupItem | undefined) => (this.mode === 'row' && item && step.group !== 'special' ? indicatorRowText(step.group as 'specialIndicator' | 'target', item.values) : '是');
        if (step.parentId) {
          const i = (model.groups.special ?? []).findIndex((s) => s.id === step.parentId);
          const have = model.groups.special![i]!.children.specialIndicator?.length ?? 0;
          const want = this.fixture.groups.special?.[i]?.children.specialIndicator ?? [];
          return have < want.length ? next(want[have]) : '否';
        }
        const have = model.groups[step.group]?.length ?? 0;
        const want = this.fixture.groups[step.group] ?? [];
        return have < want.length ? next(want[have]) : '否';
      }
      case 'confirmGenerate':
        return '确认生成';
      case 'done':
        return '生成报告';
      default:
        return undefined;
    }
  }

  /**
   * A checklist asked as one question (issue 26 item 2): its open items from the fixture, as
   * 「全部是」 (a button where the channel has them) or 「全部是，除了 2、5」; the item-by-item
   * forms are tested in test/dialogs/checklist.test.ts.
   */
  private checklistAnswer(state: DialogState, model: ReportModel): string | undefined {
    const step = state.step;
    if (step.kind !== 'field' || step.edit || step.ref.itemId) return undefined;
    const list = checklistOf(step.ref.key);
    if (!list) return undefined;
    const open = list.keys.filter((k) => model.values[k] === undefined && !state.skipped.includes(`${k}@`));
    if (open.length < 2) return undefined;
    const values = open.map((k) => this.fixture.values[k]);
    if (values.some((x) => typeof x !== 'boolean')) return '逐项回答';
    const no = values.flatMap((x, i) => (x ? [] : [i + 1]));
    return no.length ? `全部是，除了 ${no.join('、')}` : '全部是';
  }

  /** Answer questions until `until` holds or the report is generated; returns the last replies. */
  async walk(opts: { maxTurns?: number; until?: (s: DialogState) => boolean } = {}): Promise<Reply[]> {
    let last: Reply[] = [];
    for (let i = 0; i < (opts.maxTurns ?? 1000); i++) {
      const state = await this.state();
      if (opts.until?.(state)) return last;
      const text = await this.answer();
      if (text === undefined) throw new Error(`walker does not know how to answer step ${JSON.stringify(state.step)}`);
      last = await this.send(text);
      if (last.some((r) => r.file) || state.step.kind === 'confirmGenerate') return last;
    }
    throw new Error(`walk did not finish; last step ${JSON.stringify((await this.state()).step)}`);
  }
}
