import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/dialogs/commands.js';
import { handle } from '../../src/dialogs/engine.js';
import { scoreDetail, scoreSummary, SUMMARY_MAX_LINES } from '../../src/dialogs/score-summary.js';
import { initialState, type Snapshot } from '../../src/dialogs/types.js';
import { TOP_FIELDS } from '../../src/report/catalogue.js';
import type { ReportModel } from '../../src/report/model.js';
import { scoreReport } from '../../src/scoring/engine.js';
import type { ScoreResult } from '../../src/scoring/result.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { seedModel } from '../helpers/rulesets.js';

const ruleSet = loadRuleSet('yueyang-reference');
const full = scoreReport(seedModel(), ruleSet);
/** Every other top-level field of the seed: a provisional score with many items missing. */
function halfModel(): ReportModel {
  const m = seedModel();
  return { ...m, values: Object.fromEntries(TOP_FIELDS.filter((_, i) => i % 2 === 0).flatMap((f) => (f.key in m.values ? [[f.key, m.values[f.key]!]] : []))) };
}
const half = scoreReport(halfModel(), ruleSet);

/** The seed's score with every indicator losing points for a long reason: the most the summary could list. */
function worst(): ScoreResult {
  const s = structuredClone(half);
  s.indicators = s.indicators.map((i, n) => ({ ...i, deduction: 1 + n / 100, reason: `${i.name}的说明很长很长，`.repeat(6) }));
  return s;
}

const lines = (s: string) => s.split('\n');

describe('得分: the short answer', () => {
  it.each([
    ['the complete seed', full],
    ['half the seed (provisional)', half],
    ['every indicator losing points, with long reasons', worst()],
  ])('%s fits in 8 lines', (_name, score) => {
    const said = scoreSummary(score);
    expect(lines(said).length).toBeLessThanOrEqual(SUMMARY_MAX_LINES);
    expect(SUMMARY_MAX_LINES).toBe(8);
    expect(lines(said).at(-1)).toBe('回复「得分 详细」看全部。');
    // every 一级指标 got/max, on one line
    for (const l of score.level1) expect(said).toContain(`${l.name} ${l.points.toFixed(2)}/${l.weight.toFixed(2)}`);
  });

  it('names the total, the grade and the three largest deductions, largest first, and not every indicator', () => {
    const said = scoreSummary(full);
    expect(lines(said)[0]).toBe('自评得分 96.88 分，等级：优');
    const lost = lines(said).filter((l) => / −\d/.test(l));
    expect(lost.map((l) => l.split(' ')[0])).toEqual(['预算调整率', '资金结余', '政府采购执行率']);
    expect(said).not.toContain('在职人员控制率'); // scored 5.00/5.00: only in 得分 详细
    expect(scoreDetail(full)).toContain('在职人员控制率 5.00/5.00');
  });

  it('says how many items are missing, not which (得分 详细 names them)', () => {
    const said = scoreSummary(half);
    expect(said).toContain(`尚缺 ${half.missing.length} 项数据`);
    expect(said).not.toContain(half.missing[0]!.label);
    expect(scoreDetail(half)).toContain(half.missing[0]!.label);
  });

  it('cuts a long reason in the short answer and keeps it whole in 得分 详细', () => {
    const s = worst();
    expect(scoreSummary(s)).not.toContain(s.indicators.at(-1)!.reason!);
    expect(scoreSummary(s)).toContain('…');
    expect(scoreDetail(s)).toContain(s.indicators.at(-1)!.reason!);
  });
});

describe('得分 详细', () => {
  it.each(['得分 详细', '得分详情', '详细得分', '查看得分明细', '分数 详细。'])('%s asks for the whole score', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'score', detail: true });
  });
  it.each(['得分', '现在多少分？'])('%s is the short answer', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'score' });
  });

  const snap: Snapshot = {
    userId: 'u1',
    memberships: [{ unitId: 'unit-1', unitName: '岳阳市法律援助中心', role: 'filler' }],
    report: { id: 'r1', unitId: 'unit-1', year: 2024, version: 7, model: seedModel() },
    ruleSet,
    today: { year: 2025 },
    buttons: true,
  };
  const state = { ...initialState(), unitId: 'unit-1', reportId: 'r1', step: { kind: 'done' as const } };
  const deps = { newId: () => 'x' };

  it('得分 in the engine: the short answer with the picture of the same score', () => {
    const d = handle(snap, state, '得分', deps);
    const r = d.replies[0]!;
    expect(r.text).toBe(scoreSummary(full));
    expect(r.picture?.title).toBe('自评得分 96.88 分 · 优');
    expect(r.picture?.level1.map((l) => [l.name, l.points, l.weight])).toEqual(full.level1.map((l) => [l.name, l.points, l.weight]));
    expect(r.picture?.deductions[0]).toEqual({ name: '预算调整率', lost: full.indicators.find((i) => i.name === '预算调整率')!.deduction });
  });

  it('得分 详细 in the engine: today’s full text, every indicator, no picture', () => {
    const d = handle(snap, state, '得分 详细', deps);
    expect(d.replies[0]!.text).toBe(scoreDetail(full));
    expect(lines(d.replies[0]!.text).length).toBeGreaterThan(full.indicators.length);
    expect(d.replies[0]!.picture).toBeUndefined();
  });
});
