import { describe, expect, it } from 'vitest';
import { handle } from '../../src/dialogs/engine.js';
import type { ReportModel } from '../../src/report/model.js';
import { deps, fieldStep, said, seedWithout, snapOf, stateAt, stored } from '../helpers/turns.js';

/**
 * Issue 25, what is wrong today 3: commands and fast entries were stored as answers when the
 * current question is free text (「指标名称 律师值班补贴发放人次 计量单位 人次」 became the
 * indicator name); on a choice question a nine-field message kept one field and dropped eight.
 */

/** The seed with a new, empty indicator row in project 1. */
function withNewRow(): ReportModel {
  const m = seedWithout();
  m.groups.special![0]!.children.specialIndicator!.push({ id: 'row-new', values: {}, children: {} });
  return m;
}

describe('a message on a text question is an answer only when it reads as one', () => {
  const entry = '指标名称 律师值班补贴发放人次 计量单位 人次';

  it('a fast entry naming the item’s fields is not stored as the name: the bot asks which was meant', () => {
    const m = withNewRow();
    const d = handle(snapOf(m, 'filler', true), stateAt(fieldStep('specialIndicator.name', 'row-new')), entry, deps);
    expect(d.answers).toEqual([]);
    expect(said(d)).toContain('您是要把整段填作「指标名称」，还是分别填写这几项？');
    expect(d.replies.at(-1)!.choices).toEqual(['填作「指标名称」', '分别填写各项']);

    const split = handle(snapOf(m), d.state, '分别填写各项', deps);
    expect(stored(split)).toEqual([
      { fieldKey: 'specialIndicator.name', itemId: 'row-new', value: '律师值班补贴发放人次' },
      { fieldKey: 'specialIndicator.measureUnit', itemId: 'row-new', value: '人次' },
    ]);
    expect(split.state.clerk).toBeUndefined();

    const whole = handle(snapOf(m), d.state, '1', deps);
    expect(stored(whole)).toEqual([{ fieldKey: 'specialIndicator.name', itemId: 'row-new', value: entry }]);
  });

  it('a command naming a field of the report is not stored as the text: the bot asks', () => {
    const m = withNewRow();
    const d = handle(snapOf(m), stateAt(fieldStep('specialIndicator.name', 'row-new')), '修改 年度指标值', deps);
    expect(d.answers).toEqual([]);
    expect(said(d)).toContain('「修改 年度指标值」像是一条命令。您是要把它填作「指标名称」，还是按命令处理？');
    const asCommand = handle(snapOf(m), d.state, '按命令处理', deps);
    expect(asCommand.answers).toEqual([]);
    // as a command it reaches the fields of that name anywhere in the report (edit-anywhere.ts)
    expect(said(asCommand)).toContain('项「年度指标值」，请回复序号选择要修改的一项');
    const asText = handle(snapOf(m), d.state, '填作「指标名称」', deps);
    expect(stored(asText)).toEqual([{ fieldKey: 'specialIndicator.name', itemId: 'row-new', value: '修改 年度指标值' }]);
  });

  it('prose that mentions two labels, and words that only start like a command, are answers', () => {
    const m = seedWithout(['narrative.problems']);
    const prose = '部分专项的人员经费和公用经费划分不够清晰';
    const d = handle(snapOf(m), stateAt(fieldStep('narrative.problems')), prose, deps);
    expect(stored(d)).toEqual([{ fieldKey: 'narrative.problems', value: prose }]);
    const d2 = handle(snapOf(m), stateAt(fieldStep('narrative.problems')), '查看过去三年的问题清单后发现管理不足', deps);
    expect(d2.answers).toHaveLength(1);
  });

  it('any other reply drops the question and is handled as usual', () => {
    const m = withNewRow();
    const d = handle(snapOf(m), stateAt(fieldStep('specialIndicator.name', 'row-new')), entry, deps);
    const name = handle(snapOf(m), d.state, '律师值班补贴发放人次', deps);
    expect(stored(name)).toEqual([{ fieldKey: 'specialIndicator.name', itemId: 'row-new', value: '律师值班补贴发放人次' }]);
  });
});

describe('a fast entry on any question stores every field it understood', () => {
  it('nine fields of an indicator on its 一级指标 choice question: all nine stored', () => {
    const m = withNewRow();
    const message = '一级指标 产出指标 二级指标 数量指标 指标名称 律师值班补贴发放人次 指标方向 ≥ 计量单位 人次 年度指标值 1000 实际完成值 1050 分值 10 偏差原因分析及改进措施 无';
    const d = handle(snapOf(m), stateAt(fieldStep('specialIndicator.level1', 'row-new')), message, deps);
    expect(stored(d)).toEqual(
      [
        ['level1', '产出指标'],
        ['level2', '数量指标'],
        ['name', '律师值班补贴发放人次'],
        ['direction', '≥'],
        ['measureUnit', '人次'],
        ['target', 1000],
        ['actual', 1050],
        ['weight', 10],
        ['deviation', '无'],
      ].map(([k, value]) => ({ fieldKey: `specialIndicator.${k}`, itemId: 'row-new', value })),
    );
    expect(said(d)).not.toContain('没有识别的内容');
  });

  it('what it did not understand is listed, the rest stored', () => {
    const m = withNewRow();
    const d = handle(snapOf(m), stateAt(fieldStep('specialIndicator.level1', 'row-new')), '一级指标 产出指标 年度指标值 很多 实际完成值 1.5万人次', deps);
    expect(stored(d).map((a) => a.fieldKey)).toEqual(['specialIndicator.level1', 'specialIndicator.actual']);
    expect(said(d)).toContain('没有识别的内容：年度指标值（「年度指标值」需要填数字');
  });
});
