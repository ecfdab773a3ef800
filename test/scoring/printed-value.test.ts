import { describe, expect, it } from 'vitest';
import { scoreOne } from '../helpers/rulesets.js';

/**
 * Bands and thresholds compare the value as printed (two decimals): a figure shown as 10.00%
 * must score as 10.00% does, or the table contradicts itself (issue 27, "What is wrong" 5).
 */

const adjustment = {
  type: 'bands',
  input: { kind: 'ratio', numerator: ['budget.adjustment'], denominator: ['budget.initial'], absolute: true },
  bands: [
    { label: '无调整', max: 0, points: 3 },
    { label: '≤10%', max: 10, points: 2 },
    { label: '10%–20%', max: 20, points: 1 },
  ],
  otherwise: 0,
  zeroDenominator: { points: 0, reason: '年初预算为 0' },
};

describe('bands compare the printed value', () => {
  it('10.0004% prints as 10.00% and falls in the ≤10% band', () => {
    const r = scoreOne(adjustment, { 'budget.adjustment': 10.0004, 'budget.initial': 100 }, {}, 3);
    expect(r.formula).toContain('10.00%');
    expect(r.points).toBe(2);
  });

  it('10.005% prints as 10.01% and falls in the next band', () => {
    const r = scoreOne(adjustment, { 'budget.adjustment': 10.005, 'budget.initial': 100 }, {}, 3);
    expect(r.formula).toContain('10.01%');
    expect(r.points).toBe(1);
  });

  it('0.004% prints as 0.00% and counts as no adjustment', () => {
    expect(scoreOne(adjustment, { 'budget.adjustment': 0.004, 'budget.initial': 100 }, {}, 3).points).toBe(3);
  });
});

describe('thresholds compare the printed value', () => {
  const staff = { kind: 'ratio', numerator: ['staff.actual'], denominator: ['staff.authorized'] };
  const cap = { type: 'cap_deduct', input: staff, cap: 100, perPoint: 0.5, zeroDenominator: { points: 0, reason: '编制数为 0' } };

  it('cap_deduct: 100.004% prints as 100.00% and scores full, said as within the cap', () => {
    const r = scoreOne({ ...cap, partialPoints: true }, { 'staff.actual': 100004, 'staff.authorized': 100000 });
    expect(r.points).toBe(5);
    expect(r.formula).toContain('100.00% ≤ 100.00%，得满分');
  });

  it('cap_deduct: 101.996% prints as 102.00% and counts two whole points', () => {
    const r = scoreOne(cap, { 'staff.actual': 101996, 'staff.authorized': 100000 });
    expect(r.formula).toContain('102.00%');
    expect(r.points).toBe(4);
  });

  it('sign_threshold: a change of 0.004% prints as 0.00% and scores full', () => {
    const rule = {
      type: 'sign_threshold',
      input: { kind: 'change', current: 'sanGong.total.actual', previous: 'sanGong.total.prior' },
      threshold: 0,
      perPoint: 0.5,
      zeroDenominator: { points: 0, reason: '上年为 0' },
    };
    const r = scoreOne(rule, { 'sanGong.total.actual': 100.004, 'sanGong.total.prior': 100000 / 1000 });
    expect(r.points).toBe(5);
    expect(r.formula).toContain('得满分');
  });

  it('per_step: 95.004% prints as 95.00%, one full step below 100%', () => {
    const rule = {
      type: 'per_step',
      input: { kind: 'ratio', numerator: ['budget.executed'], denominator: ['budget.full'] },
      target: 100,
      step: 5,
      perStep: 2,
      zeroDenominator: { points: 0, reason: '全年预算为 0' },
    };
    const r = scoreOne(rule, { 'budget.executed': 95.004, 'budget.full': 100 }, {}, 10);
    expect(r.formula).toContain('95.00%');
    expect(r.points).toBe(8);
  });
});
