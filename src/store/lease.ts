import type { Db } from './db.js';

/**
 * A lease on PostgreSQL: one row per duty (`name`) saying which instance holds it (`holder`) and
 * until when (`expiresAt`). Taking and renewing are one atomic statement, an INSERT … ON CONFLICT
 * DO UPDATE that only succeeds when the row is absent, expired or already ours, so of several
 * instances racing exactly one gets it. Every time is the database's clock (`now()`), never an
 * instance's: instances whose clocks disagree still agree on who holds the lease.
 *
 * `expiresAt` is a TIMESTAMP (without time zone, as Prisma makes DateTime) holding UTC: `now() AT
 * TIME ZONE 'UTC'` keeps it right whatever a connection's TimeZone setting is.
 */
export interface Lease {
  readonly name: string;
  readonly holder: string;
  /**
   * Take the lease, or renew it when it is ours, for `ttlMs` from now (database clock). True when
   * this holder has it now; false when another holder's lease has not expired (a holder that lost
   * its lease learns it here). Rejects when the database cannot be reached.
   */
  acquire(): Promise<boolean>;
  /** Give it up (if it is still ours): another instance may take it on its next try. */
  release(): Promise<void>;
}

const NOW = `(now() AT TIME ZONE 'UTC')`;

export function pgLease(db: Db, name: string, holder: string, ttlMs: number): Lease {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0) throw new RangeError(`lease ttl must be a positive integer of ms, got ${ttlMs}`);
  const ttl = `${ttlMs} * interval '1 millisecond'`;
  const take = `INSERT INTO "Lease" ("name", "holder", "expiresAt") VALUES ($1, $2, ${NOW} + ${ttl})
    ON CONFLICT ("name") DO UPDATE SET "holder" = EXCLUDED."holder", "expiresAt" = EXCLUDED."expiresAt"
    WHERE "Lease"."holder" = EXCLUDED."holder" OR "Lease"."expiresAt" <= ${NOW}
    RETURNING "holder"`;
  const give = `UPDATE "Lease" SET "expiresAt" = ${NOW} WHERE "name" = $1 AND "holder" = $2`;
  return {
    name,
    holder,
    acquire: async () => (await db.$queryRawUnsafe<{ holder: string }[]>(take, name, holder)).length === 1,
    release: async () => {
      await db.$executeRawUnsafe(give, name, holder);
    },
  };
}
