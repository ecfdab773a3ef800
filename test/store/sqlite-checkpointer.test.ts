import BetterSqlite3 from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { FALLBACK_AUTOCHECKPOINT_PAGES, SqliteCheckpointer } from '../../src/store/sqlite-checkpointer.js';
import { ROOT } from '../helpers/process.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A WAL database with a writer that never checkpoints: only the checkpointer moves pages to the file. */
function walDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'jx-ckpt-'));
  dirs.push(dir);
  const file = join(dir, 'w.db');
  const writer = new BetterSqlite3(file);
  writer.pragma('journal_mode = WAL');
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = writer.prepare('INSERT INTO t (body) VALUES (?)');
  const write = (n: number) => {
    for (let i = 0; i < n; i++) insert.run('x'.repeat(4000));
  };
  return { file, writer, write };
}

const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return cond();
};

describe('WAL checkpoints in a worker thread', () => {
  it('copies every committed frame into the database file when asked', async () => {
    const { file, writer, write } = walDatabase();
    const c = new SqliteCheckpointer(file, { intervalMs: 60_000 });
    try {
      write(200);
      const before = statSync(file).size;
      const r = await c.checkpoint();
      expect(r).toMatchObject({ busy: 0 });
      if ('error' in r) throw new Error(r.error);
      expect(r.log).toBeGreaterThanOrEqual(200);
      expect(r.checkpointed).toBe(r.log);
      expect(statSync(file).size).toBeGreaterThan(before + 200 * 4000);
      // the next commit starts the WAL again from its beginning instead of growing it
      const wal = statSync(`${file}-wal`).size;
      write(10);
      expect(statSync(`${file}-wal`).size).toBe(wal);
    } finally {
      await c.close();
      writer.close();
    }
  });

  it('checkpoints on its own, every interval, while the writer goes on', async () => {
    const { file, writer, write } = walDatabase();
    const c = new SqliteCheckpointer(file, { intervalMs: 20 });
    try {
      const start = statSync(file).size;
      write(100);
      expect(await until(() => statSync(file).size > start + 100 * 4000)).toBe(true);
      const grown = statSync(file).size;
      write(100);
      expect(await until(() => statSync(file).size > grown + 100 * 4000)).toBe(true);
      expect(writer.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 200 });
    } finally {
      await c.close();
      writer.close();
    }
  });

  it('closes once, and answers a checkpoint asked after closing with an error instead of hanging', async () => {
    const { file, writer } = walDatabase();
    const c = new SqliteCheckpointer(file);
    await Promise.all([c.close(), c.close()]);
    await expect(c.checkpoint()).resolves.toEqual({ error: 'checkpoint worker exited' });
    await c.close();
    writer.close();
  });

  it('database.close() finishes in a process that has nothing else to wait for (a CLI, a script)', () => {
    // In the test runner something always keeps the event loop alive, so this needs its own process:
    // the worker is unref'd, and a close that only waited for its exit let the process end first.
    const dir = mkdtempSync(join(tmpdir(), 'jx-ckpt-'));
    dirs.push(dir);
    const script = join(dir, 'close.mts');
    writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(join(ROOT, 'src/store/db.ts'))};
      const d = await openDatabase(${JSON.stringify(`file:${join(dir, 'c.db')}`)}, { backgroundCheckpoints: true });
      await d.close();
      console.log('closed');`,
    );
    const out = execFileSync(process.execPath, ['--import', import.meta.resolve('tsx'), script], { encoding: 'utf8', timeout: 30_000 });
    expect(out).toContain('closed');
  });

  it('the server opens SQLite with the worker and a raised automatic checkpoint as the fallback', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jx-ckpt-'));
    dirs.push(dir);
    const withWorker = await openDatabase(`file:${join(dir, 'a.db')}`, { backgroundCheckpoints: true });
    const plain = await openDatabase(`file:${join(dir, 'b.db')}`);
    try {
      expect(withWorker.checkpointer).toBeInstanceOf(SqliteCheckpointer);
      const pages = async (d: typeof plain) => Number(((await d.db.$queryRawUnsafe('PRAGMA wal_autocheckpoint')) as { wal_autocheckpoint: number | bigint }[])[0]!.wal_autocheckpoint);
      expect(await pages(withWorker)).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);
      expect(plain.checkpointer).toBeUndefined();
      expect(await pages(plain)).toBe(1000);
      await expect(withWorker.checkpointer!.checkpoint()).resolves.toMatchObject({ busy: 0 });
    } finally {
      await withWorker.close();
      await plain.close();
    }
  });
});
