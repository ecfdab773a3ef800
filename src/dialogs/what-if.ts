import { whatIf } from '../scoring/what-if.js';
import { whatIfText } from '../scoring/what-if-text.js';
import type { Command } from './commands.js';
import { reask, type Turn } from './engine.js';
import { resolveWhatIf } from './what-if-parse.js';

/**
 * 「如果 全年执行数 350」「执行率到95%能得几分」 (issue 27 item 6): the score with that change and
 * the indicators whose points change; nothing is stored (no answers, the model is not touched),
 * then the pending question again. Returns false when the words name nothing and the message may
 * be the answer to a pending text question (it did not ask for a score).
 */
export function whatIfCommand(t: Turn, cmd: Extract<Command, { kind: 'whatIf' }>, textPending: boolean): boolean {
  const model = t.model!;
  const r = resolveWhatIf(cmd.asks, model, t.snap.ruleSet);
  if (!r.ok) {
    if (textPending && !cmd.asked) return false;
    t.say(r.message);
    reask(t);
    return true;
  }
  t.say(whatIfText(whatIf(model, t.snap.ruleSet, r.changes, t.score()), 'chat'));
  reask(t);
  return true;
}
