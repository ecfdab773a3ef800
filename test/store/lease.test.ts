import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/db.js';
import { pgLease } from '../../src/store/lease.js';
import { PG_URL, testDatabases } from '../helpers/databases.js';

/**
 * The lease row on PostgreSQL (issue 23 item 4): of two holders exactly one wins, the holder
 * renews, an expired lease goes to the next one who asks, and a holder that lost its lease learns
 * it on its next renewal. Times are the database's, whatever a connection's TimeZone.
 */
const until = async (what: string, ok: () => Promise<boolean>, ms = 120_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** The same database with every connection in this TimeZone (libpq `options`). */
const inZone = (url: string, zone: string): string => {
  const u = new URL(url);
  u.searchParams.set('options', `-c TimeZone=${zone}`);
  return u.toString();
};

const pgDb = testDatabases().find((t) => t.name === 'postgres');

describe.skipIf(!PG_URL)(`the lease on PostgreSQL${PG_URL ? '' : ' (skipped: TEST_POSTGRES_URL is not set)'}`, () => {
  let d: Database;
  let shanghai: Database;
  beforeAll(async () => {
    d = await openDatabase(inZone(await pgDb!.url(), 'UTC'));
    shanghai = await openDatabase(inZone(await pgDb!.url(), 'Asia/Shanghai'));
  });
  afterAll(async () => {
    await d?.close();
    await shanghai?.close();
    await pgDb?.cleanup();
  });

  it('of two holders asking at once exactly one wins; the winner renews, the other keeps being refused', async () => {
    for (let round = 0; round < 20; round++) {
      const name = `race-${round}`;
      const a = pgLease(d.db, name, 'A', 60_000);
      const b = pgLease(d.db, name, 'B', 60_000);
      const got = await Promise.all([a.acquire(), b.acquire()]);
      expect(got.filter(Boolean), `round ${round}`).toHaveLength(1);
      const [winner, loser] = got[0] ? [a, b] : [b, a];
      expect(await winner.acquire()).toBe(true);
      expect(await loser.acquire()).toBe(false);
      expect(await winner.acquire()).toBe(true);
    }
    // many at once, one row: still one winner
    const many = Array.from({ length: 8 }, (_, i) => pgLease(d.db, 'crowd', `h${i}`, 60_000));
    expect((await Promise.all(many.map((l) => l.acquire()))).filter(Boolean)).toHaveLength(1);
  });

  it('an expired lease goes to the next holder who asks, and the old holder learns it on its next renewal', async () => {
    const a = pgLease(d.db, 'expiry', 'A', 300);
    const b = pgLease(d.db, 'expiry', 'B', 60_000);
    expect(await a.acquire()).toBe(true);
    await until('B takes the expired lease', () => b.acquire());
    expect(await a.acquire()).toBe(false);
    expect(await b.acquire()).toBe(true);
    const [row] = await d.db.$queryRawUnsafe<{ holder: string; left: number }[]>(
      `SELECT "holder", EXTRACT(EPOCH FROM ("expiresAt" - (now() AT TIME ZONE 'UTC')))::float8 AS "left" FROM "Lease" WHERE "name" = 'expiry'`,
    );
    expect(row!.holder).toBe('B');
    // set from the database's clock: B's 60 s, counted from the database's now
    expect(row!.left).toBeGreaterThan(30);
    expect(row!.left).toBeLessThanOrEqual(60);
  });

  it('release hands the lease over at once; releasing a lease one does not hold changes nothing', async () => {
    const a = pgLease(d.db, 'release', 'A', 60_000);
    const b = pgLease(d.db, 'release', 'B', 60_000);
    expect(await a.acquire()).toBe(true);
    await b.release(); // not B's
    expect(await b.acquire()).toBe(false);
    await a.release();
    expect(await b.acquire()).toBe(true);
    expect(await a.acquire()).toBe(false);
  });

  it('holders whose connections are in different time zones agree on expiry (UTC is stored, not local time)', async () => {
    // A (UTC session) holds for 60 s; B's session is UTC+8: read as local time, A's expiry would
    // look 8 hours past to B, which would take it.
    const a = pgLease(d.db, 'zones', 'A', 60_000);
    const b = pgLease(shanghai.db, 'zones', 'B', 60_000);
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    await a.release();
    expect(await b.acquire()).toBe(true);
    // and the other way round: B (UTC+8) holds, A (UTC) must not see it as expired either
    expect(await a.acquire()).toBe(false);
  });
});
