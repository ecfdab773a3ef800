import { describe, expect, it } from 'vitest';
import { parseChecklistReply } from '../../src/dialogs/checklist-reply.js';
import { handle } from '../../src/dialogs/engine.js';
import { CHECKLISTS } from '../../src/report/checklists.js';
import { deps, fieldStep, nothingOpen, said, seedWithout, snapOf, stateAt, stored } from '../helpers/turns.js';

/** Issue 26 item 2: related yes/no questions are one question listing the items. */
const budget = CHECKLISTS.find((c) => c.id === 'budgetMgmt')!;
const asset = CHECKLISTS.find((c) => c.id === 'assetMgmt')!;
const all = (n: number, v: boolean) => Array.from({ length: n }, () => v);
const without = (keys: readonly string[]) => seedWithout([...keys]);
/** The seed with both checklists unanswered, the budget list pending. */
const pending = () => {
  const keys = [...budget.keys, ...asset.keys];
  const m = without(keys);
  // every other open question of the seed skipped: the lists are what is left
  return { m, state: stateAt(fieldStep(budget.keys[0]!), nothingOpen(m, keys.map((k) => `${k}@`))) };
};
/** Nothing open in `m` but the questions of `keys`. */
const only = (m: ReturnType<typeof without>, keys: readonly string[]) => stateAt({ kind: 'done' }, nothingOpen(m, keys.map((k) => `${k}@`)));

describe('checklist replies', () => {
  it.each([
    ['全部是', all(9, true)],
    ['都是。', all(9, true)],
    ['全部否', all(9, false)],
    ['全部是，除了 2、5', [true, false, true, true, false, true, true, true, true]],
    ['全部是除第2,5项', [true, false, true, true, false, true, true, true, true]],
    ['除了2和5，其余都是', [true, false, true, true, false, true, true, true, true]],
    ['除 2、5 外都是', [true, false, true, true, false, true, true, true, true]],
    ['全部否，除了 1', [true, ...all(8, false)]],
    ['是是否是是是是是是', [true, true, false, ...all(6, true)]],
    ['是 是 否 是 是 是 是 是 √', [true, true, false, ...all(6, true)]],
    ['1是 2是 3否 4是 5是 6是 7是 8是 9是', [true, true, false, ...all(6, true)]],
  ])('%s', (text, values) => {
    expect(parseChecklistReply(text, 9)).toEqual({ kind: 'values', values });
  });

  it('逐项回答, a number outside the list, a wrong count and anything else are told apart', () => {
    expect(parseChecklistReply('逐项回答', 9)).toEqual({ kind: 'oneByOne' });
    expect(parseChecklistReply('全部是，除了 12', 9)).toEqual({ kind: 'badNumber', number: 12 });
    expect(parseChecklistReply('1是 2否', 9)).toEqual({ kind: 'badCount', got: 2 });
    expect(parseChecklistReply('是', 9)).toEqual({ kind: 'badCount', got: 1 });
    expect(parseChecklistReply('是是否', 9)).toEqual({ kind: 'badCount', got: 3 });
    expect(parseChecklistReply('制度都挺好的', 9)).toEqual({ kind: 'unknown' });
  });
});

