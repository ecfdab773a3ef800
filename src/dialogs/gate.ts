import { zh } from '../messages/zh.js';
import { getGroup } from '../report/catalogue.js';
import type { GroupId } from '../report/fields.js';
import { MAX_ITEMS } from '../report/limits.js';
import { childItems, findItem, items } from '../report/model.js';
import { squash } from './commands.js';
import { askNext, canWrite, type Turn } from './engine.js';
import { gateRowTurn } from './gate-row.js';
import { gateId, type Step } from './types.js';

/** The "add another?" gates of repeated groups (moved out of engine.ts unchanged). */

const D = zh.dialog;
const YES = ['是', '有', '要', '添加', '继续添加', '需要', '1', 'y', 'yes'];
const NO = ['否', '没有', '无', '不要', '不用', '不需要', '完成', '没了', '2', 'n', 'no'];

/** Items of a group now (under `parentId` for nested groups). */
function itemCount(t: Turn, group: GroupId, parentId?: string): number {
  return parentId ? childItems(findItem(t.model!, parentId)!, group).length : items(t.model!, group).length;
}

/** Whether the group is full (src/report/limits.ts); says so. A report at the limits still builds. */
export function atLimit(t: Turn, group: GroupId, parentId?: string): boolean {
  const max = MAX_ITEMS[group];
  if (itemCount(t, group, parentId) < max) return false;
  t.say(D.itemLimit(getGroup(group).label, max));
  return true;
}

/** 是 adds an item and asks its questions; 否 closes the gate. */
export function answerGate(t: Turn, step: Extract<Step, { kind: 'gate' }>, text: string): void {
  if (gateRowTurn(t, step, text)) return;
  const yes = YES.includes(squash(text));
  const no = NO.includes(squash(text));
  if (!yes && !no) {
    t.say(zh.answer.notAChoice(getGroup(step.group).label, '1. 是  2. 否'));
    return;
  }
  if (yes && !canWrite(t)) return;
  if (yes && !atLimit(t, step.group, step.parentId)) {
    const item = t.addItem(step.group, step.parentId);
    t.state.focus = { itemId: item.id };
    t.say(D.itemAdded(getGroup(step.group).label, itemCount(t, step.group, step.parentId)));
  } else t.state.gatesClosed.push(gateId(step.group, step.parentId));
  askNext(t);
}
