import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { loadRuleSet, loadRuleSetFile, validateRuleSet } from '../../src/scoring/ruleset-loader.js';
import { ruleSetDoc } from '../helpers/rulesets.js';

const ind = (over: Record<string, unknown> = {}) => ({
  id: 'staff-control',
  name: '在职人员控制率',
  weight: 60,
  criterion: '≤100%得满分',
  provenance: '测试',
  rule: { type: 'per_occurrence', field: 'mgmt.violations', perOccurrence: 1 },
  ...over,
});
const filler = (weight: number) => ({ id: 'filler', name: '补足', weight, criterion: '—', provenance: '—', rule: { type: 'not_applicable', reason: '—' } });
const tree = (indicators: unknown[], w2 = 100, w1 = 100) => [{ name: '投入', weight: w1, children: [{ name: '预算配置', weight: w2, indicators }] }];

function refusal(doc: unknown): AppError {
  try {
    validateRuleSet(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('RULESET_INVALID');
    return e as AppError;
  }
  throw new Error('rule set was accepted');
}

describe('yueyang-reference', () => {
  it('loads, sums to 100 and tabulates domain §5', () => {
    const rs = loadRuleSet('yueyang-reference');
    expect(rs.tree.map((l) => [l.name, l.weight])).toEqual([
      ['投入', 15],
      ['过程', 40],
      ['产出', 25],
      ['效果', 20],
    ]);
    const all = rs.tree.flatMap((l) => l.children.flatMap((c) => c.indicators));
    expect(all).toHaveLength(23);
    expect(all.reduce((s, i) => s + i.weight, 0)).toBe(100);
    for (const i of all) expect(i.provenance).toMatch(/official|reference/);
    const types = new Set(all.map((i) => i.rule.type));
    expect([...types].sort()).toEqual(['bands', 'cap_deduct', 'categorical', 'checklist', 'per_occurrence', 'proportional', 'qualitative', 'sign_threshold', 'targets'].sort());
  });

  it('an unknown id is refused with the list of known ones', () => {
    expect(() => loadRuleSet('nowhere-2030')).toThrow(/找不到评分规则集「nowhere-2030」.*yueyang-reference/);
  });
});

describe('bad rule sets are refused at load, naming the indicator', () => {
  it('a missing weight', () => {
    const { weight: _w, ...noWeight } = ind();
    const e = refusal(ruleSetDoc(tree([noWeight, filler(40)])));
    expect(e.message).toContain('指标「在职人员控制率」（staff-control）：缺少 weight');
  });

  it('weights that do not add up to 100', () => {
    const e = refusal(ruleSetDoc(tree([ind({ weight: 50 }), filler(40)], 90, 90)));
    expect(e.details).toContain('一级指标分值合计 90，应为 100');
  });

  it('indicator weights that do not add up to their 二级指标', () => {
    const e = refusal(ruleSetDoc(tree([ind({ weight: 50 }), filler(40)])));
    expect(e.details).toContain('「预算配置」下级分值合计 90，与其分值 100 不一致');
  });

  it('an unknown rule type', () => {
    const e = refusal(ruleSetDoc(tree([ind({ rule: { type: 'magic' } }), filler(40)])));
    expect(e.message).toContain('指标「在职人员控制率」（staff-control）：未知的评分规则类型「magic」');
  });

  it('a field key that is not in the catalogue', () => {
    const e = refusal(ruleSetDoc(tree([ind({ rule: { type: 'per_occurrence', field: 'staff.ghosts', perOccurrence: 1 } }), filler(40)])));
    expect(e.message).toContain('指标「在职人员控制率」（staff-control）：引用的字段「staff.ghosts」不在字段目录中');
  });

  it('a ratio without a zero-denominator rule', () => {
    const rule = { type: 'cap_deduct', input: { kind: 'ratio', numerator: ['staff.actual'], denominator: ['staff.authorized'] }, cap: 100, perPoint: 0.5 };
    const e = refusal(ruleSetDoc(tree([ind({ rule }), filler(40)])));
    expect(e.message).toContain('必须写明分母为 0 时的处理规则');
  });

  it('a checklist whose items do not add up to the weight, and band points over the weight', () => {
    const checklist = { type: 'checklist', items: [{ field: 'info.true', points: 1 }] };
    const e = refusal(ruleSetDoc(tree([ind({ rule: checklist, weight: 3 }), filler(97)])));
    expect(e.message).toContain('清单各项分值合计 1，与指标分值 3 不一致');
    const bands = { type: 'bands', input: { kind: 'value', field: 'effect.satisfaction' }, bands: [{ min: 90, points: 9 }], otherwise: 0 };
    expect(refusal(ruleSetDoc(tree([ind({ rule: bands, weight: 3 }), filler(97)]))).message).toContain('第 1 档 9 分超过指标分值 3 分');
  });

  it('duplicate indicator ids, and lists every problem at once', () => {
    const ghost = { type: 'per_occurrence', field: 'ghost.field', perOccurrence: 1 };
    const e = refusal(ruleSetDoc(tree([ind({ weight: 30 }), ind({ weight: 30, rule: ghost }), filler(40)])));
    expect(e.details).toEqual([
      '指标「在职人员控制率」（staff-control）：指标编号重复',
      '指标「在职人员控制率」（staff-control）：引用的字段「ghost.field」不在字段目录中',
    ]);
  });

  it('an unreadable file says which file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rs-'));
    const f = join(dir, 'broken.yaml');
    writeFileSync(f, 'id: [unclosed');
    expect(() => loadRuleSetFile(f)).toThrow(/评分规则集文件格式有误，已拒绝加载：.*broken\.yaml 第 1 行第 \d+ 列/);
    expect(() => loadRuleSetFile(join(dir, 'absent.yaml'))).toThrow(/无法读取评分规则集文件 .*absent\.yaml/);
  });

  it('a valid minimal rule set is accepted', () => {
    expect(validateRuleSet(ruleSetDoc(tree([ind(), filler(40)]))).id).toBe('test-rules');
  });
});
