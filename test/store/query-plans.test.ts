import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { sqlitePath, type Database } from '../../src/store/db.js';
import type { Prisma } from '../../src/store/generated/sqlite/client.js';
import { reportSql, sessionSql } from '../../src/store/hot-path.js';
import { testDatabases } from '../helpers/databases.js';
import { seedModel } from '../helpers/rulesets.js';
import { Walker } from '../helpers/walker.js';

const sqlite = testDatabases().find((t) => t.name === 'sqlite')!;

/**
 * Every chat turn runs these statements; each must find its rows through an index. A full scan
 * costs nothing in a test database and grows with every unit and person in production (the
 * session query scanned all memberships until Membership got its userId index).
 */
describe('query plans of the turn hot path (SQLite)', () => {
  let d: Database;
  let plans: BetterSqlite3.Database;
  const batches: Prisma.Sql[] = [];
  let walker: Walker;

  beforeAll(async () => {
    d = await sqlite.open();
    const hot = d.hot;
    const batch = hot.batch.bind(hot);
    hot.batch = async (statements) => {
      batches.push(...statements);
      return batch(statements);
    };
    walker = new Walker(d, new Bot({ database: d, defaultRuleSetId: 'yueyang-reference' }), seedModel());
    // far enough to add 专项 items and their indicator rows
    await walker.walk({ until: (s) => s.step.kind === 'field' && s.step.ref.key === 'specialIndicator.actual' });
    plans = new BetterSqlite3(sqlitePath(await sqlite.url()), { readonly: true });
  }, 60_000);
  afterAll(async () => {
    plans.close();
    await d.close();
    await sqlite.cleanup();
  });

  const scans = (q: Prisma.Sql): string[] => {
    const values = q.values.map((v) => (v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? Number(v) : v));
    const rows = plans.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...values) as { detail: string }[];
    // a multi-row VALUES list (several answers in one INSERT) is "scanned" too: the rows given, no table
    return rows.map((r) => r.detail).filter((detail) => (/^SCAN /.test(detail) && !/^SCAN \d+-ROW VALUES CLAUSE$/.test(detail)) || /AUTOMATIC/.test(detail));
  };

  it('the session and report reads use indexes', async () => {
    const state = await walker.state();
    expect(scans(sessionSql('wecom:walker', 'test'))).toEqual([]);
    expect(scans(reportSql(state.reportId!))).toEqual([]);
  });

  it('every statement of the turn batches uses indexes', () => {
    const texts = new Map<string, Prisma.Sql>();
    for (const q of batches) texts.set(q.sql, q);
    // answers, new items, history, conversation, audit, the message claim and the version check
    expect(texts.size).toBeGreaterThanOrEqual(6);
    for (const q of texts.values()) expect({ sql: q.sql, scans: scans(q) }).toEqual({ sql: q.sql, scans: [] });
  });
});
