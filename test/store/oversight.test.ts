import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { createInvite, createUnit, ensureUser, redeemInvite } from '../../src/store/people.js';
import { canOversee, createOrg, isMemberCode, issueCode, linkUnit, readableUnits, redeemMemberCode, unlinkUnit } from '../../src/store/oversight.js';
import { testDatabases, withDatabase } from '../helpers/databases.js';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).code;
  }
  throw new Error('no error');
};

for (const t of testDatabases()) {
  describe(`oversight organisations on ${t.name}`, () => {
    const ctx = withDatabase(t);
    const now = new Date('2025-03-01T09:00:00Z');

    async function people() {
      const { db } = ctx.d;
      const id = Math.random().toString(36).slice(2, 8);
      const [finAdmin, finViewer, deptAdmin, unitAdmin, filler, stranger] = await Promise.all(
        ['fin', 'viewer', 'dept', 'uadmin', 'filler', 'stranger'].map((n) => ensureUser(db, `wecom:${n}-${id}`)),
      );
      const unit = await createUnit(ctx.d, { name: `单位${id}`, ruleSetId: 'yueyang-reference', adminUserId: unitAdmin!.id });
      const inv = await createInvite(db, { unitId: unit.id, byUserId: unitAdmin!.id, now });
      await redeemInvite(db, { code: inv.code, userId: filler!.id, now });
      const fin = await createOrg(db, { name: '岳阳市财政局', kind: 'finance', adminUserId: finAdmin!.id });
      const dept = await createOrg(db, { name: '岳阳市司法局', kind: 'department', adminUserId: deptAdmin!.id });
      return { finAdmin: finAdmin!, finViewer: finViewer!, deptAdmin: deptAdmin!, unitAdmin: unitAdmin!, filler: filler!, stranger: stranger!, unit, fin, dept };
    }

    it('a unit admin links with the 关联码; the unit has one 财政局 and one 主管部门; members of both read it, others do not', async () => {
      const { db } = ctx.d;
      const p = await people();
      const link = await issueCode(db, { byUserId: p.finAdmin.id, purpose: 'link', now });
      expect(link.code.code).toMatch(/^[A-HJ-KM-NP-Z2-9]{8}$/);
      expect(await canOversee(db, p.finAdmin.id, p.unit.id)).toBe(false);
      await linkUnit(db, { code: link.code.code.toLowerCase(), unitId: p.unit.id, byUserId: p.unitAdmin.id, now });
      expect(await canOversee(db, p.finAdmin.id, p.unit.id)).toBe(true);
      expect(await canOversee(db, p.deptAdmin.id, p.unit.id)).toBe(false);
      const deptLink = await issueCode(db, { byUserId: p.deptAdmin.id, purpose: 'link', now });
      await linkUnit(db, { code: deptLink.code.code, unitId: p.unit.id, byUserId: p.unitAdmin.id, now });
      expect(await canOversee(db, p.deptAdmin.id, p.unit.id)).toBe(true);
      // linking again to the same organisation changes nothing
      await linkUnit(db, { code: link.code.code, unitId: p.unit.id, byUserId: p.unitAdmin.id, now });
      expect((await readableUnits(db, p.finAdmin.id)).map((u) => u.id)).toEqual([p.unit.id]);
      // a stranger, the unit's own members and an unlinked organisation read nothing as oversight
      expect(await canOversee(db, p.stranger.id, p.unit.id)).toBe(false);
      expect(await canOversee(db, p.unitAdmin.id, p.unit.id)).toBe(false);
      const other = await createOrg(db, { name: '别的财政局', kind: 'finance', adminUserId: p.stranger.id });
      expect(other.kind).toBe('finance');
      expect(await readableUnits(db, p.stranger.id)).toEqual([]);
      expect(await canOversee(db, p.stranger.id, p.unit.id)).toBe(false);
      // and it cannot take the unit over: one 财政局 per unit
      const otherLink = await issueCode(db, { byUserId: p.stranger.id, purpose: 'link', now });
      const err = await linkUnit(db, { code: otherLink.code.code, unitId: p.unit.id, byUserId: p.unitAdmin.id, now }).catch((e: AppError) => e);
      expect(err).toMatchObject({ code: 'OVERSIGHT_ALREADY_LINKED', message: expect.stringContaining('已关联财政局「岳阳市财政局」') });
      expect(await canOversee(db, p.stranger.id, p.unit.id)).toBe(false);
    });

    it('only the unit admin links; wrong, expired and member codes are refused', async () => {
      const { db } = ctx.d;
      const p = await people();
      const link = await issueCode(db, { byUserId: p.finAdmin.id, purpose: 'link', now });
      expect(await codeOf(linkUnit(db, { code: link.code.code, unitId: p.unit.id, byUserId: p.filler.id, now }))).toBe('FORBIDDEN');
      expect(await codeOf(linkUnit(db, { code: 'ZZZZZZZZ', unitId: p.unit.id, byUserId: p.unitAdmin.id, now }))).toBe('OVERSIGHT_CODE_INVALID');
      const later = new Date(link.code.expiresAt.getTime() + 1);
      expect(await codeOf(linkUnit(db, { code: link.code.code, unitId: p.unit.id, byUserId: p.unitAdmin.id, now: later }))).toBe('OVERSIGHT_CODE_INVALID');
      const member = await issueCode(db, { byUserId: p.finAdmin.id, purpose: 'member', now });
      expect(await codeOf(linkUnit(db, { code: member.code.code, unitId: p.unit.id, byUserId: p.unitAdmin.id, now }))).toBe('OVERSIGHT_CODE_INVALID');
      expect(await canOversee(db, p.finAdmin.id, p.unit.id)).toBe(false);
      // only an org admin issues codes
      expect(await codeOf(issueCode(db, { byUserId: p.unitAdmin.id, purpose: 'link', now }))).toBe('OVERSIGHT_NOT_MEMBER');
    });

    it('a member code makes a viewer once; a viewer cannot issue codes', async () => {
      const { db } = ctx.d;
      const p = await people();
      const member = await issueCode(db, { byUserId: p.finAdmin.id, purpose: 'member', role: 'viewer', now });
      expect(await isMemberCode(db, member.code.code, now)).toBe(true);
      const joined = await redeemMemberCode(db, { code: member.code.code, userId: p.finViewer.id, now });
      expect(joined).toMatchObject({ member: { role: 'viewer' }, org: { name: '岳阳市财政局' } });
      expect(await isMemberCode(db, member.code.code, now)).toBe(false);
      expect(await codeOf(redeemMemberCode(db, { code: member.code.code, userId: p.stranger.id, now }))).toBe('OVERSIGHT_CODE_INVALID');
      expect(await codeOf(issueCode(db, { byUserId: p.finViewer.id, purpose: 'link', now }))).toBe('OVERSIGHT_NOT_MEMBER');
    });

    it('unlinking stops access at once; only the unit admin or the org admin unlinks', async () => {
      const { db } = ctx.d;
      const p = await people();
      const link = await issueCode(db, { byUserId: p.finAdmin.id, purpose: 'link', now });
      await linkUnit(db, { code: link.code.code, unitId: p.unit.id, byUserId: p.unitAdmin.id, now });
      expect(await codeOf(unlinkUnit(db, { unitId: p.unit.id, kind: 'finance', byUserId: p.filler.id }))).toBe('FORBIDDEN');
      expect(await canOversee(db, p.finAdmin.id, p.unit.id)).toBe(true);
      expect(await unlinkUnit(db, { unitId: p.unit.id, kind: 'finance', byUserId: p.unitAdmin.id })).toMatchObject({ name: '岳阳市财政局' });
      expect(await canOversee(db, p.finAdmin.id, p.unit.id)).toBe(false);
      expect(await readableUnits(db, p.finAdmin.id)).toEqual([]);
      expect(await unlinkUnit(db, { unitId: p.unit.id, kind: 'finance', byUserId: p.unitAdmin.id })).toBeNull();
      const audit = await db.auditLog.findMany({ where: { unitId: p.unit.id, action: { startsWith: 'oversight.' } }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => a.action)).toEqual(['oversight.link', 'oversight.unlink']);
    });
  });
}
