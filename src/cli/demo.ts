import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildReport } from '../export/document.js';
import { loadDatasetFile } from '../report/dataset.js';
import { fixed2 } from '../report/format.js';
import { scoreReport } from '../scoring/engine.js';
import { loadRuleSet } from '../scoring/ruleset-loader.js';

/** npm run demo [-- <dataset>] — writes the seed fixture's report to out/ and prints path and score. */
const file = process.argv.slice(2).find((a) => a !== '--') ?? 'test/fixtures/yueyang-2024.yaml';
const { model } = loadDatasetFile(file);
const score = scoreReport(model, loadRuleSet(model.ruleSetId));
const built = await buildReport(model, score);
mkdirSync('out', { recursive: true });
const path = resolve(join('out', built.fileName));
writeFileSync(path, built.content);
console.log(`已生成：${path}`);
console.log(`自评得分：${fixed2(score.total)} 分（${score.grade}）${score.complete ? '' : '，暂估'}`);
if (built.missing.length) console.log(`尚缺 ${built.missing.length} 项数据，已列在报告“十、其他需要说明的情况”中。`);
