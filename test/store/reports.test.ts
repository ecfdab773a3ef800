import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import BetterSqlite3 from 'better-sqlite3';
import { sqlitePath, type Database } from '../../src/store/db.js';
import { getGeneratedFile, saveGeneratedFile } from '../../src/store/files.js';
import { createUnit, ensureUser } from '../../src/store/people.js';
import { commitTurn, DuplicateMessageError, isProcessed, loadConversation, loadReportModel, openReport } from '../../src/store/reports.js';
import { testDatabases } from '../helpers/databases.js';
import { seedModel } from '../helpers/rulesets.js';

const RS = { id: 'yueyang-reference', version: 1 };

for (const t of testDatabases()) {
  describe(`store API on ${t.name}`, () => {
    let d: Database;
    let userA: string;
    let userB: string;
    let unitId: string;
    beforeAll(async () => {
      d = await t.open();
      userA = (await ensureUser(d.db, 'wecom:a', '甲')).id;
      userB = (await ensureUser(d.db, 'wecom:b', '乙')).id;
      unitId = (await createUnit(d, { name: '岳阳市法律援助中心', ruleSetId: RS.id, adminUserId: userA })).id;
    });
    afterAll(async () => {
      await d.close();
      await t.cleanup();
    });
    const newReport = async (year: number) => openReport(d.db, unitId, year, RS);

    it('opens one report per unit and year, pinned to its rule set', async () => {
      const r1 = await newReport(2024);
      const r2 = await newReport(2024);
      expect(r2.id).toBe(r1.id);
      expect(r1).toMatchObject({ ruleSetId: 'yueyang-reference', ruleSetVersion: 1, version: 0, year: 2024 });
    });

    it('the whole seed report round-trips through answers and group items', async () => {
      const rep = await newReport(2023);
      const seed = seedModel();
      const answers = Object.entries(seed.values).map(([fieldKey, value]) => ({ fieldKey, value }));
      const addItems: { id: string; group: 'special' | 'specialIndicator' | 'target'; parentId?: string }[] = [];
      for (const s of seed.groups.special!) {
        addItems.push({ id: s.id, group: 'special' });
        answers.push(...Object.entries(s.values).map(([fieldKey, value]) => ({ fieldKey, value, itemId: s.id })));
        for (const row of s.children.specialIndicator!) {
          addItems.push({ id: row.id + s.id, group: 'specialIndicator', parentId: s.id });
          answers.push(...Object.entries(row.values).map(([fieldKey, value]) => ({ fieldKey, value, itemId: row.id + s.id })));
        }
      }
      for (const tg of seed.groups.target!) {
        addItems.push({ id: tg.id, group: 'target' });
        answers.push(...Object.entries(tg.values).map(([fieldKey, value]) => ({ fieldKey, value, itemId: tg.id })));
      }
      const { version } = await commitTurn(d.db, { userId: userA, reportId: rep.id, expectedVersion: 0, patch: { answers, addItems } });
      expect(version).toBe(1);
      const { model, report } = await loadReportModel(d.db, rep.id);
      expect(report.version).toBe(1);
      expect(model.values).toEqual(seed.values);
      expect(model.groups.target!.map((x) => x.values)).toEqual(seed.groups.target!.map((x) => x.values));
      expect(model.groups.special!.map((x) => x.values)).toEqual(seed.groups.special!.map((x) => x.values));
      expect(model.groups.special!.map((x) => x.children.specialIndicator!.map((r) => r.values))).toEqual(
        seed.groups.special!.map((x) => x.children.specialIndicator!.map((r) => r.values)),
      );
    });

    it('a model read while someone commits is labelled with the version its contents are at', async () => {
      const rep = await newReport(2031);
      await commitTurn(d.db, { userId: userA, reportId: rep.id, patch: { answers: [{ fieldKey: 'basic.personnel', value: 1 }] } });
      const v = (await loadReportModel(d.db, rep.id)).report.version;
      // a colleague's commit lands after the report row was read and before its answers are
      let slipped = false;
      const answer = {
        findMany: async (args: Parameters<typeof d.db.answer.findMany>[0]) => {
          if (!slipped) {
            slipped = true;
            await commitTurn(d.db, { userId: userB, reportId: rep.id, patch: { answers: [{ fieldKey: 'basic.personnel', value: 2 }] } });
          }
          return d.db.answer.findMany(args);
        },
      };
      const racing = { report: d.db.report, groupItem: d.db.groupItem, answer } as unknown as typeof d.db;
      const { model, report } = await loadReportModel(racing, rep.id);
      expect([report.version, model.values['basic.personnel']]).toEqual([v + 1, 2]);
    });

    it('keeps an append-only history with who, when and the previous value', async () => {
      const rep = await newReport(2022);
      await commitTurn(d.db, { userId: userA, reportId: rep.id, patch: { answers: [{ fieldKey: 'basic.personnel', value: 160 }] } });
      await commitTurn(d.db, { userId: userB, reportId: rep.id, patch: { answers: [{ fieldKey: 'basic.personnel', value: 160.2 }] } });
      await commitTurn(d.db, { userId: userB, reportId: rep.id, patch: { answers: [{ fieldKey: 'basic.personnel', value: 160.2 }] } }); // no change
      await commitTurn(d.db, { userId: userA, reportId: rep.id, patch: { answers: [{ fieldKey: 'basic.personnel', value: null }] } });
      const h = await d.db.answerHistory.findMany({ where: { reportId: rep.id }, orderBy: { id: 'asc' } });
      expect(h.map((x) => [x.oldValue, x.newValue, x.userId])).toEqual([
        [null, '160', userA],
        ['160', '160.2', userB],
        ['160.2', null, userA],
      ]);
      expect(h.every((x) => x.createdAt instanceof Date)).toBe(true);
      expect((await loadReportModel(d.db, rep.id)).model.values).toEqual({});
    });

    it('group items keep stable ids and order; deleting one hides it and its rows', async () => {
      const rep = await newReport(2021);
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      const row = randomUUID();
      await commitTurn(d.db, {
        userId: userA,
        reportId: rep.id,
        patch: {
          addItems: [{ id: a, group: 'special' }, { id: b, group: 'special' }, { id: row, group: 'specialIndicator', parentId: b }, { id: c, group: 'special' }],
          answers: [
            { fieldKey: 'special.name', itemId: a, value: '甲' },
            { fieldKey: 'special.name', itemId: b, value: '乙' },
            { fieldKey: 'specialIndicator.name', itemId: row, value: '乙的指标' },
            { fieldKey: 'special.name', itemId: c, value: '丙' },
          ],
        },
      });
      await commitTurn(d.db, { userId: userA, reportId: rep.id, patch: { deleteItems: [b] } });
      const { model } = await loadReportModel(d.db, rep.id);
      expect(model.groups.special!.map((x) => [x.id, x.values['special.name']])).toEqual([
        [a, '甲'],
        [c, '丙'],
      ]);
      // writing to a deleted item, or another report's item, is refused
      await expect(commitTurn(d.db, { userId: userA, reportId: rep.id, patch: { answers: [{ fieldKey: 'special.name', itemId: b, value: 'x' }] } })).rejects.toThrow(AppError);
    });

    it('a write against a stale version of the same field is refused, not merged', async () => {
      const rep = await newReport(2020);
      await commitTurn(d.db, { userId: userA, reportId: rep.id, expectedVersion: 0, patch: { answers: [{ fieldKey: 'staff.actual', value: 9 }] } });
      // B read the report at version 0, then A changed 实有人数: B's write of 实有人数 is stale
      const err = await commitTurn(d.db, { userId: userB, reportId: rep.id, expectedVersion: 0, patch: { answers: [{ fieldKey: 'staff.actual', value: 10 }] } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('STALE_WRITE');
      expect((err as AppError).message).toContain('实有人数 刚被其他同事修改过');
      const { model, report } = await loadReportModel(d.db, rep.id);
      expect(model.values['staff.actual']).toBe(9);
      expect(report.version).toBe(1); // the refused turn left no trace
      // …but a write of another field from the same stale view goes through
      await commitTurn(d.db, { userId: userB, reportId: rep.id, expectedVersion: 0, patch: { answers: [{ fieldKey: 'staff.authorized', value: 11 }] } });
      expect((await loadReportModel(d.db, rep.id)).model.values).toEqual({ 'staff.actual': 9, 'staff.authorized': 11 });
    });

    it('two staff writing concurrently on one report lose nothing', async () => {
      const rep = await newReport(2019);
      const keysA = ['basic.personnel', 'basic.public', 'basic.total', 'spend.project', 'budget.initial', 'budget.full', 'budget.executed', 'budget.adjustment'];
      const keysB = ['sanGong.total.prior', 'sanGong.total.budget', 'sanGong.total.actual', 'procurement.prior', 'procurement.budget', 'procurement.actual', 'asset.total', 'asset.inUse'];
      const write = (user: string, keys: string[], base: number) =>
        Promise.all(keys.map((fieldKey, i) => commitTurn(d.db, { userId: user, reportId: rep.id, expectedVersion: 0, patch: { answers: [{ fieldKey, value: base + i }] } })));
      await Promise.all([write(userA, keysA, 100), write(userB, keysB, 200)]);
      const { model, report } = await loadReportModel(d.db, rep.id);
      expect(report.version).toBe(16);
      keysA.forEach((k, i) => expect(model.values[k]).toBe(100 + i));
      keysB.forEach((k, i) => expect(model.values[k]).toBe(200 + i));
      expect(await d.db.answerHistory.count({ where: { reportId: rep.id } })).toBe(16);
    });

    it('concurrent writes of the same field: one wins, the other is told it is stale', async () => {
      const rep = await newReport(2018);
      const results = await Promise.allSettled(
        [userA, userB].map((u, i) => commitTurn(d.db, { userId: u, reportId: rep.id, expectedVersion: 0, patch: { answers: [{ fieldKey: 'staff.actual', value: 10 + i }] } })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect((rejected[0]!.reason as AppError).code).toBe('STALE_WRITE');
    });

    it('an inbound message id is processed once, with the turn, atomically', async () => {
      const rep = await newReport(2017);
      const inbound = { channel: 'wecom', messageId: `msg-${randomUUID()}` };
      await commitTurn(d.db, { userId: userA, reportId: rep.id, patch: { inbound, answers: [{ fieldKey: 'staff.actual', value: 9 }], conversation: { channel: 'wecom', state: { at: 'staff.authorized' } } } });
      expect(await isProcessed(d.db, inbound.channel, inbound.messageId)).toBe(true);
      await expect(commitTurn(d.db, { userId: userA, reportId: rep.id, patch: { inbound, answers: [{ fieldKey: 'staff.actual', value: 99 }] } })).rejects.toBeInstanceOf(DuplicateMessageError);
      expect((await loadReportModel(d.db, rep.id)).model.values['staff.actual']).toBe(9);
      expect(await loadConversation(d.db, userA, 'wecom')).toEqual({ at: 'staff.authorized' });
      // a failed turn does not consume its message id: the retry can still be processed
      const retry = { channel: 'wecom', messageId: `msg-${randomUUID()}` };
      await expect(commitTurn(d.db, { userId: userA, reportId: 'no-such-report', patch: { inbound: retry, answers: [{ fieldKey: 'staff.actual', value: 1 }] } })).rejects.toThrow();
      expect(await isProcessed(d.db, retry.channel, retry.messageId)).toBe(false);
    });

    it('64 KB of text and every Unicode character round-trip unchanged', async () => {
      const rep = await newReport(2016);
      const long = '绩效'.repeat(32 * 1024) + '<&>\u0000\u0001😀';
      const all: string[] = [];
      for (let cp = 0; cp <= 0x10ffff; cp++) if (cp < 0xd800 || cp > 0xdfff) all.push(String.fromCodePoint(cp));
      const chunk = 0x20000;
      const texts = [long, '\ud800 lone surrogate'];
      for (let i = 0; i < all.length; i += chunk) texts.push(all.slice(i, i + chunk).join(''));
      const keys = texts.map(() => randomUUID());
      await commitTurn(d.db, {
        userId: userA,
        reportId: rep.id,
        patch: { addItems: keys.map((id) => ({ id, group: 'target' as const })), answers: texts.map((value, i) => ({ fieldKey: 'target.name', itemId: keys[i]!, value })) },
      });
      const got = (await loadReportModel(d.db, rep.id)).model.groups.target!.map((x) => x.values['target.name']);
      expect(got.length).toBe(texts.length);
      got.forEach((v, i) => expect(v === texts[i], `text ${i}`).toBe(true));
    });

    it('generated files are stored once per content and read back byte for byte', async () => {
      const rep = await newReport(2015);
      const content = new Uint8Array(Array.from({ length: 5000 }, (_, i) => i % 256));
      const first = await saveGeneratedFile(d.db, { reportId: rep.id, reportVersion: 3, fileName: '报告.docx', content, userId: userA });
      const again = await saveGeneratedFile(d.db, { reportId: rep.id, reportVersion: 4, fileName: '报告.docx', content, userId: userA });
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.file.id).toBe(first.file.id);
      // The bytes stay in the database until the file is sent: saving does not read them back.
      expect('content' in first.file).toBe(false);
      expect('content' in again.file).toBe(false);
      const back = await getGeneratedFile(d.db, first.file.id);
      expect(Buffer.from(back!.content).equals(Buffer.from(content))).toBe(true);
      expect(back!.size).toBe(5000);
    });

    it('audit lines of a turn carry the unit, the user and the time', async () => {
      const rep = await newReport(2014);
      await commitTurn(d.db, { userId: userB, reportId: rep.id, patch: { answers: [{ fieldKey: 'staff.actual', value: 1 }], audit: [{ action: 'answer.set', detail: { key: 'staff.actual' } }] } });
      const log = await d.db.auditLog.findFirst({ where: { action: 'answer.set' }, orderBy: { id: 'desc' } });
      expect(log).toMatchObject({ unitId, userId: userB, detail: '{"key":"staff.actual"}' });
    });

    it.runIf(t.name === 'sqlite')('a commit that read before another connection committed is run again, not lost', async () => {
      // SQLite: a deferred transaction that read, then writes after another connection committed,
      // fails with SQLITE_BUSY_SNAPSHOT (found by 20 people walking the report at once).
      const rep = await newReport(2013);
      const other = new BetterSqlite3(sqlitePath(await t.url()), { timeout: 0 });
      let reads = 0;
      // the other connection commits right after the transaction's first read of the report
      const racing = d.db.$extends({
        query: {
          report: {
            async findUnique({ args, query }) {
              const row = await query(args);
              if (reads++ === 0) other.prepare(`INSERT INTO "ProcessedMessage" ("channel", "messageId", "createdAt") VALUES ('other', 'm1', '')`).run();
              return row;
            },
          },
        },
      }) as unknown as typeof d.db;
      try {
        // no inbound message and no report change: the transaction reads the report's unit first
        const { version } = await commitTurn(racing, {
          userId: userA,
          reportId: rep.id,
          patch: { conversation: { channel: 'race', state: { step: 1 } }, audit: [{ action: 'report.open', detail: { year: 2013 } }] },
        });
        expect(version).toBeNull();
      } finally {
        other.close();
      }
      expect(reads).toBe(2);
      expect(await loadConversation(d.db, userA, 'race')).toEqual({ step: 1 });
      expect(await d.db.auditLog.count({ where: { userId: userA, action: 'report.open', detail: JSON.stringify({ year: 2013 }) } })).toBe(1);
    });
  });
}
