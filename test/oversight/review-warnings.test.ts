import { describe, expect, it } from 'vitest';
import { handle } from '../../src/dialogs/engine.js';
import { deps, said, seedWithout, snapOf, stateAt } from '../helpers/turns.js';

describe('reviewer’s warnings before 生成报告', () => {
  it('the unit sees them in the review, before 确认生成', () => {
    const m = seedWithout();
    m.values['sanGong.total.prior'] = 1.5;
    const text = said(handle(snapOf(m), stateAt({ kind: 'done' }), '生成报告', deps));
    expect(text).toContain('财政审核可能提出的 1 个问题：\n- 三公经费比上年增加：本年决算 1.85 万元，上年决算 1.50 万元');
    expect(text.indexOf('财政审核可能提出')).toBeLessThan(text.indexOf('确认生成'));
  });

  it('a report without any says nothing of them', () => {
    expect(said(handle(snapOf(seedWithout()), stateAt({ kind: 'done' }), '生成报告', deps))).not.toContain('财政审核');
  });
});
