import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { openDatabase, type Database } from '../../src/store/db.js';
import { serialisedSqlite } from '../../src/store/sqlite-serial.js';

describe('Prisma on SQLite: a statement outside a transaction is not taken into it', () => {
  let dir: string;
  let database: Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jx-serial-'));
    database = await openDatabase(`file:${join(dir, 'serial.db')}`);
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a row created while another caller\'s transaction is open survives that transaction\'s rollback', async () => {
    const { db } = database;
    let kept: Promise<unknown> | undefined;
    let settled = false;
    const refused = db
      .$transaction(async (tx) => {
        await tx.unit.create({ data: { name: '回滚的单位', ruleSetId: 'rs' } });
        // another turn's write, outside any transaction, while this one is open
        kept = db.unit.create({ data: { name: '保留的单位', ruleSetId: 'rs' } }).finally(() => (settled = true));
        // give it every chance to run on the shared connection before this transaction ends
        for (let i = 0; i < 50 && !settled; i++) await tx.$queryRaw`SELECT 1`;
        throw new Error('refused');
      })
      .catch((e: Error) => e.message);
    expect(await refused).toBe('refused');
    await kept;
    expect((await db.unit.findMany({ orderBy: { name: 'asc' } })).map((u) => u.name)).toEqual(['保留的单位']);
  });

  it('a transaction rolled back without its ROLLBACK (Prisma, after a failed COMMIT) leaves the connection free', async () => {
    const sql = (text: string) => ({ sql: text, args: [], argTypes: [] });
    const adapter = await serialisedSqlite(new PrismaBetterSqlite3({ url: `file:${join(dir, 'raw.db')}` })).connect();
    try {
      await adapter.executeScript('CREATE TABLE t (x INTEGER)');
      const tx = await adapter.startTransaction();
      await tx.executeRaw(sql('INSERT INTO t VALUES (1)'));
      await tx.rollback(); // what Prisma does when COMMIT itself failed: no ROLLBACK statement of its own
      const next = await adapter.startTransaction(); // its BEGIN failed, and left the adapter locked for good
      await next.executeRaw(sql('INSERT INTO t VALUES (2)'));
      await next.executeRaw(sql('COMMIT'));
      await next.commit();
      expect((await adapter.queryRaw(sql('SELECT x FROM t'))).rows).toEqual([[2]]);
    } finally {
      await adapter.dispose();
    }
  });
});
