import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/rules-check.ts', ...args], { cwd: root, encoding: 'utf8' });

describe('npm run rules:check', () => {
  it('validates the reference rule set and prints its tree with weights', () => {
    const r = run('rulesets/yueyang-reference.yaml');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('规则集「yueyang-reference」岳阳市部门整体支出绩效评价指标体系（参考版）（第 1 版）检查通过，共 23 个末级指标：');
    expect(r.stdout).toContain('投入（15 分）\n  预算配置（15 分）\n    在职人员控制率 [staff-control] 5 分 · cap_deduct\n');
    expect(r.stdout).toMatch(/效果（20 分）\n  履职效益（20 分）\n/);
    expect(r.stdout.trim().endsWith('合计 100 分')).toBe(true);
  });

  it('refuses a typo with the file, line and key meant, exit code 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-check-'));
    const file = join(dir, 'typo.yaml');
    writeFileSync(file, readFileSync(join(root, 'rulesets/yueyang-reference.yaml'), 'utf8').replace('overAchievementFlag: 150', 'overAchievmentFlag: 150'));
    const r = run(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('[RULESET_INVALID]');
    expect(r.stderr).toMatch(new RegExp(`${file} 第 \\d+ 行第 1 列：有未知的键「overAchievmentFlag」，是否想写「overAchievementFlag」？`));
    expect(r.stdout).toBe('');
  });

  it('explains its usage without a file', () => {
    const r = run();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('npm run rules:check');
  });
});

describe('npm run rules:check prints the tree as written', () => {
  it('a two-level branch beside a three-level one, and a declared total', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-check-'));
    const file = join(dir, 'part.yaml');
    const ref = readFileSync(join(root, 'rulesets/yueyang-reference.yaml'), 'utf8');
    const head = ref.slice(0, ref.indexOf('tree:'));
    const leaf = (id: string, w: number) =>
      `      - { id: ${id}, name: 指标${id}, weight: ${w}, criterion: 每次扣1分, provenance: 测试, rule: { type: per_occurrence, field: mgmt.violations, perOccurrence: 1 } }\n`;
    writeFileSync(
      file,
      `${head.replace('id: yueyang-reference', 'id: part-test')}total: 30\ntree:\n  - name: 综合管理\n    weight: 10\n    children:\n${leaf('a', 4)}${leaf('b', 6)}` +
        `  - name: 履职成效\n    weight: 20\n    children:\n      - name: 产出\n        weight: 20\n        children:\n  ${leaf('c', 20)}`,
    );
    const r = run(file);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      ['综合管理（10 分）', '  指标a [a] 4 分 · per_occurrence', '  指标b [b] 6 分 · per_occurrence', '履职成效（20 分）', '  产出（20 分）', '    指标c [c] 20 分 · per_occurrence', '合计 30 分'].join('\n'),
    );
  });
});