describe('a checklist asked as one question', () => {
  it('lists every open item, numbered, with 全部是 / 逐项回答 as buttons where the channel has them', () => {
    const { m, state } = pending();
    const d = handle(snapOf(m, 'filler', true), { ...state, step: { kind: 'done' } }, '继续', deps);
    const ask = d.replies.at(-1)!;
    expect(ask.text).toContain('预算管理：以下各项是否属实？');
    expect(ask.text).toContain('1. 已制定预算资金管理办法');
    expect(ask.text).toContain('9. 基础数据信息准确');
    expect(ask.choices).toEqual(['全部是', '逐项回答']);
    // without buttons the choices are not numbered like the items
    const plain = handle(snapOf(m), { ...state, step: { kind: 'done' } }, '继续', deps).replies.at(-1)!;
    expect(plain.choices).toBeUndefined();
    expect(plain.text).not.toMatch(/\n1\. 全部是/);
    expect(plain.text).toContain('「全部是，除了 2、9」');
  });

  it('「全部是」 stores every item as 是 in one message and goes on to the next list', () => {
    const { m, state } = pending();
    const d = handle(snapOf(m), state, '全部是', deps);
    expect(stored(d)).toEqual(budget.keys.map((k) => ({ fieldKey: k, value: true })));
    expect(said(d)).toContain('已记录 预算管理 9 项：全部是');
    expect(said(d)).toContain('资产管理：以下各项是否属实？');
    expect(d.state.step).toEqual(fieldStep(asset.keys[0]!));
  });

  it('「全部是，除了 2、5」 stores 否 for items 2 and 5 and names them in the echo', () => {
    const { m, state } = pending();
    const d = handle(snapOf(m), state, '全部是，除了 2、5', deps);
    expect(stored(d).map((a) => a.value)).toEqual([true, false, true, true, false, true, true, true, true]);
    expect(said(d)).toContain('已记录 预算管理 9 项：7 项是；第 2、5 项否（相关管理制度合法、合规、完整；已按规定公开部门决算）');
  });

  it('a number outside the list, a wrong count or an unknown reply store nothing and say which forms work', () => {
    const { m, state } = pending();
    for (const [text, says] of [
      ['全部是，除了 12', '没有第 12 项：本题共 9 项'],
      ['是是否', '本题共 9 项，您回复了 3 项'],
      ['制度都挺好的', '没看懂这个回复'],
    ] as const) {
      const d = handle(snapOf(m), state, text, deps);
      expect(d.answers, text).toEqual([]);
      expect(said(d)).toContain(says);
      expect(d.state.step).toEqual(state.step);
    }
  });

  it('「逐项回答」 asks the items one by one as before', () => {
    const { m, state } = pending();
    const d = handle(snapOf(m), state, '逐项回答', deps);
    expect(d.answers).toEqual([]);
    expect(said(d)).toMatch(/已制定预算资金管理办法、内部财务管理制度、会计核算制度等管理制度：\n1\. 是\n2\. 否/);
    const one = handle(snapOf(m), d.state, '否', deps);
    expect(stored(one)).toEqual([{ fieldKey: 'mgmt.rules.exist', value: false }]);
    expect(said(one)).toContain('相关管理制度合法、合规、完整');
    expect(said(one)).not.toContain('以下各项是否属实');
  });

  it('跳过 skips the whole list; the next question is the next list', () => {
    const { m, state } = pending();
    const d = handle(snapOf(m), state, '跳过', deps);
    expect(d.answers).toEqual([]);
    expect(d.state.skipped.slice(state.skipped.length)).toEqual(budget.keys.map((k) => `${k}@`));
    expect(said(d)).toContain('已跳过「预算管理」9 项');
    expect(said(d)).toContain('资产管理：以下各项是否属实？');
  });

  it('only the open items are listed, numbered from 1', () => {
    const m = without(asset.keys.slice(3)); // 资产保存完整 … 资产账实相符
    const d = handle(snapOf(m), only(m, asset.keys), '继续', deps);
    expect(said(d)).toContain('资产管理：以下各项是否属实？\n1. 资产保存完整\n2. 资产配置合理\n3. 资产处置规范\n4. 资产账实相符');
    const answer = handle(snapOf(m), d.state, '是是是否', deps);
    expect(stored(answer)).toEqual(asset.keys.slice(3).map((k, i) => ({ fieldKey: k, value: i !== 3 })));
  });

  it('one open item left is the plain yes/no question', () => {
    const m = without(['info.accurate']);
    const d = handle(snapOf(m), only(m, ['info.accurate']), '继续', deps);
    expect(said(d)).not.toContain('以下各项是否属实');
    expect(said(d)).toContain('基础数据信息准确');
  });

  it('a correction of one item (修改) asks that item alone', () => {
    const m = seedWithout();
    const d = handle(snapOf(m), stateAt({ kind: 'done' }), '修改 资产处置规范', deps);
    expect(said(d)).not.toContain('以下各项是否属实');
    expect(said(d)).toMatch(/资产处置规范：/);
    const answer = handle(snapOf(m), d.state, '否', deps);
    expect(stored(answer)).toEqual([{ fieldKey: 'asset.safe.disposal', value: false }]);
  });

  it('a reviewer stores nothing', () => {
    const { m, state } = pending();
    const d = handle(snapOf(m, 'reviewer'), state, '全部是', deps);
    expect(d.answers).toEqual([]);
  });
});
