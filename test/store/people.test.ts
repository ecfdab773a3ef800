import { describe, expect, it } from 'vitest';
import { createInvite, createUnit, createUser, ensureUser, membershipsOf, redeemInvite, roleIn, setRole } from '../../src/store/people.js';
import { openReport, reportsUpTo } from '../../src/store/reports.js';
import { testDatabases, withDatabase } from '../helpers/databases.js';

for (const t of testDatabases()) {
  describe(`units, roles and invites on ${t.name}`, () => {
    const ctx = withDatabase(t);

    it('the creator of a unit is its 管理员; an invite makes a 填报员, once', async () => {
      const admin = await ensureUser(ctx.d.db, 'wecom:admin');
      const staff = await ensureUser(ctx.d.db, 'wecom:staff');
      const other = await ensureUser(ctx.d.db, 'wecom:other');
      const unit = await createUnit(ctx.d, { name: '某单位', ruleSetId: 'yueyang-reference', adminUserId: admin.id });
      expect(await roleIn(ctx.d.db, admin.id, unit.id)).toBe('admin');
      const invite = await createInvite(ctx.d.db, { unitId: unit.id, byUserId: admin.id });
      expect(invite.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      await redeemInvite(ctx.d.db, { code: invite.code.toLowerCase(), userId: staff.id });
      expect(await roleIn(ctx.d.db, staff.id, unit.id)).toBe('filler');
      expect((await membershipsOf(ctx.d.db, staff.id)).map((m) => m.unit.name)).toEqual(['某单位']);
      await expect(redeemInvite(ctx.d.db, { code: invite.code, userId: other.id })).rejects.toMatchObject({ code: 'INVITE_INVALID' });
      expect(await roleIn(ctx.d.db, other.id, unit.id)).toBeNull();
      // a 填报员 cannot invite nor change roles
      await expect(createInvite(ctx.d.db, { unitId: unit.id, byUserId: staff.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(setRole(ctx.d.db, { unitId: unit.id, byUserId: staff.id, userId: staff.id, role: 'admin' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await setRole(ctx.d.db, { unitId: unit.id, byUserId: admin.id, userId: staff.id, role: 'reviewer' });
      expect(await roleIn(ctx.d.db, staff.id, unit.id)).toBe('reviewer');
      const actions = (await ctx.d.db.auditLog.findMany({ where: { unitId: unit.id }, orderBy: { id: 'asc' } })).map((a) => a.action);
      expect(actions).toEqual(['unit.create', 'invite.redeem', 'role.set']);
    });

    it('invite codes expire', async () => {
      const admin = await ensureUser(ctx.d.db, 'wecom:admin2');
      const late = await ensureUser(ctx.d.db, 'wecom:late');
      const unit = await createUnit(ctx.d, { name: '另一单位', ruleSetId: 'yueyang-reference', adminUserId: admin.id });
      const now = new Date('2026-03-01T00:00:00Z');
      const invite = await createInvite(ctx.d.db, { unitId: unit.id, byUserId: admin.id, now, ttlMs: 3600_000 });
      await expect(redeemInvite(ctx.d.db, { code: invite.code, userId: late.id, now: new Date('2026-03-01T01:00:01Z') })).rejects.toMatchObject({ code: 'INVITE_INVALID' });
      await redeemInvite(ctx.d.db, { code: invite.code, userId: late.id, now: new Date('2026-03-01T00:59:59Z') });
      expect(await roleIn(ctx.d.db, late.id, unit.id)).toBe('filler');
    });

    it('of two people redeeming one code at once, exactly one gets in', async () => {
      const admin = await ensureUser(ctx.d.db, 'wecom:admin3');
      const [x, y] = await Promise.all([ensureUser(ctx.d.db, 'wecom:x'), ensureUser(ctx.d.db, 'wecom:y')]);
      const unit = await createUnit(ctx.d, { name: '第三单位', ruleSetId: 'yueyang-reference', adminUserId: admin.id });
      const invite = await createInvite(ctx.d.db, { unitId: unit.id, byUserId: admin.id });
      const results = await Promise.allSettled([x, y].map((u) => redeemInvite(ctx.d.db, { code: invite.code, userId: u.id })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });
    it('a unit whose 管理员 does not exist is not created at all (one batch, all or nothing)', async () => {
      await expect(createUnit(ctx.d, { name: '无主单位', ruleSetId: 'yueyang-reference', adminUserId: 'no-such-user' })).rejects.toThrow();
      expect(await ctx.d.db.unit.count({ where: { name: '无主单位' } })).toBe(0);
      expect(await ctx.d.db.auditLog.count({ where: { userId: 'no-such-user' } })).toBe(0);
    });

    it('createUser: one person created once; the other message at the same moment gets undefined, not an error', async () => {
      const made = await Promise.all(Array.from({ length: 4 }, () => createUser(ctx.d.db, 'wecom:new-twice', '李四')));
      expect(made.filter((u) => u !== undefined)).toHaveLength(1);
      expect(await ctx.d.db.user.count({ where: { externalId: 'wecom:new-twice' } })).toBe(1);
      expect((await ensureUser(ctx.d.db, 'wecom:new-twice')).id).toBe(made.find((u) => u)!.id);
    });

    it('the first messages of a new person arriving together make one user; a new WeCom name is kept', async () => {
      const users = await Promise.all(Array.from({ length: 4 }, () => ensureUser(ctx.d.db, 'wecom:twice', '张三')));
      expect(new Set(users.map((u) => u.id)).size).toBe(1);
      expect(await ctx.d.db.user.count({ where: { externalId: 'wecom:twice' } })).toBe(1);
      const renamed = await ensureUser(ctx.d.db, 'wecom:twice', '张三丰');
      expect(renamed).toMatchObject({ id: users[0]!.id, name: '张三丰' });
      expect((await ensureUser(ctx.d.db, 'wecom:twice')).name).toBe('张三丰'); // no name given: unchanged
    });

    it('colleagues opening the same year at once share one report; the year before is found with it', async () => {
      const admin = await ensureUser(ctx.d.db, 'wecom:admin4');
      const unit = await createUnit(ctx.d, { name: '第四单位', ruleSetId: 'yueyang-reference', adminUserId: admin.id });
      const rs = { id: 'yueyang-reference', version: 1 };
      expect(await reportsUpTo(ctx.d.db, unit.id, 2024)).toEqual({ existing: undefined, before: undefined });
      const opened = await Promise.all(Array.from({ length: 4 }, () => openReport(ctx.d.db, unit.id, 2024, rs)));
      expect(new Set(opened.map((r) => r.id)).size).toBe(1);
      expect(await ctx.d.db.report.count({ where: { unitId: unit.id } })).toBe(1);
      const older = await openReport(ctx.d.db, unit.id, 2022, rs);
      const upTo = await reportsUpTo(ctx.d.db, unit.id, 2025);
      expect([upTo.existing, upTo.before?.id]).toEqual([undefined, opened[0]!.id]);
      const at = await reportsUpTo(ctx.d.db, unit.id, 2024);
      expect([at.existing?.id, at.before?.id]).toEqual([opened[0]!.id, older.id]);
    });
  });
}
