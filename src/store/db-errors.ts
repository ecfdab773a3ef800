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

/** A unique-constraint violation, from the driver (SQLite hot path) or either Prisma client. */
export function isUniqueViolation(e: unknown): boolean {
  return chainHas(
    e,
    (o) => o.kind === 'UniqueConstraintViolation' || o.code === 'P2002' || [o.code, o.originalCode].some((c) => c === 'SQLITE_CONSTRAINT_UNIQUE' || c === '23505'),
  );
}
