import { describe, expect, it } from 'vitest';
import { createInvite, createUnit, ensureUser, membershipsOf, redeemInvite, roleIn, setRole } from '../../src/store/people.js';
import { testDatabases, withDatabase } from '../helpers/databases.js';

for (const t of testDatabases()) {
  describe(`units, roles and invites on ${t.name}`, () => {
    const ctx = withDatabase(t);

    it('the creator of a unit is its 管理员; an invite makes a 填报员, once', async () => {
      const admin = await ensureUser(ctx.d.db, 'wecom:admin');
      const staff = await ensureUser(ctx.d.db, 'wecom:staff');
      const other = await ensureUser(ctx.d.db, 'wecom:other');
      const unit = await createUnit(ctx.d.db, { name: '某单位', ruleSetId: 'yueyang-reference', adminUserId: admin.id });
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
      const unit = await createUnit(ctx.d.db, { name: '另一单位', ruleSetId: 'yueyang-reference', adminUserId: admin.id });
      const now = new Date('2026-03-01T00:00:00Z');
      const invite = await createInvite(ctx.d.db, { unitId: unit.id, byUserId: admin.id, now, ttlMs: 3600_000 });
      await expect(redeemInvite(ctx.d.db, { code: invite.code, userId: late.id, now: new Date('2026-03-01T01:00:01Z') })).rejects.toMatchObject({ code: 'INVITE_INVALID' });
      await redeemInvite(ctx.d.db, { code: invite.code, userId: late.id, now: new Date('2026-03-01T00:59:59Z') });
      expect(await roleIn(ctx.d.db, late.id, unit.id)).toBe('filler');
    });

    it('of two people redeeming one code at once, exactly one gets in', async () => {
      const admin = await ensureUser(ctx.d.db, 'wecom:admin3');
      const [x, y] = await Promise.all([ensureUser(ctx.d.db, 'wecom:x'), ensureUser(ctx.d.db, 'wecom:y')]);
      const unit = await createUnit(ctx.d.db, { name: '第三单位', ruleSetId: 'yueyang-reference', adminUserId: admin.id });
      const invite = await createInvite(ctx.d.db, { unitId: unit.id, byUserId: admin.id });
      const results = await Promise.allSettled([x, y].map((u) => redeemInvite(ctx.d.db, { code: invite.code, userId: u.id })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });
  });
}
