import { randomUUID } from 'node:crypto';
import type { GroupId } from '../../src/report/fields.js';
import type { GroupItem, ReportModel } from '../../src/report/model.js';
import type { Db } from '../../src/store/db.js';
import type { AnswerWrite, ItemAdd } from '../../src/store/patch.js';
import { commitTurn } from '../../src/store/reports.js';

/** Store a whole model in a report in one commit (new item ids); `skip`: top-level keys left out. */
export async function storeModel(db: Db, reportId: string, userId: string, model: ReportModel, skip: string[] = []): Promise<void> {
  const answers: AnswerWrite[] = [];
  const addItems: ItemAdd[] = [];
  for (const [fieldKey, value] of Object.entries(model.values)) if (!skip.includes(fieldKey)) answers.push({ fieldKey, value });
  const add = (group: GroupId, item: GroupItem, parentId?: string) => {
    const id = randomUUID();
    addItems.push({ id, group, ...(parentId ? { parentId } : {}) });
    for (const [fieldKey, value] of Object.entries(item.values)) answers.push({ fieldKey, itemId: id, value });
    for (const [child, rows] of Object.entries(item.children)) for (const row of rows ?? []) add(child as GroupId, row, id);
  };
  for (const [group, list] of Object.entries(model.groups)) for (const item of list ?? []) add(group as GroupId, item);
  await commitTurn(db, { userId, reportId, patch: { answers, addItems } });
}
