import { zh } from '../../messages/zh.js';
import { getGroup, groupFields } from '../../report/catalogue.js';
import type { GroupId } from '../../report/fields.js';
import { isActive, items, str, type GroupItem } from '../../report/model.js';
import { sayItemById } from '../edit-anywhere.js';
import { askNext, canWrite, reask } from '../engine.js';
import type { Turn } from '../turn.js';
import { atLimit } from '../gate.js';
import { gateId, type Step } from '../types.js';
import type { CommandOf } from './handler.js';

/** The repeated items (专项资金项目, 绩效目标): 新增, 列表, 删除 n (and its 确认), 修改 n. */
const D = zh.dialog;

function itemName(item: GroupItem, group: GroupId): string {
  return str(item.values, `${group}.name`) ?? D.notFilled;
}

/** The numbered list of a group's items (also shown by 查看, navigation.ts). */
export function listLines(t: Turn, group: GroupId): string[] {
  const list = items(t.model!, group);
  const label = getGroup(group).label;
  if (list.length === 0) return [D.itemNone(label)];
  return [D.itemList(label), ...list.map((it, i) => D.itemLine(i + 1, itemName(it, group)))];
}

/** Item n of the group, or undefined after saying there is none. */
function groupItem(t: Turn, group: GroupId, n: number): GroupItem | undefined {
  const list = items(t.model!, group);
  if (n < 1 || n > list.length) {
    t.say(list.length ? D.itemBadNumber(getGroup(group).label, list.length) : D.itemNone(getGroup(group).label));
    reask(t);
    return undefined;
  }
  return list[n - 1];
}

export function addItem(t: Turn, cmd: CommandOf<'addItem'>): boolean {
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

export function listItems(t: Turn, cmd: CommandOf<'listItems'>): boolean {
  t.say(listLines(t, cmd.group).join('\n'));
  reask(t);
  return true;
}

/** 删除 项目 n: asks for 确认 first (the step becomes confirmDelete). */
export function deleteItem(t: Turn, cmd: CommandOf<'deleteItem'>): boolean {
  const item = groupItem(t, cmd.group, cmd.n);
  if (!item) return true;
  t.state.step = { kind: 'confirmDelete', group: cmd.group, itemId: item.id };
  t.say(D.itemDeleteConfirm(getGroup(cmd.group).label, cmd.n, itemName(item, cmd.group)), ['确认', '取消']);
  return true;
}

/** 确认 after 删除 项目 n (navigation.ts routes 确认 here when a deletion waits). */
export function confirmDelete(t: Turn, step: Extract<Step, { kind: 'confirmDelete' }>): boolean {
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

/** 修改 项目 n: queues every active field of the item, showing it first. */
export function editItem(t: Turn, cmd: CommandOf<'editItem'>): boolean {
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
