import { describe, expect, it } from 'vitest';
import { FIELDS, GROUPS, SECTIONS, getField } from '../../src/report/catalogue.js';
import { missingFields } from '../../src/report/model.js';
import { seedModel } from '../helpers/rulesets.js';

describe('field catalogue', () => {
  it('every entry has a key, a Chinese label, a unit, a kind, a section', () => {
    const sectionIds = SECTIONS.map((s) => s.id);
    for (const f of FIELDS) {
      expect(f.key).toMatch(/^[a-zA-Z]+(\.[a-zA-Z][a-zA-Z0-9]*)+$/);
      expect(f.label).toMatch(/[\u4e00-\u9fff]/);
      expect(sectionIds).toContain(f.section);
      if (f.kind === 'money') expect(f.unit).toBe('万元');
      if (f.kind === 'choice') expect(f.choices?.length).toBeGreaterThan(1);
      if (f.group) expect(f.key.startsWith(`${f.group}.`)).toBe(true);
    }
  });

  it('conditions refer to a field in the same scope', () => {
    for (const f of FIELDS.filter((x) => x.askIf)) {
      const dep = getField(f.askIf!.field);
      expect(dep, f.key).toBeDefined();
      expect(dep!.group).toBe(f.group);
    }
  });

  it('covers the figures the report needs (domain §1–§4)', () => {
    for (const key of [
      'unit.name', 'unit.functions', 'staff.authorized', 'staff.actual', 'staff.type',
      'budget.initial', 'budget.full', 'budget.executed', 'basic.total', 'basic.personnel', 'basic.public',
      'spend.project', 'budget.carryoverPrior', 'budget.yearEndBalance', 'budget.adjustment', 'budget.keyProjects',
      'sanGong.carPurchase.prior', 'sanGong.reception.actual', 'procurement.budget', 'asset.total', 'asset.inUse',
      'building.approvedArea', 'govFund.has', 'stateCapital.executed', 'socialInsurance.budget',
      'special.budgetFull', 'special.goalPlanned', 'specialIndicator.weight', 'target.category', 'target.actual',
      'narrative.problems', 'narrative.measures', 'narrative.publicity', 'narrative.other',
    ]) {
      expect(getField(key), key).toBeDefined();
    }
    expect(GROUPS.find((g) => g.id === 'specialIndicator')!.parent).toBe('special');
  });

  it('the seed fixture answers every required question', () => {
    expect(missingFields(seedModel())).toEqual([]);
  });

  it('a conditional field is required only when its condition holds', () => {
    const m = seedModel();
    m.values['govFund.has'] = true;
    expect(missingFields(m).map((x) => x.key)).toEqual(['govFund.budget', 'govFund.executed']);
  });
});
