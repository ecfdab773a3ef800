import { describe, expect, it } from 'vitest';
import * as editing from '../../../src/dialogs/command-handlers/editing.js';
import * as groups from '../../../src/dialogs/command-handlers/groups.js';
import * as membership from '../../../src/dialogs/command-handlers/membership.js';
import * as navigation from '../../../src/dialogs/command-handlers/navigation.js';
import * as reports from '../../../src/dialogs/command-handlers/reports.js';
import { HANDLERS } from '../../../src/dialogs/command-handlers/table.js';
import { parseCommand, type Command } from '../../../src/dialogs/commands.js';
import { handle } from '../../../src/dialogs/engine.js';
import { initialState, type Decision, type DialogState, type Step } from '../../../src/dialogs/types.js';
import type { Role } from '../../../src/store/people.js';
import { seedModel } from '../../helpers/rulesets.js';
import { snapOf } from '../../helpers/turns.js';

/**
 * Issue 29 item 6: commands are a table of handlers, one file per family. Every kind the parser
 * produces has an entry, sits in its family's file, and a message of that kind reaches it
 * through the engine (a dropped or mis-wired entry fails here, not only in tsc).
 */
let ids = 0;
const deps = { newId: () => `new-${++ids}` };

const field = (key: string): Step => ({ kind: 'field', ref: { key } });
const text = (d: Decision) => d.replies.map((r) => r.text).join('\n');
/** What the engine asks while 人员经费 is missing. */
const ASK_PERSONNEL = /请输入 人员经费（万元）/;

const FAMILIES = { navigation, editing, groups, reports, membership } as const;
type Family = keyof typeof FAMILIES;

interface Case {
  kind: Command['kind'];
  family: Family;
  input: string;
  /** Defaults: 人员经费 missing and asked, a 填报员. */
  step?: Step;
  state?: Partial<DialogState>;
  drop?: string;
  role?: Role;
  /** What only this kind's handler does. */
  check: (d: Decision) => void;
}

