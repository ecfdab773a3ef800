import { describe, expect, it } from 'vitest';
import { handle } from '../../src/dialogs/engine.js';
import { GENERATED } from '../../src/report/own-words.js';
import { deps, fieldStep, nothingOpen, said, seedWithout, snapOf, stateAt, stored } from '../helpers/turns.js';

/** Issue 26 item 6: the unit's own words, asked with the generated wording as the one-tap default. */
const asking = (key: string) => {
  const m = seedWithout([key]);
  return { m, state: stateAt(fieldStep(key), nothingOpen(m, [`${key}@`])) };
};

describe('own words with a generated default', () => {
  it('六（一）1 offers what the point scored as the default, with a 用默认 button where the channel has them', () => {
    const { m } = asking('narrative.allocation');
    const d = handle(snapOf(m, 'filler', true), stateAt({ kind: 'done' }, nothingOpen(m, ['narrative.allocation@'])), '继续', deps);
    const ask = d.replies.at(-1)!;
    expect(ask.text).toContain('请输入 预算配置方面的评价');
    expect(ask.text).toContain('可回复「用默认」使用按评分生成的表述（随数据更新）：“共3项指标，得15.00分（满分15.00分）。各项指标均得满分。”');
    expect(ask.choices).toEqual(['用默认']);
    const plain = handle(snapOf(m), stateAt({ kind: 'done' }, nothingOpen(m, ['narrative.allocation@'])), '继续', deps).replies.at(-1)!;
    expect(plain.choices).toBeUndefined();
  });

  it('「用默认」 stores the generated marker and goes on', () => {
    const { m, state } = asking('narrative.execution');
    const d = handle(snapOf(m), state, '用默认', deps);
    expect(stored(d)).toEqual([{ fieldKey: 'narrative.execution', value: GENERATED }]);
    expect(said(d)).toContain('已记录 预算执行方面的评价 按评分自动生成');
    expect(d.state.step).not.toEqual(state.step);
  });

  it('the unit’s own words are stored as typed (and take more paragraphs, as any long text)', () => {
    const { m, state } = asking('narrative.assets');
    const d = handle(snapOf(m), state, '资产管理方面，建立了资产管理制度。', deps);
    expect(stored(d)).toEqual([{ fieldKey: 'narrative.assets', value: '资产管理方面，建立了资产管理制度。' }]);
    expect(d.state.step).toEqual({ ...fieldStep('narrative.assets'), more: true });
  });

  it('一、 offers 本中心, 机构 and 编制类型为… as the defaults', () => {
    for (const [key, offer] of [
      ['unit.shortName', '“本中心”'],
      ['unit.departmentNoun', '“机构”'],
      ['staff.wording', '“编制类型为行政编制”'],
    ] as const) {
      const { m, state } = asking(key);
      const d = handle(snapOf(m), state, '帮助', deps);
      expect(said(d), key).toContain(offer);
      const taken = handle(snapOf(m), state, '默认', deps);
      expect(stored(taken), key).toEqual([{ fieldKey: key, value: GENERATED }]);
    }
  });

  it('a reviewer stores nothing with 用默认', () => {
    const { m, state } = asking('narrative.allocation');
    expect(handle(snapOf(m, 'reviewer'), state, '用默认', deps).answers).toEqual([]);
  });
});
