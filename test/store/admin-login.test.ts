import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { checkLoginLink, endSession, issueLoginLink, LOGIN_LINK_TTL_MS, redeemLoginLink, sessionUser, SESSION_TTL_MS } from '../../src/store/admin-login.js';
import type { Database } from '../../src/store/db.js';
import { testDatabases } from '../helpers/databases.js';

const at = (ms: number) => new Date(Date.UTC(2025, 2, 1, 9) + ms);
const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : String(e)));

/** The dashboard's login links and sessions with a fake clock, on each database. */
for (const t of testDatabases()) {
  describe(`admin login links and sessions on ${t.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await t.open();
    });
    afterAll(async () => {
      await database.close();
      await t.cleanup();
    });

    it('a link works until its tenth minute, once; only its hash is stored', async () => {
      const { db } = database;
      const token = await issueLoginLink(db, 'u1', at(0));
      expect(await db.adminLoginLink.findUnique({ where: { tokenHash: createHash('sha256').update(token).digest('hex') } })).not.toBeNull();
      expect(await db.adminLoginLink.findUnique({ where: { tokenHash: token } })).toBeNull();
      expect(await checkLoginLink(db, token, at(LOGIN_LINK_TTL_MS - 1))).toEqual({ userId: 'u1' });
      expect(await codeOf(checkLoginLink(db, token, at(LOGIN_LINK_TTL_MS)))).toBe('ADMIN_LINK_EXPIRED');
      expect(await codeOf(redeemLoginLink(db, token, at(LOGIN_LINK_TTL_MS)))).toBe('ADMIN_LINK_EXPIRED');
      const fresh = await issueLoginLink(db, 'u1', at(0));
      expect(await codeOf(redeemLoginLink(db, fresh, at(1000), 'u2'))).toBe('ADMIN_LINK_OTHER_PERSON');
      const { session, userId } = await redeemLoginLink(db, fresh, at(1000), 'u1');
      expect(userId).toBe('u1');
      expect(await codeOf(redeemLoginLink(db, fresh, at(2000)))).toBe('ADMIN_LINK_USED');
      expect(await sessionUser(db, session, at(1000 + SESSION_TTL_MS - 1))).toBe('u1');
      expect(await sessionUser(db, session, at(1000 + SESSION_TTL_MS))).toBeUndefined();
      await endSession(db, session);
      expect(await sessionUser(db, session, at(2000))).toBeUndefined();
    });

    it('two requests racing with one link: one session', async () => {
      const token = await issueLoginLink(database.db, 'u3', at(0));
      const results = await Promise.all(Array.from({ length: 4 }, () => codeOf(redeemLoginLink(database.db, token, at(1000)))));
      expect(results.sort()).toEqual(['ADMIN_LINK_USED', 'ADMIN_LINK_USED', 'ADMIN_LINK_USED', 'ok']);
      expect(await database.db.adminSession.count({ where: { userId: 'u3' } })).toBe(1);
    });

    it('links and sessions a day past their end are removed when the next link is made', async () => {
      const { db } = database;
      const old = await issueLoginLink(db, 'u4', at(0));
      await redeemLoginLink(db, old, at(1000));
      await issueLoginLink(db, 'u5', at(SESSION_TTL_MS + 24 * 3600_000 + 2000));
      expect(await db.adminLoginLink.count({ where: { userId: 'u4' } })).toBe(0);
      expect(await db.adminSession.count({ where: { userId: 'u4' } })).toBe(0);
      expect(await db.adminLoginLink.count({ where: { userId: 'u5' } })).toBe(1);
    });
  });
}
