import type { HandlerTable } from './handler.js';
import { editField, useDefault } from './editing.js';
import { addItem, deleteItem, editItem, listItems } from './groups.js';
import { invite, join } from './membership.js';
import { back, cancel, confirm, continueFilling, help, progress, skip, view } from './navigation.js';
import { confirmGenerate, generate, score, whatIf, year } from './reports.js';

/**
 * Every command kind the parser (commands.ts) produces → its handler, grouped by family.
 * `satisfies HandlerTable`: a kind without an entry does not compile (a handler that ignores its command
 * fits any kind: table.test.ts checks each kind reaches its own handler).
 * engine.ts `runCommand` dispatches through it.
 */
export const HANDLERS = {
  // navigation.ts
  help,
  continue: continueFilling,
  progress,
  view,
  back,
  skip,
  later: skip,
  cancel,
  confirm,
  // editing.ts
  edit: editField,
  set: editField,
  useDefault,
  // groups.ts
  addItem,
  listItems,
  deleteItem,
  editItem,
  // reports.ts
  score,
  whatIf,
  generate,
  confirmGenerate,
  year,
  // membership.ts
  invite,
  join,
} satisfies HandlerTable;
