import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_FILE } from '../helpers/rulesets.js';

/** Issue 27 item 6: npm run score -- DATA --what-if "全年执行数=350". */
const root = new URL('../..', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/score.ts', ...args], { cwd: root, encoding: 'utf8' });

/** yueyang-reference with 预算执行率 (全年执行数 ÷ 全年预算数) in place of 政府采购执行率 (3 points). */
function withExecutionRate(): string {
  const yaml = readFileSync(join(root, 'rulesets/yueyang-reference.yaml'), 'utf8');
  const procurement = /          - id: procurement\n[\s\S]*?zeroDenominator: \{ points: full, reason: 无政府采购预算 \}\n/;
  expect(yaml).toMatch(procurement);
  const execution = [
    '          - id: execution',
    '            name: 预算执行率',
    '            weight: 3',
    '            criterion: 预算执行率=全年执行数/全年预算数，按比例得分。',
    '            provenance: 测试',
    '            rule:',
    '              type: proportional',
    '              input: { kind: ratio, numerator: [budget.executed], denominator: [budget.full] }',
    '              target: 100',
    '              zeroDenominator: { points: 0, reason: 全年预算数为 0 }',
    '',
  ].join('\n');
  const f = join(mkdtempSync(join(tmpdir(), 'what-if-')), 'execution.yaml');
  writeFileSync(f, yaml.replace(procurement, execution).replace('id: yueyang-reference', 'id: execution-test'));
  return f;
}

describe('npm run score --what-if', () => {
  it('全年执行数=350: the changed score and the indicator that changes; the data file is not written', () => {
    const rules = withExecutionRate();
    const data = readFileSync(SEED_FILE, 'utf8');
    const base = run(SEED_FILE, '--rules', rules);
    expect(base.status).toBe(0);
    // 362.56 ÷ 365 = 99.33 % of 3 points = 2.98; the rest of the seed's 96.88 minus 政府采购执行率's 2.88
    expect(base.stdout).toContain('总分：96.98 分');
    const r = run(SEED_FILE, '--rules', rules, '--what-if', '全年执行数=350');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('- 假设「全年执行数」由 362.56万元 改为 350.00万元');
    // 350 ÷ 365 = 95.89 % of 3 = 2.88: 0.10 less
    expect(r.stdout).toContain('试算总分：96.88 分（优）；现在 96.98 分（优），少 0.10 分。');
    expect(r.stdout).toMatch(/- 预算执行率：2\.98 → 2\.88（−0\.10）；.*95\.89%/);
    expect(r.stdout.match(/^- .*：\d+\.\d{2} → /gm)).toHaveLength(1);
    expect(r.stdout).toContain('只是试算，数据文件没有改动。');
    expect(readFileSync(SEED_FILE, 'utf8')).toBe(data);
  });

  it('执行率=95%: 全年执行数 derived from 全年预算数', () => {
    const r = run(SEED_FILE, '--rules', withExecutionRate(), '--what-if', '执行率=95%');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('假设「预算执行率」达到 95%：按 全年预算数 365.00万元 推算，「全年执行数」由 362.56万元 改为 346.75万元');
    expect(r.stdout).toMatch(/- 预算执行率：2\.98 → 2\.85（−0\.13）/);
  });

  it('the reference rule set: a figure no indicator reads changes nothing, and says so', () => {
    const r = run(SEED_FILE, '--what-if', '全年执行数=350');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('试算总分：96.88 分（优）；现在 96.88 分（优），总分不变。');
    expect(r.stdout).toContain('当前评分规则集没有指标用到「全年执行数」');
  });

  it('a name that is no figure is an error with its code; a missing value is a usage error', () => {
    const r = run(SEED_FILE, '--what-if', '办公面积=350');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('[WHATIF_UNKNOWN_FIELD]');
    expect(r.stdout).toBe('');
    const u = run(SEED_FILE, '--what-if');
    expect(u.status).toBe(2);
    expect(u.stderr).toContain('--what-if "全年执行数=350"');
  });
});
