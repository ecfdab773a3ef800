import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/store/db.js';

/**
 * The databases store tests run on: SQLite always; PostgreSQL when TEST_POSTGRES_URL names a
 * server (.ci/run sets it). Each test file gets a fresh database, dropped afterwards.
 */
export interface TestDb {
  name: 'sqlite' | 'postgres';
  url: () => Promise<string>;
  open: () => Promise<Database>;
  cleanup: () => Promise<void>;
}

export const PG_URL = process.env.TEST_POSTGRES_URL;

function sqliteDb(): TestDb {
  const dir = mkdtempSync(join(tmpdir(), 'jx-store-'));
  const url = `file:${join(dir, 'test.db')}`;
  return {
    name: 'sqlite',
    url: async () => url,
    open: () => openDatabase(url),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresDb(admin: string): TestDb {
  const dbName = `jx_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const url = new URL(admin);
  url.pathname = `/${dbName}`;
  let created = false;
  const create = async () => {
    if (created) return url.toString();
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE "${dbName}"`);
    await c.end();
    created = true;
    return url.toString();
  };
  return {
    name: 'postgres',
    url: create,
    open: async () => openDatabase(await create()),
    cleanup: async () => {
      if (!created) return;
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export function testDatabases(): TestDb[] {
  return [sqliteDb(), ...(PG_URL ? [postgresDb(PG_URL)] : [])];
}

/** Open `t` before the tests of the enclosing describe and close and drop it after them. */
export function withDatabase(t: TestDb): { readonly d: Database } {
  const holder = {} as { d: Database };
  beforeAll(async () => {
    holder.d = await t.open();
  });
  afterAll(async () => {
    await holder.d.close();
    await t.cleanup();
  });
  return holder;
}
