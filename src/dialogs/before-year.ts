import type { Command } from './commands.js';
import type { Turn } from './engine.js';

/** Commands that work on a report (得分, 进度, 生成报告, 查看 …); the rest keep their onboarding meaning. */
const ON_A_REPORT: ReadonlySet<Command['kind']> = new Set([
  'continue', 'progress', 'score', 'view', 'edit', 'set', 'back', 'generate', 'addItem', 'listItems', 'deleteItem', 'editItem', 'whatIf',
] satisfies Command['kind'][]);

/**
 * A member without an open report (the year question pending, or a conversation on a new
 * channel) and a command (issue 25 item 5): 年度 N opens that year, 邀请 makes an admin's invite,
 * and a command that works on a report opens the unit's most recent report (the year question's
 * default when it has none) and runs there (the runner hands `then` to the engine once it is
 * open), instead of 「年度请写四位数字」. Returns whether the message was such a command.
 */
export function memberCommand(t: Turn, cmd: Command | undefined, text: string): boolean {
  if (!cmd || t.snap.memberships.length === 0) return false;
  if (cmd.kind === 'year') t.action = { kind: 'openReport', year: cmd.year };
  else if (cmd.kind === 'invite' && t.snap.memberships.some((m) => m.role === 'admin')) t.action = { kind: 'createInvite' };
  else if (ON_A_REPORT.has(cmd.kind)) t.action = { kind: 'openReport', year: t.snap.today.year - 1, latest: true, then: text };
  return t.action !== undefined;
}
