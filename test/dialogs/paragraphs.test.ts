import { describe, expect, it } from 'vitest';
import { handle } from '../../src/dialogs/engine.js';
import type { Decision, DialogState } from '../../src/dialogs/types.js';
import { MAX_CHARS, MAX_LINES } from '../../src/report/limits.js';
import { findItem, type ReportModel } from '../../src/report/model.js';
import { deps, fieldStep, nothingOpen, said, seedWithout, snapOf, stateAt, stored } from '../helpers/turns.js';

/** Issue 26 item 3: a long-text question takes several messages, each a paragraph, until 完成. */

/** The decision's answers applied to the model, as the runner stores them. */
function apply(m: ReportModel, d: Decision): ReportModel {
  for (const a of d.answers) {
    const scope = a.itemId ? findItem(m, a.itemId)!.values : m.values;
    if (a.value === null) delete scope[a.fieldKey];
    else scope[a.fieldKey] = a.value;
  }
  return m;
}

/** A short conversation: each message handled on the state and model the last one left. */
function chat(m: ReportModel, state: DialogState, messages: string[], buttons = false): Decision[] {
  const out: Decision[] = [];
  for (const text of messages) {
    const d = handle(snapOf(m, 'filler', buttons), state, text, deps);
    apply(m, d);
    state = d.state;
    out.push(d);
  }
  return out;
}

const KEY = 'narrative.problems';
/** The seed without 存在的问题及原因分析, asked now; nothing else open but 下一步改进措施 after it. */
const asking = () => {
  const m = seedWithout([KEY, 'narrative.measures']);
  return { m, state: stateAt(fieldStep(KEY), nothingOpen(m, [`${KEY}@`, 'narrative.measures@'])) };
};

describe('multi-paragraph text', () => {
  it('each message is a paragraph of the same answer until 完成; the echo counts them', () => {
    const { m, state } = asking();
    const [one, two, done] = chat(m, state, ['预算绩效指标体系制度建设还需完善', '预算绩效管理人员专业素质能力还需提高', '完成']);
    expect(stored(one!)).toEqual([{ fieldKey: KEY, value: '预算绩效指标体系制度建设还需完善' }]);
    expect(said(one!)).toContain('已存 1 段');
    expect(one!.state.step).toEqual({ ...fieldStep(KEY), more: true });
    expect(stored(two!)).toEqual([{ fieldKey: KEY, value: '预算绩效指标体系制度建设还需完善\n预算绩效管理人员专业素质能力还需提高' }]);
    expect(said(two!)).toContain('已存 2 段');
    expect(done!.answers).toEqual([]);
    expect(said(done!)).toContain('「存在的问题及原因分析」已完成，共 2 段（以后要补充可回复「续写 存在的问题及原因分析」）');
    expect(said(done!)).toContain('请输入 下一步改进措施');
    expect(done!.state.step).toEqual(fieldStep('narrative.measures'));
  });

  it('「完成」 as the last line of a message stores the lines before it and goes on', () => {
    const { m, state } = asking();
    const [d] = chat(m, state, ['第一段\n第二段\n完成']);
    expect(stored(d!)).toEqual([{ fieldKey: KEY, value: '第一段\n第二段' }]);
    expect(said(d!)).toContain('「存在的问题及原因分析」已完成，共 2 段');
    expect(d!.state.step).toEqual(fieldStep('narrative.measures'));
    // 完成 inside a line is part of the text
    const [kept] = chat(seedWithout([KEY, 'narrative.measures']), state, ['年度任务全部完成']);
    expect(stored(kept!)).toEqual([{ fieldKey: KEY, value: '年度任务全部完成' }]);
    expect(kept!.state.step).toEqual({ ...fieldStep(KEY), more: true });
  });

  it('a message of several lines stores them all; 完成 is a button where the channel has them', () => {
    const { m, state } = asking();
    const [d] = chat(m, state, ['第一段\n第二段\n\n第三段'], true);
    expect(said(d!)).toContain('已存 3 段');
    expect(d!.replies.at(-1)!.choices).toEqual(['完成']);
  });

  it('a command that moves on ends the paragraphs and keeps them; 进度 does not', () => {
    const { m, state } = asking();
    const [, progress, skip] = chat(m, state, ['第一段', '进度', '跳过']);
    expect(said(progress!)).toContain('正在填写「存在的问题及原因分析」，已存 1 段');
    expect(progress!.state.step).toEqual({ ...fieldStep(KEY), more: true });
    expect(skip!.answers).toEqual([]);
    expect(said(skip!)).toContain('请输入 下一步改进措施');
    expect(m.values[KEY]).toBe('第一段');
  });

  it('「续写 <字段>」 appends to an answered long text', () => {
    const m = seedWithout();
    const before = String(m.values[KEY]);
    const [open, more, done] = chat(m, stateAt({ kind: 'done' }), ['续写 存在的问题及原因分析', '3、绩效结果运用还不充分', '完成']);
    expect(open!.answers).toEqual([]);
    expect(said(open!)).toContain('续写「存在的问题及原因分析」：已有 4 段');
    expect(stored(more!)).toEqual([{ fieldKey: KEY, value: `${before}\n3、绩效结果运用还不充分` }]);
    expect(said(more!)).toContain('已存 5 段');
    expect(said(done!)).toContain('共 5 段');
  });

  it('续写 of a field that is not a long text, or of no field, stores nothing and says why', () => {
    const m = seedWithout();
    const [money, unknown] = chat(m, stateAt({ kind: 'done' }), ['续写 人员经费', '续写 不存在的东西']);
    expect(said(money!)).toContain('「人员经费」不是成段的文字，不能续写');
    expect(said(unknown!)).toContain('没有找到可以续写的「不存在的东西」');
    expect(money!.answers).toEqual([]);
    expect(unknown!.answers).toEqual([]);
  });

  it('a paragraph that takes the answer past the character limit is refused; what is stored stays', () => {
    const { m, state } = asking();
    const first = '问'.repeat(MAX_CHARS.longtext - 10);
    const [, over, fits] = chat(m, state, [first, '多'.repeat(10), '少'.repeat(9)]);
    expect(over!.answers).toEqual([]);
    expect(said(over!)).toContain(`最多 ${MAX_CHARS.longtext} 个字`);
    expect(said(over!)).toContain('已存的 1 段不变');
    expect(over!.state.step).toEqual({ ...fieldStep(KEY), more: true });
    // the newline between paragraphs counts: 9 + 1 fits exactly
    expect(stored(fits!)).toEqual([{ fieldKey: KEY, value: `${first}\n${'少'.repeat(9)}` }]);
  });

  it('a paragraph past the paragraph limit is refused', () => {
    const { m, state } = asking();
    const lines = Array.from({ length: MAX_LINES.longtext }, (_, i) => `第${i + 1}段`).join('\n');
    const [, over] = chat(m, state, [lines, '再来一段']);
    expect(over!.answers).toEqual([]);
    expect(said(over!)).toContain(`最多 ${MAX_LINES.longtext} 段`);
    expect(m.values[KEY]).toBe(lines);
  });

  it('a project long text is appended to within its item', () => {
    const m = seedWithout();
    const item = m.groups.special![0]!;
    delete item.values['special.goalActual'];
    const state = stateAt(fieldStep('special.goalActual', item.id), nothingOpen(m, [`special.goalActual@${item.id}`]));
    const [, two] = chat(m, state, ['完成了办案补贴发放', '开展了培训']);
    expect(stored(two!)).toEqual([{ fieldKey: 'special.goalActual', itemId: item.id, value: '完成了办案补贴发放\n开展了培训' }]);
  });
});
