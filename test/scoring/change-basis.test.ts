import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Plan } from '../../src/dialogs/plan.js';
import { AppError } from '../../src/errors.js';
import { FIELDS } from '../../src/report/catalogue.js';
import { validateRuleSet } from '../../src/scoring/ruleset-loader.js';
import { modelOf, oneIndicator, ruleSetDoc, scoreOne, seedModel } from '../helpers/rulesets.js';

/**
 * Issue 27 item 2 (second half): 上年预算数 fields and `basis: 预算|决算` on change rates. A
 * published table computes 三公经费变动率 on the 预算 basis: 63.46 against last year's budget 32 →
 * 98.31 %; on main there was no 上年预算数 and `row`/`basis` were refused as unknown keys.
 */
const change = (input: Record<string, unknown>) => ({
  type: 'sign_threshold',
  input: { kind: 'change', ...input },
  threshold: 0,
  perPoint: 0.5,
  zeroDenominator: { points: 0, reason: '上年为 0' },
});

describe('change rates on the 预算 or 决算 basis', () => {
  it('basis 预算: 本年预算数 against 上年预算数 (63.46 vs 32 → 98.31 %)', () => {
    const r = scoreOne(change({ row: 'sanGong.total', basis: '预算' }), { 'sanGong.total.budget': 63.46, 'sanGong.total.priorBudget': 32 });
    expect(r.formula).toContain('三公经费（本年预算数） 63.46万元 − 三公经费（上年预算数） 32.00万元');
    expect(r.formula).toContain('= 98.31%');
    expect(r.points).toBe(0);
  });

  it('basis 决算: 本年决算数 against 上年决算数, the same as naming the two fields (公用经费 takes its 本年决算数 from section 二)', () => {
    const m = seedModel();
    for (const row of ['sanGong.total', 'basic.public']) {
      const byRow = scoreOne(change({ row, basis: '决算' }), m.values);
      const actual = row === 'basic.public' ? 'basic.public' : `${row}.actual`;
      const byFields = scoreOne(change({ current: actual, previous: `${row}.prior` }), m.values);
      expect(byRow.formula).toBe(byFields.formula);
      expect(byRow.points).toBe(byFields.points);
    }
  });

  it('a blank 上年预算数 is asked for by its label in the score, not taken as 0', () => {
    const r = scoreOne(change({ row: 'sanGong.total', basis: '预算' }), { 'sanGong.total.budget': 63.46 });
    expect(r.status).toBe('pending');
    expect(r.missing.map((x) => x.label)).toEqual(['三公经费（上年预算数）']);
  });

  it.each([
    [{ row: 'sanGong.total' }, '按行计算变动率须同时写 row（附件1的行，如 sanGong.total）和 basis（预算 或 决算）'],
    [{ row: 'sanGong.total', basis: '预算', current: 'sanGong.total.actual' }, '变动率写 row 和 basis，或写 current 和 previous，不要同时写'],
    [{ current: 'sanGong.total.actual' }, '变动率须写 current 和 previous，或写 row 和 basis'],
    [{ row: 'sanGong.total', basis: '预箅' }, 'rule.input.basis 不正确'],
    [{ row: 'sanGong.car', basis: '预算' }, '引用的字段「sanGong.car.priorBudget」不在字段目录中'],
  ])('%o is refused in Chinese', (input, message) => {
    let error: unknown;
    try {
      oneIndicator(change(input));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain(message);
  });

  it('npm run score reproduces the published 98.31 % from a rule set file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'basis-'));
    const rules = join(dir, 'basis.json');
    const doc = ruleSetDoc([
      {
        name: '投入',
        weight: 100,
        children: [
          { id: 'sg', name: '“三公经费”变动率', weight: 5, criterion: '测试', provenance: '测试', rule: change({ row: 'sanGong.total', basis: '预算' }) },
          { id: 'fill', name: '补足', weight: 95, criterion: '测试', provenance: '测试', rule: { type: 'not_applicable', reason: '补足' } },
        ],
      },
    ]);
    validateRuleSet(doc);
    writeFileSync(rules, JSON.stringify(doc));
    const data = join(dir, 'data.yaml');
    writeFileSync(data, 'ruleSet: test-rules\nvalues:\n  sanGong.total.budget: 63.46\n  sanGong.total.priorBudget: 32\n');
    const root = new URL('../..', import.meta.url).pathname;
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/score.ts', data, '--rules', rules], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/“三公经费”变动率\s+0\.00\/5\.00\s+“三公经费”变动率为 98\.31%/);
  });
});

describe('上年预算数 fields', () => {
  const added = FIELDS.filter((f) => f.key.endsWith('.priorBudget'));

  it('exist for 三公经费 and 公用经费, optional, outside attachment 1', () => {
    expect(added.map((f) => [f.key, f.label])).toEqual([
      ['sanGong.total.priorBudget', '三公经费（上年预算数）'],
      ['basic.public.priorBudget', '公用经费（上年预算数）'],
    ]);
    for (const f of added) {
      expect(f.required).toBe(false);
      expect(f.table).toBeUndefined();
      expect(f.unasked).toBe(true);
    }
  });

  it('are not asked in the chat (the questions of a blank report are the same as before)', () => {
    const plan = new Plan(modelOf({}));
    const keys = plan.entries.flatMap((e) => (e.kind === 'field' ? [e.ref.key] : []));
    expect(keys.length).toBeGreaterThan(50);
    for (const f of added) expect(keys).not.toContain(f.key);
  });
});
