import { describe, expect, it } from 'vitest';
import { TOP_FIELDS } from '../../src/report/catalogue.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { gradeOf } from '../../src/scoring/grade.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { seedModel } from '../helpers/rulesets.js';

const ref = loadRuleSet('yueyang-reference');

describe('grades', () => {
  it.each([
    [100, '优'],
    [90, '优'],
    [90.0, '优'],
    [89.99, '良'],
    [89.995, '优'], // prints as 90.00, so it must grade as 90.00
    [80, '良'],
    [79.99, '中'],
    [60, '中'],
    [59.99, '差'],
    [0, '差'],
  ])('%f → %s', (score, grade) => {
    expect(gradeOf(score, ref.grades)).toBe(grade);
  });
});

describe('the seed report under yueyang-reference', () => {
  const result = scoreReport(seedModel(), ref);

  it('scores every indicator of the rule set, with no input missing', () => {
    expect(result.complete).toBe(true);
    expect(result.missing).toEqual([]);
    expect(result.indicators).toHaveLength(23);
    expect(result.indicators.map((i) => i.id)).toEqual(ref.tree.flatMap((l1) => l1.children.flatMap((l2) => l2.indicators.map((i) => i.id))));
  });

  it('loses exactly the points the hand calculation says', () => {
    const pts = Object.fromEntries(result.indicators.map((i) => [i.id, i.points]));
    // 预算调整率 35.00/330.00 = 10.61% → band ≤20% → 1 of 3
    expect(pts['budget-adjustment']).toBe(1);
    // 资金结余 2.44 ≤ 上年结转 5.00 → 2 of 3
    expect(pts['fund-balance']).toBe(2);
    // 政府采购执行率 11.50/12.00 → 3 × 0.958333…
    expect(pts['procurement']).toBeCloseTo(2.875, 10);
    const lost = result.indicators.filter((i) => i.deduction > 0).map((i) => i.id);
    expect(lost).toEqual(['budget-adjustment', 'fund-balance', 'procurement']);
    expect(result.total).toBeCloseTo(100 - 2 - 1 - 0.125, 10);
    expect(result.grade).toBe('优');
  });

  it('sums 一级指标 from their indicators', () => {
    expect(result.level1.map((l) => [l.name, l.weight, l.points])).toEqual([
      ['投入', 15, 15],
      ['过程', 40, 40 - 3.125],
      ['产出', 25, 25],
      ['效果', 20, 20],
    ]);
  });

  it('scores each 专项 per attachment 3 (execution 10 × B/A + indicator rows)', () => {
    const [a, b] = result.projects;
    expect(a!.name).toBe('法律援助办案补贴');
    expect(a!.executionPoints).toBeCloseTo((10 * 52.36) / 53.2, 10);
    expect(a!.points).toBeCloseTo((10 * 52.36) / 53.2 + 90, 10);
    expect(a!.complete).toBe(true);
    expect(b!.executionRate).toBeCloseTo((21.7 / 22) * 100, 10);
  });
});

describe('partial data gives a provisional score', () => {
  // Keep every other top-level field of the seed: about half the report.
  const full = seedModel();
  const half = { ...full, values: Object.fromEntries(TOP_FIELDS.filter((_, i) => i % 2 === 0).flatMap((f) => (f.key in full.values ? [[f.key, full.values[f.key]!]] : []))) };
  const result = scoreReport(half, ref);

  it('is not complete and names what is missing by label', () => {
    expect(result.complete).toBe(false);
    const labels = result.missing.map((m) => m.label);
    expect(labels.length).toBeGreaterThan(5);
    for (const ind of result.indicators.filter((i) => i.status === 'pending')) {
      expect(ind.missing.length).toBeGreaterThan(0);
      expect(ind.points).toBeNull();
    }
    // every missing label is a Chinese label, not a key
    for (const l of labels) expect(l).not.toMatch(/^[a-z]+\./);
  });

  it('reports points certain ≤ points of the full data ≤ maximum still reachable', () => {
    const complete = scoreReport(full, ref);
    expect(result.total).toBeLessThanOrEqual(complete.total + 1e-9);
    expect(result.maxReachable).toBeGreaterThanOrEqual(complete.total - 1e-9);
    expect(result.maxReachable).toBeLessThanOrEqual(100);
    const pendingWeight = result.indicators.filter((i) => i.status === 'pending').reduce((s, i) => s + i.weight, 0);
    expect(result.maxReachable).toBeGreaterThan(result.total);
    expect(result.maxReachable - result.total).toBeLessThanOrEqual(pendingWeight + 1e-9);
  });

  it('an empty report has 0 certain points, 100 reachable, and every indicator pending or not applicable', () => {
    const empty = scoreReport({ ruleSetId: ref.id, values: {}, groups: {} }, ref);
    expect(empty.maxReachable).toBe(100);
    expect(empty.indicators.every((i) => i.status !== 'scored')).toBe(true);
    // 完成及时率 falls back to not applicable when no 时效 target exists, so it is certain
    expect(empty.total).toBe(6);
  });
});
