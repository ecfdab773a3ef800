import type { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';

type Factory = PrismaBetterSqlite3;
type Adapter = Awaited<ReturnType<Factory['connect']>>;
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>;

/** A FIFO lock: `acquire` resolves to the function that lets the next holder in. */
class Lock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let open!: () => void;
    const mine = new Promise<void>((r) => (open = r));
    const before = this.tail;
    this.tail = before.then(() => mine);
    let released = false;
    return before.then(() => () => {
      if (released) return; // a second call must not let a later holder's turn go
      released = true;
      open();
    });
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/**
 * Prisma's SQLite adapter runs everything on ONE connection. It keeps two interactive
 * transactions apart, but a statement outside a transaction runs at once on that connection,
 * so while a transaction is open it becomes part of it and is rolled back with it. That lost a
 * report opened while a repeated delivery's turn was being refused (test/bot/bot.test.ts, 「2024」
 * delivered twice at once). Here a statement outside a transaction waits until no transaction is
 * open, and a transaction waits for the statement before it. A transaction's own statements must
 * use its client (`tx`), never the outer one: an outer statement would now wait for it (and time
 * it out) instead of silently joining it.
 */
export function serialisedSqlite(factory: Factory): Factory {
  const lock = new Lock();
  const wrap = (adapter: Adapter): Adapter => ({
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (q) => lock.run(() => adapter.queryRaw(q)),
    executeRaw: (q) => lock.run(() => adapter.executeRaw(q)),
    executeScript: (s) => lock.run(() => adapter.executeScript(s)),
    startTransaction: async (level) => {
      const release = await lock.acquire();
      try {
        return holding(await adapter.startTransaction(level), release);
      } catch (e) {
        release();
        throw e;
      }
    },
    ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo!() } : {}),
    dispose: () => adapter.dispose(),
  });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await factory.connectToShadowDb()),
  } as Factory;
}

/** The transaction, letting the lock go when it ends (either way). */
function holding(tx: Transaction, release: () => void): Transaction {
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (q) => tx.queryRaw(q),
    executeRaw: (q) => tx.executeRaw(q),
    commit: () => tx.commit().finally(release),
    // Prisma sends ROLLBACK itself, except after a failed COMMIT: then the connection would stay
    // inside the transaction, and the adapter's next BEGIN would fail without ever unlocking it
    // (every statement of the process would wait for good). A second ROLLBACK fails harmlessly.
    rollback: () =>
      tx
        .executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] })
        .catch(() => 0)
        .then(() => tx.rollback())
        .finally(release),
    ...(tx.createSavepoint ? { createSavepoint: (n: string) => tx.createSavepoint!(n) } : {}),
    ...(tx.rollbackToSavepoint ? { rollbackToSavepoint: (n: string) => tx.rollbackToSavepoint!(n) } : {}),
    ...(tx.releaseSavepoint ? { releaseSavepoint: (n: string) => tx.releaseSavepoint!(n) } : {}),
  };
}
