import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupFields, TOP_FIELDS } from '../../src/report/catalogue.js';
import type { Database } from '../../src/store/db.js';
import { commitAnswers } from '../../src/store/fast-commit.js';
import type { ItemAdd, TurnPatch } from '../../src/store/patch.js';
import type { ReportModel } from '../../src/report/model.js';
import { createUnit, ensureUser } from '../../src/store/people.js';
import { commitTurn, DuplicateMessageError, loadReportModel, openReport } from '../../src/store/reports.js';
import { testDatabases } from '../helpers/databases.js';

const RS = { id: 'yueyang-reference', version: 1 };
const topKeys = TOP_FIELDS.slice(0, 5).map((f) => f.key);
const targetKeys = groupFields('target').slice(0, 3).map((f) => f.key);
const value = fc.oneof(fc.constantFrom(null, 0, -0, true, false, ''), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 6 }));

for (const t of testDatabases()) {
  describe(`answers committed in one batch on ${t.name}`, () => {
    let d: Database;
    let userId: string;
    let unitId: string;
    let year = 3000;
    beforeAll(async () => {
      d = await t.open();
      userId = (await ensureUser(d.db, 'wecom:fast', '甲')).id;
      unitId = (await createUnit(d, { name: '批量单位', ruleSetId: RS.id, adminUserId: userId })).id;
    });
    afterAll(async () => {
      await d.close();
      await t.cleanup();
    });

    /** A report with two annual targets, as a turn would see it. */
    async function report() {
      const r = await openReport(d.db, unitId, year++, RS);
      const ids = [randomUUID(), randomUUID()];
      await commitTurn(d.db, { userId, reportId: r.id, patch: { addItems: ids.map((id) => ({ id, group: 'target' as const })) } });
      return { id: r.id, items: ids };
    }
    /** The report's group items, ids mapped, in the order they are read back. */
    async function items(reportId: string, itemMap: Map<string, string>) {
      const norm = (id: string | null) => (id === null ? null : (itemMap.get(id) ?? id));
      const list = await d.db.groupItem.findMany({ where: { reportId } });
      const key = (g: { group: string; parent: string | null; position: number }) => `${g.group} ${g.parent} ${String(g.position).padStart(6, '0')}`;
      return list
        .map((g) => ({ id: norm(g.id), group: g.group, parent: norm(g.parentId), position: g.position, deleted: g.deletedAt !== null }))
        .sort((x, y) => key(x).localeCompare(key(y)));
    }
    /** A model with item ids mapped (so two reports built the same way compare equal). */
    function normalised(model: ReportModel, itemMap: Map<string, string>): unknown {
      return JSON.parse(JSON.stringify(model), (k, v) => (k === 'id' && typeof v === 'string' ? (itemMap.get(v) ?? v) : v));
    }
    async function rows(reportId: string, itemMap: Map<string, string>) {
      const norm = (id: string) => itemMap.get(id) ?? id;
      const answers = await d.db.answer.findMany({ where: { reportId } });
      const history = await d.db.answerHistory.findMany({ where: { reportId }, orderBy: { id: 'asc' } });
      const audit = await d.db.auditLog.findMany({ where: { unitId, action: 'answers.save' }, orderBy: { id: 'asc' } });
      return {
        answers: answers.map((a) => ({ k: a.fieldKey, i: norm(a.itemId), v: a.value, version: a.version, by: a.updatedById })).sort((a, b) => `${a.k}${a.i}`.localeCompare(`${b.k}${b.i}`)),
        history: history.map((h) => ({ k: h.fieldKey, i: norm(h.itemId), old: h.oldValue, new: h.newValue, v: h.reportVersion, by: h.userId })),
        audit: audit.length,
      };
    }

    it('runs on the pg driver on PostgreSQL, on Prisma raw queries on SQLite', () => {
      expect(d.hot.via).toBe(t.name === 'sqlite' ? 'prisma' : 'driver');
    });

    it('writes exactly what the checked transaction writes, and takes the batch path', async () => {
      const turnArb = fc.record({
        writes: fc.array(fc.record({ pick: fc.nat(3), key: fc.nat(), value }), { maxLength: 5 }),
        // 0: nothing, 1: a new target, 2: a new 专项 with one indicator row
        add: fc.nat(2),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(turnArb, { minLength: 1, maxLength: 6 }), async (turns) => {
          const a = await report();
          const b = await report();
          const map = new Map(b.items.map((id, k) => [id, a.items[k]!]));
          const before = await d.db.auditLog.count({ where: { unitId, action: 'answers.save' } });
          let n = 0;
          for (const turn of turns) {
            // the same new items on both reports, under different ids
            const fresh = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
            const other = fresh.map(() => randomUUID());
            fresh.forEach((id, k) => map.set(other[k]!, id));
            const addsFor = (ids: string[]): ItemAdd[] =>
              turn.add === 1 ? [{ id: ids[0]!, group: 'target' }] : turn.add === 2 ? [{ id: ids[1]!, group: 'special' }, { id: ids[2]!, group: 'specialIndicator', parentId: ids[1]! }] : [];
            const patch = (items: string[], ids: string[]): TurnPatch => {
              const adds = addsFor(ids);
              const targets = [...items, ...adds.filter((x) => x.group === 'target').map((x) => x.id)];
              return {
                answers: turn.writes.map((w) =>
                  w.pick === 3 || targets.length === 0
                    ? { fieldKey: topKeys[w.key % topKeys.length]!, value: w.value }
                    : { fieldKey: targetKeys[w.key % targetKeys.length]!, itemId: targets[w.pick % targets.length]!, value: w.value },
                ),
                addItems: adds,
                conversation: { channel: 'c', state: { n } },
                inbound: { channel: 'c', messageId: randomUUID() },
                audit: [{ action: 'answers.save', detail: { n } }],
              };
            };
            n++;
            const ra = await loadReportModel(d.db, a.id);
            const fast = await commitAnswers(d, { userId, reportId: a.id, expectedVersion: ra.report.version, patch: patch(a.items, fresh) }, { model: ra.model, unitId });
            expect(fast.path).toBe('batch');
            const rb = await loadReportModel(d.db, b.id);
            const slow = await commitTurn(d.db, { userId, reportId: b.id, expectedVersion: rb.report.version, patch: patch(b.items, other) });
            expect(fast.version).toBe(slow.version);
          }
          expect(await rows(a.id, new Map())).toEqual(await rows(b.id, map));
          expect(await items(a.id, new Map())).toEqual(await items(b.id, map));
          expect(normalised((await loadReportModel(d.db, a.id)).model, new Map())).toEqual(normalised((await loadReportModel(d.db, b.id)).model, map));
          expect(await d.db.auditLog.count({ where: { unitId, action: 'answers.save' } })).toBe(before + 2 * turns.length);
        }),
        { numRuns: t.name === 'sqlite' ? 30 : 10 },
      );
    }, 90_000);

    it('a new item goes after every item ever made in its group under the same parent, deleted ones included', async () => {
      const r = await openReport(d.db, unitId, year++, RS);
      const [t1, t2, t3, s1, s2, c1, c2, c3] = Array.from({ length: 8 }, () => randomUUID());
      const add = async (addItems: ItemAdd[], deleteItems: string[] = []) => {
        const seen = await loadReportModel(d.db, r.id);
        await commitAnswers(d, { userId, reportId: r.id, expectedVersion: seen.report.version, patch: { addItems, deleteItems, inbound: { channel: 'c', messageId: randomUUID() } } }, { model: seen.model, unitId });
      };
      await add([{ id: t1!, group: 'target' }, { id: t2!, group: 'target' }]);
      await add([], [t2!]);
      await add([{ id: t3!, group: 'target' }, { id: s1!, group: 'special' }, { id: c1!, group: 'specialIndicator', parentId: s1! }]);
      await add([{ id: c2!, group: 'specialIndicator', parentId: s1! }, { id: s2!, group: 'special' }, { id: c3!, group: 'specialIndicator', parentId: s2! }]);
      const pos = Object.fromEntries((await d.db.groupItem.findMany({ where: { reportId: r.id } })).map((g) => [g.id, g.position]));
      expect([pos[t1!], pos[t2!], pos[t3!], pos[s1!], pos[s2!], pos[c1!], pos[c2!], pos[c3!]]).toEqual([0, 1, 2, 0, 1, 0, 1, 0]);
      const { model } = await loadReportModel(d.db, r.id);
      expect(model.groups.target!.map((x) => x.id)).toEqual([t1, t3]);
      expect(model.groups.special!.map((x) => [x.id, x.children.specialIndicator!.map((c) => c.id)])).toEqual([[s1, [c1, c2]], [s2, [c3]]]);
    });

    it('a turn that changes nothing in the report is one batch too, and a repeat of it is refused', async () => {
      const r = await report();
      const seen = await loadReportModel(d.db, r.id);
      const patch: TurnPatch = { conversation: { channel: 'c', state: { skipped: true } }, inbound: { channel: 'c', messageId: randomUUID() }, audit: [{ action: 'nothing', detail: null }] };
      const first = await commitAnswers(d, { userId, reportId: r.id, expectedVersion: seen.report.version, patch }, { model: seen.model, unitId });
      expect(first).toEqual({ version: null, path: 'batch' });
      expect((await d.db.report.findUniqueOrThrow({ where: { id: r.id } })).version).toBe(seen.report.version);
      expect(await d.db.conversationState.findUnique({ where: { userId_channel: { userId, channel: 'c' } } })).toMatchObject({ state: '{"skipped":true}' });
      expect(await d.db.auditLog.count({ where: { unitId, action: 'nothing' } })).toBe(1);
      await expect(commitAnswers(d, { userId, reportId: r.id, expectedVersion: seen.report.version, patch }, { model: seen.model, unitId })).rejects.toBeInstanceOf(DuplicateMessageError);
      expect(await d.db.auditLog.count({ where: { unitId, action: 'nothing' } })).toBe(1);
    });

    it('before any report is open, and at the end of an action (no message id, only the unit known), a turn is one batch too', async () => {
      const patch: TurnPatch = { conversation: { channel: 'before', state: { step: 'name' } }, inbound: { channel: 'before', messageId: randomUUID() }, audit: [{ action: 'no-report', detail: null }] };
      expect(await commitAnswers(d, { userId, patch }, undefined)).toEqual({ version: null, path: 'batch' });
      expect(await d.db.auditLog.findFirst({ where: { userId, action: 'no-report' } })).toMatchObject({ unitId: null });
      await expect(commitAnswers(d, { userId, patch }, undefined)).rejects.toBeInstanceOf(DuplicateMessageError);
      // an action claimed the message already: what is left carries no message id
      const r = await report();
      const end: TurnPatch = { conversation: { channel: 'before', state: { step: 'done' } }, audit: [{ action: 'report.opened-here', detail: null }] };
      expect(await commitAnswers(d, { userId, reportId: r.id, patch: end }, { unitId })).toEqual({ version: null, path: 'batch' });
      expect(await d.db.auditLog.findFirst({ where: { action: 'report.opened-here' } })).toMatchObject({ unitId });
      expect(await d.db.conversationState.findUnique({ where: { userId_channel: { userId, channel: 'before' } } })).toMatchObject({ state: '{"step":"done"}' });
      // with a report but neither its model nor its unit: the checked path, which reads the unit itself
      expect(await commitAnswers(d, { userId, reportId: r.id, patch: { audit: [{ action: 'unit-unknown', detail: null }] } }, undefined)).toEqual({ version: null, path: 'checked' });
      expect(await d.db.auditLog.findFirst({ where: { action: 'unit-unknown' } })).toMatchObject({ unitId });
      // answers need the model they were chosen from (the previous values for the history)
      const answers: TurnPatch = { answers: [{ fieldKey: topKeys[0]!, value: 1 }] };
      const { version } = await d.db.report.findUniqueOrThrow({ where: { id: r.id } });
      expect(await commitAnswers(d, { userId, reportId: r.id, expectedVersion: version, patch: answers }, { unitId })).toEqual({ version: version + 1, path: 'checked' });
    });

    it('a batch that lost its connection is not written again on the checked path; a refused statement is', async () => {
      const batch = d.hot.batch;
      const patch = (action: string): TurnPatch => ({ conversation: { channel: 'lost', state: {} }, audit: [{ action, detail: null }] });
      try {
        // the connection failed after the server may have committed: the turn fails, nothing is written twice
        d.hot.batch = async (statements) => {
          await batch.call(d.hot, statements);
          throw new Error('Connection terminated unexpectedly');
        };
        await expect(commitAnswers(d, { userId, patch: patch('lost.once') }, undefined)).rejects.toThrow('Connection terminated');
        expect(await d.db.auditLog.count({ where: { action: 'lost.once' } })).toBe(1);
        // a statement refused (here a serialization failure, SQLSTATE 40001): the checked path writes it
        d.hot.batch = async () => {
          throw Object.assign(new Error('could not serialize access'), { code: '40001' });
        };
        expect(await commitAnswers(d, { userId, patch: patch('refused.then.checked') }, undefined)).toEqual({ version: null, path: 'checked' });
        expect(await d.db.auditLog.count({ where: { action: 'refused.then.checked' } })).toBe(1);
      } finally {
        d.hot.batch = batch;
      }
    });

    it('answers without a message id (an action prefilling the unit facts) are one batch, checked against the version', async () => {
      const r = await report();
      const seen = await loadReportModel(d.db, r.id);
      const v = seen.report.version;
      const write = (value: number): TurnPatch => ({ answers: [{ fieldKey: topKeys[1]!, value }] });
      expect(await commitAnswers(d, { userId, reportId: r.id, expectedVersion: v, patch: write(7) }, { model: seen.model, unitId })).toEqual({ version: v + 1, path: 'batch' });
      const after = await loadReportModel(d.db, r.id);
      expect([after.report.version, after.model.values[topKeys[1]!]]).toEqual([v + 1, 7]);
      expect(await d.db.answerHistory.count({ where: { reportId: r.id, fieldKey: topKeys[1]! } })).toBe(1);
      // the same again from the old version: the batch's check refuses it (the version is NOT NULL),
      // nothing of it is written, and the checked path says who changed the field
      await expect(commitAnswers(d, { userId, reportId: r.id, expectedVersion: v, patch: write(8) }, { model: seen.model, unitId })).rejects.toMatchObject({ code: 'STALE_WRITE' });
      const still = await loadReportModel(d.db, r.id);
      expect([still.report.version, still.model.values[topKeys[1]!]]).toEqual([v + 1, 7]);
      // another field from the old version: the batch is refused, the checked path keeps it (as with a message id)
      expect(await commitAnswers(d, { userId, reportId: r.id, expectedVersion: v, patch: { answers: [{ fieldKey: topKeys[2]!, value: 3 }] } }, { model: seen.model, unitId })).toEqual({ version: v + 2, path: 'checked' });
    });

    it('falls back to the checked transaction: another writer’s change to the same field is refused, to another field kept', async () => {
      const r = await report();
      const seen = await loadReportModel(d.db, r.id);
      // a colleague writes 目标1 after we read the report
      await commitTurn(d.db, { userId, reportId: r.id, patch: { answers: [{ fieldKey: topKeys[0]!, value: '同事' }] } });
      const same = { answers: [{ fieldKey: topKeys[0]!, value: '我' }], inbound: { channel: 'c', messageId: randomUUID() } };
      await expect(commitAnswers(d, { userId, reportId: r.id, expectedVersion: seen.report.version, patch: same }, { model: seen.model, unitId })).rejects.toMatchObject({ code: 'STALE_WRITE' });
      const other = { answers: [{ fieldKey: topKeys[1]!, value: '我' }], inbound: { channel: 'c', messageId: randomUUID() } };
      const ok = await commitAnswers(d, { userId, reportId: r.id, expectedVersion: seen.report.version, patch: other }, { model: seen.model, unitId });
      expect(ok.path).toBe('checked');
      const { model } = await loadReportModel(d.db, r.id);
      expect(model.values).toMatchObject({ [topKeys[0]!]: '同事', [topKeys[1]!]: '我' });
      // the refused turn claimed nothing: its message can still be processed
      expect(await d.db.processedMessage.count({ where: { messageId: same.inbound.messageId } })).toBe(0);
    });

    it('a repeated delivery is refused once its first delivery committed', async () => {
      const r = await report();
      const seen = await loadReportModel(d.db, r.id);
      const patch = { answers: [{ fieldKey: topKeys[2]!, value: 1 }], inbound: { channel: 'c', messageId: randomUUID() } };
      expect((await commitAnswers(d, { userId, reportId: r.id, expectedVersion: seen.report.version, patch }, { model: seen.model, unitId })).path).toBe('batch');
      const again = await loadReportModel(d.db, r.id);
      await expect(commitAnswers(d, { userId, reportId: r.id, expectedVersion: again.report.version, patch }, { model: again.model, unitId })).rejects.toBeInstanceOf(DuplicateMessageError);
      expect(await d.db.answerHistory.count({ where: { reportId: r.id, fieldKey: topKeys[2]! } })).toBe(1);
    });

    it('a write to an item the caller does not know goes through the checked path and is refused', async () => {
      const r = await report();
      const seen = await loadReportModel(d.db, r.id);
      const patch = { answers: [{ fieldKey: targetKeys[0]!, itemId: 'no-such-item', value: 'x' }], inbound: { channel: 'c', messageId: randomUUID() } };
      await expect(commitAnswers(d, { userId, reportId: r.id, expectedVersion: seen.report.version, patch }, { model: seen.model, unitId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
}
