import { describe, expect, it } from 'vitest';
import { summaryText } from '../../src/oversight/chat.js';
import { byAttention, type UnitStatus } from '../../src/oversight/status.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { seedModel } from '../helpers/rulesets.js';

const score = scoreReport(seedModel(), loadRuleSet('yueyang-reference'));
const at = (day: number) => new Date(Date.UTC(2025, 2, day, 9));

function status(name: string, extra: Partial<UnitStatus> = {}): UnitStatus {
  return {
    unitId: name,
    unitName: name,
    report: { id: `r-${name}`, year: 2024, updatedAt: at(1) },
    done: 10,
    total: 10,
    missing: [],
    score,
    flags: [],
    complete: true,
    ...extra,
  };
}

describe('汇总 order and text', () => {
  it('not started first; then unfinished, least done (and longest untouched) first; then warnings, most first; then clean, lowest score first', () => {
    const list = [
      status('clean-high'),
      status('clean-low', { score: { ...score, total: 70 } }),
      status('one-flag', { flags: [{ id: 'sanGongUp', message: 'x' }] }),
      status('two-flags', { flags: [{ id: 'sanGongUp', message: 'x' }, { id: 'checksFailing', message: 'y' }] }),
      status('half', { done: 5, missing: Array(5).fill('m'), complete: false }),
      status('little', { done: 1, missing: Array(9).fill('m'), complete: false }),
      status('half-older', { done: 5, missing: Array(5).fill('m'), complete: false, report: { id: 'r', year: 2024, updatedAt: at(0) } }),
      { unitId: 'none', unitName: 'none', done: 0, total: 0, missing: [], flags: [], complete: false },
    ];
    expect([...list].sort(byAttention).map((s) => s.unitName)).toEqual(['none', 'little', 'half-older', 'half', 'two-flags', 'one-flag', 'clean-low', 'clean-high']);
  });

  it('lists at most `max` units and counts the rest', () => {
    const text = summaryText('岳阳市财政局', [status('甲'), status('乙'), status('丙')], 2024, 2).split('\n');
    expect(text[0]).toBe('【岳阳市财政局汇总 · 2024年度】共 3 个单位，按需关注程度排列：');
    expect(text[1]).toMatch(/^1\. 甲｜2024｜进度 100%｜暂估 \d+\.\d\d 分 .+｜缺 0 项｜最近 2025-03-0\d$/);
    expect(text[3]).toBe('……另有 1 个单位，发送「汇总」查看全部。');
  });
});
