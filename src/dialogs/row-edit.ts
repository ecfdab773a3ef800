import { zh } from '../messages/zh.js';
import { findField, squash, type Command } from './commands.js';
import { askNext, canWrite, reask, type Turn } from './engine.js';
import { askedCells, cellsOf, readCell, storeCells, type Cell } from './row-answer.js';
import { CELL_ROWS, type CellRow } from './rows.js';
import { refId } from './types.js';

/**
 * Corrections of a whole row (issue 26 item 1, corrections reach the row-shaped answers):
 * 「修改 公务接待」 asks the row's cells again (the first question offers the row in one message),
 * 「公务接待 改为 0.9 0.9 0.7」 stores the row at once, with the same reading and checks as a row
 * answer. A name that finds one field (公用经费, 项目支出 for 项目支出合计) stays that field's.
 */

const R = zh.rows;

/** A top-level row named exactly (its cells are top-level fields), unless the name finds one field. */
function rowNamed(what: string): CellRow | undefined {
  const s = squash(what);
  if (findField(what)) return undefined;
  return CELL_ROWS.find((r) => squash(r.label) === s && !r.keys.some((k) => k.startsWith('special.')));
}

export function rowEdit(t: Turn, cmd: Command): boolean {
  if (cmd.kind !== 'edit' && cmd.kind !== 'set') return false;
  const row = rowNamed(cmd.what);
  if (!row) return false;
  const cells = askedCells(t, row, { key: row.keys[0]! });
  if (!cells.length) return false;
  if (!canWrite(t)) return true;
  if (cmd.kind === 'edit') {
    const ids = new Set(cells.map(refId));
    t.state.queue = [...cells, ...t.state.queue.filter((q) => !ids.has(refId(q)))];
    t.say(R.editRow(row.label));
    askNext(t);
    return true;
  }
  const typed = cellsOf(cmd.value);
  if (typed.length !== cells.length) {
    t.say(R.cellCount(cells.length, row.columns.join(' '), typed.length));
    reask(t);
    return true;
  }
  const read: Cell[] = [];
  for (const [i, r] of cells.entries()) {
    const c = readCell(t, r, typed[i]!, i + 1);
    if (c === undefined) {
      reask(t);
      return true;
    }
    if (c) read.push(c);
  }
  storeCells(t, read, [], undefined, false);
  return true;
}
