import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testDatabases, withDatabase } from '../helpers/databases.js';

/** The migrated database matches the Prisma models: every model can be created, read, updated, deleted. */
for (const t of testDatabases()) {
  describe(`every model round-trips on ${t.name}`, () => {
    const ctx = withDatabase(t);

    it('CRUD on all twelve models', async () => {
      const { db } = ctx.d;
      const unit = await db.unit.create({ data: { name: '岳阳市法律援助中心', rank: '正科级', ruleSetId: 'yueyang-reference' } });
      const user = await db.user.create({ data: { externalId: `wecom:${randomUUID()}`, name: '张三' } });
      const m = await db.membership.create({ data: { unitId: unit.id, userId: user.id, role: 'admin' } });
      const inv = await db.invite.create({ data: { code: 'ABC234', unitId: unit.id, role: 'filler', createdById: user.id, expiresAt: new Date(Date.now() + 1000) } });
      const rep = await db.report.create({ data: { unitId: unit.id, year: 2024, ruleSetId: 'yueyang-reference', ruleSetVersion: 1 } });
      const item = await db.groupItem.create({ data: { reportId: rep.id, group: 'special', position: 0 } });
      const ans = await db.answer.create({ data: { reportId: rep.id, fieldKey: 'staff.actual', value: '9', version: 1, updatedById: user.id } });
      const hist = await db.answerHistory.create({ data: { reportId: rep.id, fieldKey: 'staff.actual', newValue: '9', reportVersion: 1, userId: user.id } });
      const conv = await db.conversationState.create({ data: { userId: user.id, channel: 'web', state: '{}' } });
      const msg = await db.processedMessage.create({ data: { channel: 'wecom', messageId: 'm1' } });
      const bytes = new Uint8Array([0, 1, 2, 255, 80, 75]);
      const file = await db.generatedFile.create({ data: { reportId: rep.id, reportVersion: 1, fileName: 'a.docx', sha256: 'x', size: 6, content: bytes, createdById: user.id } });
      const log = await db.auditLog.create({ data: { unitId: unit.id, userId: user.id, action: 'test', detail: '{}' } });

      expect(await db.unit.findUnique({ where: { id: unit.id } })).toMatchObject({ name: '岳阳市法律援助中心', rank: '正科级' });
      expect(Buffer.from((await db.generatedFile.findUnique({ where: { id: file.id } }))!.content)).toEqual(Buffer.from(bytes));
      expect(rep.version).toBe(0);
      expect(rep.status).toBe('draft');
      expect(ans.itemId).toBe('');
      expect(typeof hist.id).toBe('number');
      expect(typeof log.id).toBe('number');

      await db.unit.update({ where: { id: unit.id }, data: { name: '改名' } });
      await db.user.update({ where: { id: user.id }, data: { name: '李四' } });
      await db.membership.update({ where: { id: m.id }, data: { role: 'reviewer' } });
      await db.invite.update({ where: { code: inv.code }, data: { usedAt: new Date(), usedById: user.id } });
      await db.report.update({ where: { id: rep.id }, data: { version: { increment: 1 }, status: 'submitted' } });
      await db.groupItem.update({ where: { id: item.id }, data: { deletedAt: new Date() } });
      await db.answer.update({ where: { reportId_fieldKey_itemId: { reportId: rep.id, fieldKey: ans.fieldKey, itemId: ans.itemId } }, data: { value: '10' } });
      await db.answerHistory.update({ where: { id: hist.id }, data: { oldValue: '8' } });
      await db.conversationState.update({ where: { userId_channel: { userId: user.id, channel: 'web' } }, data: { state: '{"a":1}' } });
      await db.generatedFile.update({ where: { id: file.id }, data: { fileName: 'b.docx' } });
      await db.auditLog.update({ where: { id: log.id }, data: { action: 'test2' } });
      expect((await db.report.findUnique({ where: { id: rep.id } }))!.version).toBe(1);
      expect((await db.conversationState.findFirst())!.state).toBe('{"a":1}');

      await db.auditLog.delete({ where: { id: log.id } });
      await db.generatedFile.delete({ where: { id: file.id } });
      await db.processedMessage.delete({ where: { channel_messageId: { channel: msg.channel, messageId: msg.messageId } } });
      await db.conversationState.delete({ where: { userId_channel: { userId: conv.userId, channel: conv.channel } } });
      await db.answerHistory.delete({ where: { id: hist.id } });
      await db.answer.delete({ where: { reportId_fieldKey_itemId: { reportId: rep.id, fieldKey: ans.fieldKey, itemId: ans.itemId } } });
      await db.groupItem.delete({ where: { id: item.id } });
      await db.report.delete({ where: { id: rep.id } });
      await db.invite.delete({ where: { code: inv.code } });
      await db.membership.delete({ where: { id: m.id } });
      await db.user.delete({ where: { id: user.id } });
      await db.unit.delete({ where: { id: unit.id } });
      expect(await db.unit.count()).toBe(0);
    });

    it('enforces the unique keys the store relies on', async () => {
      const { db } = ctx.d;
      const unit = await db.unit.create({ data: { name: 'U', ruleSetId: 'r' } });
      await db.report.create({ data: { unitId: unit.id, year: 2024, ruleSetId: 'r', ruleSetVersion: 1 } });
      await expect(db.report.create({ data: { unitId: unit.id, year: 2024, ruleSetId: 'r', ruleSetVersion: 1 } })).rejects.toThrow();
    });
  });
}
