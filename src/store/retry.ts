import { isStaleSnapshot } from './db-errors.js';

/**
 * SQLite in WAL mode: a transaction that began deferred (Prisma's adapter sends a plain BEGIN),
 * read, and then writes after another connection committed fails with SQLITE_BUSY_SNAPSHOT. Its
 * snapshot is stale, so waiting cannot help; the only way on is to roll back and run the whole
 * transaction again on a fresh snapshot. The turn hot path commits on its own connection, so a
 * checked commit that reads first (an audit line needing the report's unit, …) meets this under
 * load. PostgreSQL at READ COMMITTED never raises it.
 */
const ATTEMPTS = 5;

export async function retryOnStaleSnapshot<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (attempt >= ATTEMPTS || !isStaleSnapshot(e)) throw e;
    }
  }
}
