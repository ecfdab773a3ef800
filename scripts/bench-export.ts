/**
 * Benchmark of the DOCX builder (not a test: times are reported, never asserted).
 * Median build time of the seed report and of a report with 30 projects × 10 indicators, and
 * the peak RSS of this process. Usage: npm run bench:export [-- --runs 15]
 */
import { buildReport } from '../src/export/document.js';
import { loadDatasetFile } from '../src/report/dataset.js';
import type { GroupItem, ReportModel } from '../src/report/model.js';
import { scoreReport } from '../src/scoring/engine.js';
import { loadRuleSet } from '../src/scoring/ruleset-loader.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
const seed = loadDatasetFile('test/fixtures/yueyang-2024.yaml').model;
const rules = loadRuleSet('yueyang-reference');

function bigModel(projects: number, indicators: number): ReportModel {
  const m = structuredClone(seed);
  const template = seed.groups.special![0]!;
  m.groups.special = Array.from({ length: projects }, (_, p): GroupItem => ({
    id: `p${p}`,
    values: { ...template.values, 'special.name': `专项资金项目${p + 1}` },
    children: {
      specialIndicator: Array.from({ length: indicators }, (_, i) => ({
        id: `p${p}i${i}`,
        values: {
          'specialIndicator.level1': '产出指标',
          'specialIndicator.level2': '数量指标',
          'specialIndicator.name': `指标${i + 1}`,
          'specialIndicator.direction': '≥',
          'specialIndicator.measureUnit': '件',
          'specialIndicator.target': 100,
          'specialIndicator.actual': 90 + i,
          'specialIndicator.weight': 9,
        },
        children: {},
      })),
    },
  }));
  return m;
}

/** One scenario in this process: median time over RUNS builds, collecting garbage between runs
 * so the peak RSS is the builder's working set, not V8's lazy heap growth. */
async function measure(model: ReportModel): Promise<{ ms: number; rssMb: number; baseMb: number }> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  gc();
  const baseMb = process.memoryUsage().rss / 1048576;
  const times: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    gc();
    const t0 = performance.now();
    await buildReport(model, scoreReport(model, rules), { createdAt: new Date(0) });
    if (i >= 2) times.push(performance.now() - t0); // two warm-up runs
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, rssMb: process.resourceUsage().maxRSS / 1024, baseMb };
}

const scenarioArg = process.argv.indexOf('--scenario');
if (scenarioArg > 0) {
  // child: measure one scenario and report as JSON
  const model = process.argv[scenarioArg + 1] === 'big' ? bigModel(30, 10) : seed;
  console.log(JSON.stringify(await measure(model)));
} else {
  const { execFileSync } = await import('node:child_process');
  const run = (scenario: string) =>
    JSON.parse(
      execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'scripts/bench-export.ts', '--scenario', scenario, '--runs', String(RUNS)], { encoding: 'utf8' }),
    ) as { ms: number; rssMb: number; baseMb: number };
  const s = run('seed');
  const b = run('big');
  console.log('| 报告 | 中位数耗时 | 峰值 RSS（进程，含约 ' + s.baseMb.toFixed(0) + ' MB 基线） | 目标 |');
  console.log('|---|---|---|---|');
  console.log(`| 种子报告（2 个专项） | ${s.ms.toFixed(0)} ms | ${s.rssMb.toFixed(0)} MB | ≤ 300 ms，≤ 250 MB |`);
  console.log(`| 30 个专项 × 10 个指标 | ${b.ms.toFixed(0)} ms | ${b.rssMb.toFixed(0)} MB | ≤ 2000 ms，≤ 250 MB |`);
  console.log(`(${RUNS} runs each after 2 warm-ups, each scenario in its own process; node ${process.version}, ${new Date().toISOString().slice(0, 10)})`);
}
