import { reportAppError } from './app-error.js';
import { zh } from '../messages/zh.js';
import { runChecks } from '../report/checks.js';
import { loadDatasetFile } from '../report/dataset.js';
import { str } from '../report/model.js';
import { scoreReport } from '../scoring/engine.js';
import { loadRuleSet, loadRuleSetFile } from '../scoring/ruleset-loader.js';
import { scoreTable } from '../scoring/score-text.js';
import { whatIfMain } from './what-if.js';

/** npm run score -- <dataset> [--rules <rule-set file>] [--what-if "全年执行数=350"] */
export function main(argv: string[]): number {
  const args = argv.filter((a) => a !== '--');
  const rulesAt = args.indexOf('--rules');
  const rulesFile = rulesAt >= 0 ? args[rulesAt + 1] : undefined;
  const whatIfAt = args.indexOf('--what-if');
  const whatIf = whatIfAt >= 0 ? args[whatIfAt + 1] : undefined;
  const file = args.find((a, i) => !a.startsWith('--') && (rulesAt < 0 || i !== rulesAt + 1) && (whatIfAt < 0 || i !== whatIfAt + 1));
  if (!file || (rulesAt >= 0 && !rulesFile) || (whatIfAt >= 0 && !whatIf)) {
    console.error(`${zh.cli.usage}\n${zh.whatIf.cliUsage}`);
    return 2;
  }
  try {
    const { model } = loadDatasetFile(file);
    const ruleSet = rulesFile ? loadRuleSetFile(rulesFile) : loadRuleSet(model.ruleSetId);
    if (ruleSet.id !== model.ruleSetId) console.error(zh.datasetStrict.ruleSetDiffers(model.ruleSetId, ruleSet.id));
    if (whatIf !== undefined) return whatIfMain(model, ruleSet, whatIf);
    const result = scoreReport(model, ruleSet);
    const checks = runChecks(model, { projectGroups: ruleSet.projects.groups });
    const year = model.values['unit.year'];
    console.log(scoreTable(result, { unit: str(model.values, 'unit.name') ?? '（未填单位名称）', year: year === undefined ? '____' : String(year) }, checks));
    return 0;
  } catch (e) {
    return reportAppError(e);
  }
}

process.exitCode = main(process.argv.slice(2));
