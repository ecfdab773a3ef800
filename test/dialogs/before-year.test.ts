import { describe, expect, it } from 'vitest';
import { handle, resume } from '../../src/dialogs/engine.js';
import { initialState, type Decision, type Snapshot } from '../../src/dialogs/types.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';

/**
 * Issue 25 item 5, second half: a member whose year question is still open (just created the
 * unit, or a new channel) can use the report's commands; they all got 「年度请写四位数字」.
 */
const ruleSet = loadRuleSet('yueyang-reference');
const deps = { newId: () => 'new-1' };
const text = (d: Decision) => d.replies.map((r) => r.text).join('\n');
const member = (role: 'admin' | 'filler' = 'filler'): Snapshot => ({
  userId: 'u2',
  memberships: [{ unitId: 'unit-1', unitName: '某单位', role }],
  ruleSet,
  today: { year: 2025 },
  buttons: false,
});

describe('commands before the year question is answered', () => {
  const asked = resume(member(), { ...initialState(), unitId: 'unit-1' }, deps).state;

  it.each(['得分', '进度', '生成报告', '查看 基本情况', '修改 实有人数', '继续', '专项资金项目列表', '现在多少分？'])(
    '%s opens the unit report (its latest, else the default year) and runs there',
    (msg) => {
      const d = handle(member(), asked, msg, deps);
      expect(text(d)).not.toContain('年度请写四位数字');
      expect(d.action).toEqual({ kind: 'openReport', year: 2024, latest: true, then: msg });
    },
  );

  it('on a fresh conversation (another channel) too', () => {
    const d = handle(member(), initialState(), '得分', deps);
    expect(d.action).toEqual({ kind: 'openReport', year: 2024, latest: true, then: '得分' });
  });

  it('the year answers, help, invite and join keep their meaning; a non-answer is still refused', () => {
    expect(handle(member(), asked, '确定', deps).action).toEqual({ kind: 'openReport', year: 2024 });
    expect(handle(member(), asked, '默认', deps).action).toEqual({ kind: 'openReport', year: 2024 });
    expect(handle(member(), asked, '2023', deps).action).toEqual({ kind: 'openReport', year: 2023 });
    expect(handle(member(), asked, '年度 2022', deps).action).toEqual({ kind: 'openReport', year: 2022 });
    expect(handle(member('admin'), asked, '邀请', deps).action).toEqual({ kind: 'createInvite' });
    expect(handle(member(), asked, '加入 K7M2Q9', deps).action).toEqual({ kind: 'joinUnit', code: 'K7M2Q9' });
    const help = handle(member(), asked, '帮助', deps);
    expect(help.action).toBeUndefined();
    expect(text(help)).toContain('即为 2024 年度');
    const bad = handle(member(), asked, '去年吧', deps);
    expect(bad.action).toBeUndefined();
    expect(text(bad)).toContain('年度请写四位数字');
  });

  it('a newcomer without a unit is not sent to a report', () => {
    const newcomer: Snapshot = { ...member(), memberships: [] };
    const d = handle(newcomer, initialState(), '得分', deps);
    expect(d.action).toBeUndefined();
    expect(text(d)).toContain('1. 创建单位');
  });
});
