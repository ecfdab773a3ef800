import { zh } from '../../messages/zh.js';
import { SECTIONS, TOP_FIELDS } from '../../report/catalogue.js';
import { isActive } from '../../report/model.js';
import { showValue } from '../../scoring/inputs.js';
import { goBack } from '../back.js';
import { squash } from '../commands.js';
import { viewItem } from '../edit-anywhere.js';
import { askNext, reask } from '../engine.js';
import type { Turn } from '../turn.js';
import { progressReply, skipReply } from '../honest.js';
import { reopenSkipped } from '../open-ends.js';
import { gateId, refId } from '../types.js';
import { confirmDelete, listLines } from './groups.js';
import type { CommandContext, CommandOf } from './handler.js';
import { confirmGenerate } from './reports.js';

/**
 * Moving through the questions and looking around: 帮助, 继续, 进度, 查看, 上一步, 跳过, 稍后再填, and
 * the answers to what waits for one: 确认, 取消.
 */
const D = zh.dialog;

export function help(t: Turn, _cmd: CommandOf<'help'>, { pendingField }: CommandContext): boolean {
  const hint = pendingField?.help ? `\n${D.hint(pendingField.help)}` : '';
  t.say(D.help + hint);
  reask(t);
  return true;
}

export function continueFilling(t: Turn, _cmd: CommandOf<'continue'>, { step }: CommandContext): boolean {
  if (step.kind === 'confirmGenerate') t.state.step = { kind: 'done' };
  reopenSkipped(t);
  askNext(t);
  return true;
}

export function progress(t: Turn): boolean {
  t.say(progressReply(t));
  reask(t);
  return true;
}

/** 查看 <section number or title>: its top-level fields, and the item list of the sections that have one. */
function viewSection(t: Turn, what: string): boolean {
  const s = squash(what);
  const section =
    SECTIONS.find((x) => squash(x.title) === s || squash(x.title).includes(s) || s.includes(squash(x.title))) ??
    (/^\d+$/.test(s) ? SECTIONS[Number(s) - 1] : undefined);
  if (!section) return false;
  const lines = [D.viewHead(section.title)];
  for (const f of TOP_FIELDS.filter((x) => x.section === section.id && isActive(x, t.model!.values))) {
    const v = t.model!.values[f.key];
    lines.push(D.viewLine(f.label, v === undefined ? D.notFilled : showValue(f.key, v)));
  }
  const group = section.id === 'specials' ? 'special' : section.id === 'targets' ? 'target' : undefined;
  if (group) lines.push(...listLines(t, group));
  t.say(lines.join('\n'));
  return true;
}

export function view(t: Turn, cmd: CommandOf<'view'>, { textPending }: CommandContext): boolean {
  if (viewItem(t, cmd.what)) return true;
  const s = squash(cmd.what);
  const group = s.includes('项目') || s.includes('专项') ? 'special' : s.includes('目标') ? 'target' : undefined;
  if (group) t.say(listLines(t, group).join('\n'));
  else if (!viewSection(t, cmd.what)) {
    if (textPending) return false;
    t.say(D.viewUnknown(SECTIONS.map((x) => x.title).join('、')));
  }
  reask(t);
  return true;
}

export function back(t: Turn): boolean {
  goBack(t);
  return true;
}

/** 跳过 and 稍后再填: leave the pending question (or close the pending 是/否 gate) and go on. */
export function skip(t: Turn, _cmd: CommandOf<'skip' | 'later'>, { step }: CommandContext): boolean {
  if (step.kind === 'field') {
    const id = refId(step.ref);
    const kept = t.plan().answered(step.ref);
    if (!t.state.skipped.includes(id) && !kept) t.state.skipped.push(id);
    t.remember(step.ref);
    t.state.queue = t.state.queue.filter((q) => refId(q) !== id);
    t.state.failures = 0;
    t.say(skipReply(t, step.ref, kept));
    askNext(t);
  } else if (step.kind === 'gate') {
    t.state.gatesClosed.push(gateId(step.group, step.parentId));
    askNext(t);
  } else reask(t);
  return true;
}

export function cancel(t: Turn, _cmd: CommandOf<'cancel'>, { step }: CommandContext): boolean {
  if (step.kind === 'confirmGenerate' || step.kind === 'confirmDelete' || t.state.queue.length || t.state.focus) {
    t.state.queue = [];
    delete t.state.focus;
    t.state.step = { kind: 'done' };
    t.say(D.cancelled);
    askNext(t);
  } else {
    t.say(D.nothingToCancel);
    reask(t);
  }
  return true;
}

/** 确认 answers what waits for it: a deletion (groups.ts) or a report to build (reports.ts). */
export function confirm(t: Turn, _cmd: CommandOf<'confirm'>, ctx: CommandContext): boolean {
  if (ctx.step.kind === 'confirmDelete') return confirmDelete(t, ctx.step);
  if (ctx.step.kind === 'confirmGenerate') return confirmGenerate(t);
  // nothing waits for a 确认 (no file, no deletion): it is not an answer to the question either
  t.say(D.nothingToConfirm);
  reask(t);
  return true;
}
