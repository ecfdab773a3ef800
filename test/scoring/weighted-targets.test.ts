import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Plan } from '../../src/dialogs/plan.js';
import { modelOf, ruleSetDoc, scoreOne, target } from '../helpers/rulesets.js';

/**
 * Issue 27 item 4: a table may score the unit's own targets weighted by their own 分值 (达州's
 * 履职成效 (20) is the weighted result of the unit's rows); on main a row's `weight:` was refused
 * and every target counted the same.
 */
const row = (name: string, t: number, actual: number, weight?: number, id = name) =>
  target(
    {
      'target.category': '社会效益',
      'target.name': name,
      'target.direction': '≥',
      'target.measureUnit': '件',
      'target.target': t,
      'target.actual': actual,
      ...(weight === undefined ? {} : { 'target.weight': weight }),
    },
    id,
  );
const rule = (weighted?: boolean) => ({ type: 'targets', categories: ['社会效益'], ...(weighted === undefined ? {} : { weighted }) });

describe('weighted targets', () => {
  it('weighted: (15 × 80 % + 5 × 100 %) ÷ 20 = 85 % of 20 points = 17.00, where the plain mean gives 18.00', () => {
    const groups = { target: [row('案件数', 100, 80, 15), row('宣传次数', 10, 10, 5)] };
    const w = scoreOne(rule(true), {}, groups, 20);
    expect(w.points).toBeCloseTo(17, 10);
    expect(w.formula).toContain('案件数：实际 80件 / 目标 100件 = 80.00%（分值 15）');
    expect(w.formula).toContain('2 项目标按分值加权的平均完成程度 85.00%，得 17 分');
    expect(scoreOne(rule(), {}, groups, 20).points).toBeCloseTo(18, 10);
  });

  it('a target without its 分值 is asked for by name, not taken as 0', () => {
    const r = scoreOne(rule(true), {}, { target: [row('案件数', 100, 80, 15), row('宣传次数', 10, 10)] }, 20);
    expect(r.status).toBe('pending');
    expect(r.missing).toEqual([{ key: 'target.weight', label: '分值', where: '年度绩效目标「宣传次数」' }]);
  });

  it('all 分值 0: every target counts the same', () => {
    const r = scoreOne(rule(true), {}, { target: [row('案件数', 100, 80, 0), row('宣传次数', 10, 10, 0)] }, 20);
    expect(r.points).toBeCloseTo(18, 10);
  });

  it('the chat does not ask a target’s 分值 (only tables that weigh targets use it)', () => {
    const plan = new Plan(modelOf({}, { target: [row('案件数', 100, 80)] }));
    const keys = plan.entries.flatMap((e) => (e.kind === 'field' ? [e.ref.key] : []));
    expect(keys).toContain('target.actual');
    expect(keys).not.toContain('target.weight');
  });

  it('npm run score: a data file whose targets carry weight: is read and scored weighted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weighted-'));
    const rules = join(dir, 'rules.json');
    const ind = (id: string, name: string, weight: number, r: unknown) => ({ id, name, weight, criterion: '测试', provenance: '测试', rule: r });
    writeFileSync(rules, JSON.stringify(ruleSetDoc([{ name: '履职成效', weight: 100, children: [ind('own', '履职成效', 20, rule(true)), ind('fill', '补足', 80, { type: 'not_applicable', reason: '补足' })] }])));
    const data = join(dir, 'data.yaml');
    writeFileSync(
      data,
      [
        'ruleSet: test-rules',
        'groups:',
        '  target:',
        "    - { category: 社会效益, name: 案件数, direction: '≥', measureUnit: 件, target: 100, actual: 80, weight: 15 }",
        "    - { category: 社会效益, name: 宣传次数, direction: '≥', measureUnit: 次, target: 10, actual: 10, weight: 5 }",
        '',
      ].join('\n'),
    );
    const root = new URL('../..', import.meta.url).pathname;
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/score.ts', data, '--rules', rules], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/履职成效\s+17\.00\/20\.00\s+未完全达成的目标：案件数/);
  });
});
