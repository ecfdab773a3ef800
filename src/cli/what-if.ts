import { zh } from '../messages/zh.js';
import type { ReportModel } from '../report/model.js';
import { parseAsks, parseWhatIfWords, resolveWhatIf } from '../dialogs/what-if-parse.js';
import type { RuleSet } from '../scoring/ruleset-schema.js';
import { whatIf } from '../scoring/what-if.js';
import { whatIfText } from '../scoring/what-if-text.js';

/**
 * `npm run score -- DATA --what-if "全年执行数=350"` (issue 27 item 6): the score with the change
 * and the indicators whose points change, printed as the chat prints it; the file is not written.
 * The chat's wording (「执行率到95%」, 「如果 全年执行数 350」) is understood too.
 */
export function whatIfMain(model: ReportModel, ruleSet: RuleSet, text: string): number {
  const words = parseWhatIfWords(text) ?? parseAsks(text);
  if (!words) {
    console.error(`[WHATIF_UNREADABLE] ${zh.whatIf.cliUsage}`);
    return 1;
  }
  const r = resolveWhatIf(words.asks, model, ruleSet);
  if (!r.ok) {
    console.error(`[${r.code}] ${r.message}`);
    return 1;
  }
  console.log(whatIfText(whatIf(model, ruleSet, r.changes), 'cli'));
  return 0;
}
