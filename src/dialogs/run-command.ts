import { zh } from '../messages/zh.js';
import { getField, getGroup, groupFields, SECTIONS, sectionTitle, TOP_FIELDS } from '../report/catalogue.js';
import { runChecks } from '../report/checks.js';
import type { GroupId, SectionId } from '../report/fields.js';
import { fixed2 } from '../report/format.js';
import { isActive, items, str, type GroupItem } from '../report/model.js';
import { showValue } from '../scoring/inputs.js';
import { findField, squash, type Command } from './commands.js';
import { goBack } from './back.js';
import { editAnywhere, sayItemById, viewItem } from './edit-anywhere.js';
import { liveFeedback } from './feedback.js';
import { atLimit } from './gate.js';
import { progressReply, skipReply } from './honest.js';
import { reopenSkipped } from './open-ends.js';
import { askPlausible } from './plausible.js';
import { reviewerLines } from '../oversight/flags.js';
import { sayScore } from './score-reply.js';
import { rowEdit } from './row-answer.js';
import { gateId, refId } from './types.js';
import { whatIfCommand } from './what-if.js';
import { parseAnswer } from './values.js';
import { afterAnswers, askNext, canWrite, reask } from './engine.js';
import type { Turn } from './turn.js';

/**
 * The commands of the conversation (查看, 修改, 跳过, 继续, 进度, 得分, 生成报告, items …): `runCommand`
 * decides one parsed command against the turn. Split out of engine.ts, which dispatches to it.
 */
const D = zh.dialog;


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

function itemName(item: GroupItem, group: GroupId): string {
  return str(item.values, `${group}.name`) ?? D.notFilled;
}

function listLines(t: Turn, group: GroupId): string[] {
  const list = items(t.model!, group);
  const label = getGroup(group).label;
  if (list.length === 0) return [D.itemNone(label)];
  return [D.itemList(label), ...list.map((it, i) => D.itemLine(i + 1, itemName(it, group)))];
}

function review(t: Turn): void {
  const lines: string[] = [D.reviewHead];
  const missingBySection = new Map<SectionId, string[]>();
  const plan = t.plan();
  for (const e of plan.entries) {
    if (e.kind === 'field' && e.field.required && !plan.answered(e.ref)) {
      const list = missingBySection.get(e.section) ?? [];
      list.push(e.where ? `${e.where}${e.field.label}` : e.field.label);
      missingBySection.set(e.section, list);
    }
  }
  for (const p of plan.progress()) {
    if (p.total === 0) continue;
    const missing = missingBySection.get(p.section) ?? [];
    lines.push(D.reviewSection(sectionTitle(p.section), p.done, p.total, missing.slice(0, 5).join('、') + (missing.length > 5 ? '…' : '')));
  }
  const warnings = runChecks(t.model!, { projectGroups: t.snap.ruleSet.projects.groups });
  if (warnings.length) lines.push(D.reviewChecks(warnings.length), ...warnings.map((w) => `- ${w.message}`));
  const score = t.score();
  lines.push(D.scoreHead(fixed2(score.total), score.grade, !score.complete, fixed2(score.maxReachable)), ...reviewerLines(t.model!, score, t.snap.ruleSet));
  t.say(lines.join('\n'));
  t.state.step = { kind: 'confirmGenerate' };
  t.say(D.reviewConfirm, ['确认生成', '继续']);
}

function groupItem(t: Turn, group: GroupId, n: number): GroupItem | undefined {
  const list = items(t.model!, group);
  if (n < 1 || n > list.length) {
    t.say(list.length ? D.itemBadNumber(getGroup(group).label, list.length) : D.itemNone(getGroup(group).label));
    reask(t);
    return undefined;
  }
  return list[n - 1];
}

/**
 * Returns false when the message is not a command after all (e.g. 修改 of no known field while a
 * text answer is pending); `force`: the user said it is one (meant.ts).
 */
