import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { SEED_FILE } from '../helpers/rulesets.js';

const root = new URL('../..', import.meta.url).pathname;
/**
 * Runs the CLI in a child process without blocking: the tests of this file are concurrent, so
 * their ~2 s tsx start-ups overlap instead of adding up (issue 29 item 2).
 */
const run = (...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/score.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
/** The seed scored with its own rule set, read by several tests: run once. */
let seedRun: ReturnType<typeof run> | undefined;
const runSeed = () => (seedRun ??= run(SEED_FILE));

describe.concurrent('npm run score', () => {
  it('prints every indicator of yueyang-reference with points/weight', async () => {
    const out = await runSeed();
    expect(out.status).toBe(0);
    const rs = loadRuleSet('yueyang-reference');
    for (const ind of rs.tree.flatMap((l) => l.children.flatMap((c) => c.indicators))) {
      expect(out.stdout).toMatch(new RegExp(`${ind.name}\\s+\\d+\\.\\d{2}/${ind.weight.toFixed(2)}`));
    }
  });

  it('prints the total with two decimals and the grade', async () => {
    const out = await runSeed();
    expect(out.stdout).toMatch(/总分：96\.88 分　等级：优/);
    expect(out.stdout).toContain('数据核对：未发现不一致。');
  });

  it('prints a provisional score and the missing fields for partial data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-'));
    const f = join(dir, 'half.yaml');
    writeFileSync(f, 'ruleSet: yueyang-reference\nvalues:\n  unit.name: 测试单位\n  staff.authorized: 100\n  staff.actual: 101\n');
    const r = await run(f);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/暂估：已确定 \d+\.\d{2} 分，最高可达 \d+\.\d{2} 分/);
    expect(r.stdout).toContain('- 重点项目支出');
    expect(r.stdout).toContain('- 年度绩效目标（数量类）');
    expect(r.stdout).toMatch(/在职人员控制率\s+4\.50\/5\.00\s+在职人员控制率为 101\.00%，超过 100\.00%，扣 0\.5 分/);
  });

  it('prints check warnings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-'));
    const f = join(dir, 'bad.yaml');
    writeFileSync(f, 'ruleSet: yueyang-reference\nvalues:\n  basic.total: 100\n  basic.personnel: 60\n  basic.public: 30\n');
    expect((await run(f)).stdout).toContain('人员经费 60.00 万元 + 公用经费 30.00 万元 = 90.00 万元，与基本支出合计 100.00 万元 相差 10.00 万元');
  });

  it('reports a bad dataset by label with its error code, without a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-'));
    const f = join(dir, 'wrong.json');
    writeFileSync(f, JSON.stringify({ ruleSet: 'yueyang-reference', values: { 'staff.authorized': 'eleven' } }));
    const r = await run(f);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('[DATASET_INVALID]');
    expect(r.stderr).toContain('「编制数」应为整数');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('explains its usage without a file', async () => {
    const r = await run();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('用法：npm run score');
  });
});

describe.concurrent('npm run score: datasets are checked strictly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'score-strict-'));
  const write = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  it('`value:` instead of `values:` is an error naming the key meant, not a score with everything pending', async () => {
    const f = write('value.yaml', 'ruleSet: yueyang-reference\nvalue:\n  unit.name: 测试单位\n');
    const r = await run(f);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`[DATASET_INVALID]`);
    expect(r.stderr).toContain(`${f} 第 2 行第 1 列：有未知的键「value」，是否想写「values」？`);
  });

  it('a missing ruleSet is said in Chinese', async () => {
    const f = write('no-rules.yaml', 'values:\n  unit.name: 测试单位\n');
    const r = await run(f);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('缺少 ruleSet（评分规则集编号，例如 ruleSet: yueyang-reference）');
    expect(r.stderr).not.toMatch(/Invalid input|expected/);
  });

  it('a misspelled field names the field meant, at its line', async () => {
    const f = write('field.yaml', 'ruleSet: yueyang-reference\nvalues:\n  unit.name: 测试单位\n  staff.autorized: 11\n');
    expect((await run(f)).stderr).toContain(`${f} 第 4 行第 3 列：未知字段「staff.autorized」，字段目录中没有这一项，是否想写「staff.authorized」？`);
  });

  it('a YAML error names the line to fix, in Chinese', async () => {
    const f = write('tab.yaml', 'ruleSet: yueyang-reference\nvalues:\n\tunit.name: 测试单位\n');
    const r = await run(f);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`[DATASET_UNREADABLE] 数据文件格式有误：${f} 第 3 行第 1 列：不能用 Tab 缩进，请改用空格`);
  });

  it("a dataset's ruleSet that differs from --rules is reported", async () => {
    const other = write('other-rules.yaml', readFileSync(join(root, 'rulesets/yueyang-reference.yaml'), 'utf8').replace('id: yueyang-reference', 'id: other-city-2024'));
    const r = await run(SEED_FILE, '--rules', other);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('注意：数据文件写的规则集是「yueyang-reference」，本次按 --rules 指定的「other-city-2024」评分。');
    expect((await runSeed()).stderr).toBe('');
  });
});

describe.concurrent('npm run score with a rule set of another shape', () => {
  it('a formula, a two-level branch and a three-level one score as written, with no work-around', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-shape-'));
    const ref = readFileSync(join(root, 'rulesets/yueyang-reference.yaml'), 'utf8');
    const head = ref.slice(0, ref.indexOf('tree:')).replace('id: yueyang-reference', 'id: shape-test');
    const rules = join(dir, 'shape-test.yaml');
    writeFileSync(
      rules,
      `${head}tree:
  - name: 综合管理
    weight: 10
    children:
      - { id: violations, name: 资金使用合规性, weight: 10, criterion: 每发现一次违规扣1分, provenance: 测试, rule: { type: per_occurrence, field: mgmt.violations, perOccurrence: 1 } }
  - name: 过程
    weight: 90
    children:
      - name: 预算执行
        weight: 90
        children:
          - id: completion
            name: 预算完成率
            weight: 90
            criterion: 预算完成率=（上年结转+年初预算+预算调整−年末结转结余）÷（上年结转+年初预算+预算调整）；每低5%扣2分
            provenance: 测试
            rule:
              type: per_step
              input: { kind: formula, expr: "(budget.carryoverPrior + budget.initial + budget.adjustment − budget.yearEndBalance) ÷ (budget.carryoverPrior + budget.initial + budget.adjustment)" }
              target: 100
              step: 5
              perStep: 2
              zeroDenominator: { points: 0, reason: 预算总额为 0 }
`,
    );
    const data = join(dir, 'data.yaml');
    writeFileSync(
      data,
      'ruleSet: shape-test\nvalues:\n  unit.name: 测试单位\n  mgmt.violations: 1\n  budget.carryoverPrior: 20\n  budget.initial: 300\n  budget.adjustment: 50\n  budget.yearEndBalance: 40\n',
    );
    const r = await run(data, '--rules', rules);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/资金使用合规性\s+9\.00\/10\.00/);
    expect(r.stdout).toMatch(/预算完成率\s+86\.00\/90\.00/); // 330 ÷ 370 = 89.19%: two full steps × 2
    expect(r.stdout).toMatch(/综合管理\s+综合管理\s+资金使用合规性/);
    expect(r.stdout).toContain('预算完成率为 89.19%，扣 4 分');
    expect(r.stdout).toMatch(/总分：95\.00 分/);
  });
});
