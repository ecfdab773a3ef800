import pg from 'pg';

/** PostgreSQL server the deadline-day bench uses by default (trust auth, as in development). */
export const BENCH_PG_ADMIN = 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh database on `admin`'s server for one bench run; `drop` removes it (connections still
 * open to it are ended first).
 */
export async function freshPgDatabase(admin = BENCH_PG_ADMIN): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `jx_bench_${process.pid}_${Date.now().toString(36)}`;
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