export function runCommand(t: Turn, cmd: Command, force = false): boolean {
  const step = t.state.step;
  const pendingField = step.kind === 'field' ? getField(step.ref.key) : undefined;
  const textPending = !force && (pendingField?.kind === 'text' || pendingField?.kind === 'longtext');
  switch (cmd.kind) {
    case 'help': {
      const help = pendingField?.help ? `\n${D.hint(pendingField.help)}` : '';
      t.say(D.help + help);
      reask(t);
      return true;
    }
    case 'continue':
      if (step.kind === 'confirmGenerate') t.state.step = { kind: 'done' };
      reopenSkipped(t);
      askNext(t);
      return true;
    case 'progress':
      t.say(progressReply(t));
      reask(t);
      return true;
    case 'score':
      sayScore(t, cmd.detail);
      reask(t);
      return true;
    case 'view': {
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
    case 'edit':
    case 'set': {
      if (rowEdit(t, cmd) || editAnywhere(t, cmd, textPending)) return true;
      const f = findField(cmd.what);
      if (!f) {
        if (textPending) return false;
        t.say(D.unknownField(cmd.what));
        reask(t);
        return true;
      }
      if (!canWrite(t)) return true;
      if (cmd.kind === 'edit') {
        t.state.queue = [{ key: f.key }, ...t.state.queue.filter((q) => q.key !== f.key || q.itemId)];
        t.say(D.editAsk(f.label));
        askNext(t);
        return true;
      }
      const parsed = parseAnswer(f, cmd.value);
      if (!parsed.ok) {
        t.say(parsed.message);
        reask(t);
        return true;
      }
      if (askPlausible(t, { key: f.key }, parsed.value, cmd.value, false)) return true;
      t.write({ key: f.key }, parsed.value);
      t.say(D.recorded(f.label, parsed.display));
      liveFeedback(t, [f.key]);
      reask(t);
      return true;
    }
    case 'whatIf':
      return whatIfCommand(t, cmd, textPending);
    case 'back':
      goBack(t);
      return true;
    case 'skip':
    case 'later':
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
    case 'cancel':
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
    case 'generate':
      review(t);
      return true;
    case 'confirmGenerate':
      t.action = { kind: 'generateReport' };
      t.state.step = { kind: 'done' };
      return true;
    case 'confirm':
      if (step.kind === 'confirmDelete') {
        if (!canWrite(t)) return true;
        const list = items(t.model!, step.group);
        const n = list.findIndex((i) => i.id === step.itemId) + 1;
        t.deleteItem(step.itemId);
        t.state.queue = t.state.queue.filter((q) => q.itemId !== step.itemId);
        if (t.state.focus?.itemId === step.itemId) delete t.state.focus;
        t.say(D.itemDeleted(getGroup(step.group).label, n));
        askNext(t);
        return true;
      }
      if (step.kind === 'confirmGenerate') return runCommand(t, { kind: 'confirmGenerate' });
      // nothing waits for a 确认 (no file, no deletion): it is not an answer to the question either
      t.say(D.nothingToConfirm);
      reask(t);
      return true;
    case 'invite':
      if (t.role !== 'admin') {
        t.say(D.adminOnly);
        reask(t);
      } else t.action = { kind: 'createInvite' };
      return true;
    case 'join':
      t.action = { kind: 'joinUnit', code: cmd.code };
      return true;
    case 'year':
      t.action = { kind: 'openReport', year: cmd.year };
      return true;
    case 'useDefault': {
      if (step.kind !== 'field' || !pendingField?.defaultText) return false;
      if (!canWrite(t)) return true;
      t.write(step.ref, pendingField.defaultText, true);
      afterAnswers(t, [D.recorded(pendingField.label, pendingField.defaultText)], [pendingField.key], [step.ref]);
      return true;
    }
    case 'addItem': {
      if (!canWrite(t)) return true;
      if (atLimit(t, cmd.group)) {
        reask(t);
        return true;
      }
      const item = t.addItem(cmd.group);
      t.state.focus = { itemId: item.id };
      t.state.gatesClosed = t.state.gatesClosed.filter((g) => g !== gateId(cmd.group));
      t.say(D.itemAdded(getGroup(cmd.group).label, items(t.model!, cmd.group).length));
      askNext(t);
      return true;
    }
    case 'listItems':
      t.say(listLines(t, cmd.group).join('\n'));
      reask(t);
      return true;
    case 'deleteItem': {
      const item = groupItem(t, cmd.group, cmd.n);
      if (!item) return true;
      t.state.step = { kind: 'confirmDelete', group: cmd.group, itemId: item.id };
      t.say(D.itemDeleteConfirm(getGroup(cmd.group).label, cmd.n, itemName(item, cmd.group)), ['确认', '取消']);
      return true;
    }
    case 'editItem': {
      const item = groupItem(t, cmd.group, cmd.n);
      if (!item) return true;
      if (!canWrite(t)) return true;
      const refs = groupFields(cmd.group)
        .filter((f) => isActive(f, item.values))
        .map((f) => ({ key: f.key, itemId: item.id }));
      sayItemById(t, item.id);
      t.state.queue = [...refs, ...t.state.queue];
      askNext(t);
      return true;
    }
  }
}
