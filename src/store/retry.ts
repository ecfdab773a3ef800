import { isStaleSnapshot } from './db-errors.js';

/**
 * SQLite in WAL mode: a transaction that began deferred (Prisma's adapter sends a plain BEGIN),
 * read, and then writes after another connection committed fails with SQLITE_BUSY_SNAPSHOT. Its
 * snapshot is stale, so waiting cannot help; the only way on is to roll back and run the whole
 * transaction again on a fresh snapshot. Within one process Prisma's one connection cannot meet
 * it; another process writing the same file (a second bot started by mistake, a maintenance
 * script) can. PostgreSQL at READ COMMITTED never raises it.
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