const CASES: Case[] = [
  { kind: 'help', family: 'navigation', input: '帮助', check: (d) => expect(text(d)).toContain('可以随时回复') },
  {
    kind: 'continue',
    family: 'navigation',
    input: '继续',
    step: { kind: 'confirmGenerate' },
    check: (d) => {
      expect(d.state.step).toEqual(field('basic.personnel'));
      expect(text(d)).toMatch(ASK_PERSONNEL);
    },
  },
  { kind: 'progress', family: 'navigation', input: '进度', check: (d) => expect(text(d)).toMatch(/填写进度：\d+\/\d+/) },
  { kind: 'view', family: 'navigation', input: '查看 预算执行', check: (d) => expect(text(d)).toContain('【预算执行】') },
  { kind: 'back', family: 'navigation', input: '上一步', check: (d) => expect(text(d)).toContain('已经是第一项了') },
  {
    kind: 'skip',
    family: 'navigation',
    input: '跳过',
    check: (d) => {
      expect(text(d)).toContain('已跳过「人员经费」');
      expect(d.state.skipped).toEqual(['basic.personnel@']);
    },
  },
  {
    kind: 'later',
    family: 'navigation',
    input: '稍后再填',
    check: (d) => {
      expect(text(d)).toContain('已跳过「人员经费」');
      expect(d.state.skipped).toEqual(['basic.personnel@']);
    },
  },
  {
    kind: 'cancel',
    family: 'navigation',
    input: '取消',
    step: { kind: 'confirmGenerate' },
    check: (d) => {
      expect(text(d)).toContain('已取消');
      expect(d.action).toBeUndefined();
    },
  },
  { kind: 'confirm', family: 'navigation', input: '确认', check: (d) => expect(text(d)).toContain('当前没有需要确认的内容') },
  // 确认 while a deletion waits: navigation routes it to groups.ts
  {
    kind: 'confirm',
    family: 'navigation',
    input: '确认',
    step: { kind: 'confirmDelete', group: 'special', itemId: 'legal-aid-subsidy' },
    check: (d) => {
      expect(d.deleteItems).toEqual(['legal-aid-subsidy']);
      expect(text(d)).toContain('已删除第 1 个专项资金项目');
    },
  },
  // 确认 after 生成报告: routed to reports.ts
  { kind: 'confirm', family: 'navigation', input: '确认', step: { kind: 'confirmGenerate' }, check: (d) => expect(d.action).toEqual({ kind: 'generateReport' }) },
  {
    kind: 'edit',
    family: 'editing',
    input: '修改 公用经费',
    check: (d) => {
      expect(text(d)).toContain('请输入新的 公用经费');
      expect(d.state.step).toEqual({ ...field('basic.public'), edit: true });
    },
  },
  { kind: 'set', family: 'editing', input: '人员经费 改为 160.2', check: (d) => expect(d.answers).toEqual([{ fieldKey: 'basic.personnel', value: 160.2 }]) },
  {
    kind: 'useDefault',
    family: 'editing',
    input: '用默认',
    drop: 'narrative.publicity',
    step: field('narrative.publicity'),
    check: (d) => expect(d.answers).toEqual([{ fieldKey: 'narrative.publicity', value: expect.stringContaining('部门整体支出绩效自评情况') }]),
  },
  {
    kind: 'addItem',
    family: 'groups',
    input: '添加项目',
    check: (d) => {
      expect(d.addItems).toEqual([{ id: expect.stringMatching(/^new-/), group: 'special' }]);
      expect(text(d)).toContain('开始填写第 3 个专项资金项目');
    },
  },
  { kind: 'listItems', family: 'groups', input: '项目列表', check: (d) => expect(text(d)).toContain('1. 法律援助办案补贴') },
  {
    kind: 'deleteItem',
    family: 'groups',
    input: '删除项目 2',
    check: (d) => {
      expect(d.state.step).toEqual({ kind: 'confirmDelete', group: 'special', itemId: expect.any(String) });
      expect(d.deleteItems).toEqual([]);
    },
  },
  {
    kind: 'editItem',
    family: 'groups',
    input: '修改项目 1',
    check: (d) => expect(d.state.step).toMatchObject({ kind: 'field', ref: { itemId: 'legal-aid-subsidy' } }),
  },
  { kind: 'score', family: 'reports', input: '得分', check: (d) => expect(text(d)).toContain('自评得分 96.88 分') },
  { kind: 'whatIf', family: 'reports', input: '如果 实有人数 12 能得几分', check: (d) => expect(text(d)).toContain('试算总分：') },
  {
    kind: 'generate',
    family: 'reports',
    input: '生成报告',
    check: (d) => {
      expect(text(d)).toContain('生成报告前的检查');
      expect(d.state.step).toEqual({ kind: 'confirmGenerate' });
    },
  },
  { kind: 'confirmGenerate', family: 'reports', input: '确认生成', step: { kind: 'confirmGenerate' }, check: (d) => expect(d.action).toEqual({ kind: 'generateReport' }) },
  { kind: 'year', family: 'reports', input: '年度 2023', check: (d) => expect(d.action).toEqual({ kind: 'openReport', year: 2023 }) },
  { kind: 'invite', family: 'membership', input: '邀请', role: 'admin', check: (d) => expect(d.action).toEqual({ kind: 'createInvite' }) },
  { kind: 'join', family: 'membership', input: '加入 abcd2345', check: (d) => expect(d.action).toEqual({ kind: 'joinUnit', code: 'ABCD2345' }) },
];

describe('command table', () => {
  it('has exactly one entry for every kind the parser produces, each a function', () => {
    const parsed = new Set(CASES.map((c) => parseCommand(c.input)?.kind));
    expect([...parsed].sort()).toEqual(Object.keys(HANDLERS).sort());
    for (const h of Object.values(HANDLERS)) expect(typeof h).toBe('function');
  });

  it.each(CASES.map((c) => [c.kind, c.input, c] as const))('%s (%s) has its handler in its family file', (kind, input, c) => {
    expect(parseCommand(input)?.kind).toBe(kind);
    const family: Record<string, unknown> = FAMILIES[c.family];
    expect(Object.values(family)).toContain(HANDLERS[kind]);
  });

  it.each(CASES.map((c) => [c.kind, c.input, c] as const))('%s (%s) is dispatched to its handler', (_kind, input, c) => {
    const model = seedModel();
    delete model.values[c.drop ?? 'basic.personnel'];
    const state: DialogState = { ...initialState(), unitId: 'unit-1', reportId: 'r1', step: c.step ?? field(c.drop ?? 'basic.personnel'), ...c.state };
    c.check(handle(snapOf(model, c.role ?? 'filler'), state, input, deps));
  });
});
