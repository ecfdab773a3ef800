import { zh } from '../messages/zh.js';
import { getGroup } from '../report/catalogue.js';
import { childItems, findItem, items } from '../report/model.js';
import { askNext, canWrite, reask, type Turn } from './engine.js';
import { atLimit } from './gate.js';
import { readIndicatorRow, storeIndicatorRow } from './indicator-row.js';
import type { Step } from './types.js';

/**
 * 「还有项目绩效指标吗？」 answered with the next indicator's row (issue 26 item 1): the row is the
 * 是 and the answers at once. A row that does not read adds nothing; a message that is no row
 * is the gate's 是/否 as before.
 */
export function gateRowTurn(t: Turn, step: Extract<Step, { kind: 'gate' }>, text: string): boolean {
  const group = step.group;
  if (group !== 'specialIndicator' && group !== 'target') return false;
  const read = readIndicatorRow(group, {}, text);
  if (!read) return false;
  if ('error' in read) {
    storeIndicatorRow(t, read, '');
    reask(t);
    return true;
  }
  if (!canWrite(t)) return true;
  if (atLimit(t, group, step.parentId)) {
    askNext(t);
    return true;
  }
  const item = t.addItem(group, step.parentId);
  t.state.focus = { itemId: item.id };
  const n = step.parentId ? childItems(findItem(t.model!, step.parentId)!, group).length : items(t.model!, group).length;
  t.say(zh.dialog.itemAdded(getGroup(group).label, n));
  storeIndicatorRow(t, read, item.id);
  return true;
}
