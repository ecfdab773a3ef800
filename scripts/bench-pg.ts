import { existsSync } from 'node:fs';
import pg from 'pg';

const SOCKET_DIR = '/var/run/postgresql';

/**
 * PostgreSQL server the deadline-day bench uses by default (trust auth, as in development): the
 * local server's Unix socket when there is one, as a bot on the database's own machine should
 * connect (README); else 127.0.0.1:5432. Over loopback TCP each write to the server cost the bot
 * ~0.3 ms of system time (the kernel's receive path is charged to the sender): at the start of
 * deadline day (500 people, first 6 messages) 6.33 ms of CPU per turn over TCP, 5.21 over the socket.
 */
const TCP_ADMIN = 'postgresql://postgres@127.0.0.1:5432/postgres';
export const BENCH_PG_ADMIN = existsSync(`${SOCKET_DIR}/.s.PGSQL.5432`) ? `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(SOCKET_DIR)}` : TCP_ADMIN;

async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * A fresh database on `admin`'s server for one bench run; `drop` removes it (connections still
 * open to it are ended first).
 */
export async function freshPgDatabase(given?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  // the socket may ask for peer authentication (Debian's default for local connections): then TCP
  const admin = given ?? ((await reachable(BENCH_PG_ADMIN)) ? BENCH_PG_ADMIN : TCP_ADMIN);
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
