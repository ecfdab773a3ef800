/**
 * Database errors arrive wrapped: a Prisma error around a driver adapter error around the
 * driver's own. These look through the chain (cause, meta, driverAdapterError) for a code.
 */
function chainHas(e: unknown, test: (o: Record<string, unknown>) => boolean): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [e];
  while (stack.length) {
    const x = stack.pop();
    if (!x || typeof x !== 'object' || seen.has(x)) continue;
    seen.add(x);
    const o = x as Record<string, unknown>;
    if (test(o)) return true;
    stack.push(o.cause, o.meta, o.driverAdapterError);
  }
  return false;
}

/** SQLITE_BUSY_SNAPSHOT: the transaction's snapshot is stale (see retry.ts). */
export function isStaleSnapshot(e: unknown): boolean {
  return chainHas(e, (o) => o.originalCode === 'SQLITE_BUSY_SNAPSHOT' || o.code === 'SQLITE_BUSY_SNAPSHOT');
}

/** A unique-constraint violation, from the pg driver (PostgreSQL hot path) or either Prisma client. */
export function isUniqueViolation(e: unknown): boolean {
  return chainHas(
    e,
    (o) => o.kind === 'UniqueConstraintViolation' || o.code === 'P2002' || [o.code, o.originalCode].some((c) => c === 'SQLITE_CONSTRAINT_UNIQUE' || c === '23505'),
  );
}

/**
 * The database refused a statement (a constraint, a check, a lock or busy error: SQLSTATE, a
 * SQLite code, a Prisma query error P2xxx), as opposed to the connection failing, where a write
 * may have committed before the answer was lost.
 */
export function isStatementError(e: unknown): boolean {
  return chainHas(e, (o) => [o.code, o.originalCode].some((c) => typeof c === 'string' && (/^[0-9A-Z]{5}$/.test(c) || c.startsWith('SQLITE_') || /^P2\d{3}$/.test(c))));
}
