import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { Leader } from '../../src/bot/leader.js';
import { UserQueues } from '../../src/bot/queue.js';
import { WecomWsChannel } from '../../src/bot/wecom-ws.js';
import { openDatabase, type Database } from '../../src/store/db.js';
import { PG_URL, testDatabases } from '../helpers/databases.js';
import { FakeWecomWs, streamText, type Frame } from '../helpers/fake-wecom-ws.js';
import { startServer, type Started } from '../helpers/process.js';

/**
 * Issue 23 item 4, Done-when: two real app processes on one PostgreSQL database and one WeCom
 * long-connection server. Only one of them is ever connected; the leader is killed with kill -9
 * in the middle of a report; the other connects and answers, and the report's answers are all
 * there, once each. The takeover's time (the goal is 15 s, ~7.5 s measured) is printed, not
 * asserted: on a loaded machine the standby's first turn alone took longer (issue 29).
 */
const FIELD = 'keyWork.assigned';
/** Only a backstop: the test waits for the standby's connection and answer themselves. */
const TAKEOVER_BACKSTOP_MS = 120_000;
const USER = 'failover-user';

interface Health {
  status: string;
  channels: { wecomBot: { role: string; authenticated: boolean; connected: boolean } };
}

const pg = testDatabases().find((t) => t.name === 'postgres');

describe.skipIf(!PG_URL)(`two instances on PostgreSQL, one WeCom long connection${PG_URL ? '' : ' (skipped: TEST_POSTGRES_URL is not set)'}`, () => {
  const fake = new FakeWecomWs();
  const servers: Started[] = [];
  let d: Database | undefined;
  let sampler: NodeJS.Timeout | undefined;
  afterAll(async () => {
    clearInterval(sampler);
    for (const s of servers) await s.stop('SIGKILL');
    await d?.close();
    await fake.stop();
    await pg?.cleanup();
  });

  /** Sockets the fake server holds open right now (its WebSocketServer is private: read, never changed). */
  const openSockets = (): number =>
    [...(fake as unknown as { wss: { clients: Set<{ readyState: number }> } }).wss.clients].filter((c) => c.readyState === 1).length;

  const start = async (env: Record<string, string>): Promise<{ s: Started; url: string }> => {
    const s = startServer({ cwd: mkdtempSync(join(tmpdir(), 'jx-leader-')), env });
    servers.push(s);
    const line = await s.waitFor(/已启动/, 60_000);
    return { s, url: line.match(/http:\/\/\S+/)![0].replace(/\/$/, '') };
  };
  const health = async (url: string): Promise<{ code: number; body: Health }> => {
    const res = await fetch(`${url}/healthz`);
    return { code: res.status, body: (await res.json()) as Health };
  };
  const until = async <T>(what: string, probe: () => Promise<T | undefined | false>, ms: number): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const v = await probe().catch(() => undefined);
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  /** Send a message and resolve with the text of its (finished) stream reply. */
  const say = async (text: string, ms = 120_000): Promise<string> => {
    const reqId = fake.text(USER, text);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer to 「${text}」 within ${ms} ms`)), ms)));
    const finished = (f: Frame) => (f.body as { stream?: { finish?: boolean } } | undefined)?.stream?.finish === true;
    await Promise.race([fake.waitReply(reqId, finished), timeout]).finally(() => clearTimeout(timer));
    return streamText(fake.answers(reqId));
  };

  it('only the leader connects; killed with kill -9 mid-report, the standby takes over and answers; every answer stored once', async () => {
    const wsUrl = await fake.start();
    const env = { DATABASE_URL: await pg!.url(), WECOM_BOT_ID: fake.creds.botId, WECOM_BOT_SECRET: fake.creds.secret, WECOM_WS_URL: wsUrl };
    let most = 0;
    sampler = setInterval(() => (most = Math.max(most, openSockets())), 20);

    const a = await start(env);
    const b = await start(env);
    const both = [a, b];
    // exactly one leads and is authenticated; the other is a healthy standby that never connected
    const leaderIndex = await until(
      'one leader, authenticated',
      async () => {
        const hs = await Promise.all(both.map((x) => health(x.url)));
        const roles = hs.map((h) => h.body.channels.wecomBot.role);
        const i = roles.indexOf('leader');
        return i >= 0 && roles.filter((r) => r === 'standby').length === 1 && hs[i]!.body.channels.wecomBot.authenticated && i + 1;
      },
      30_000,
    );
    const leader = both[leaderIndex - 1]!;
    const standby = both[2 - leaderIndex]!;
    const standbyHealth = await health(standby.url);
    expect(standbyHealth.code).toBe(200);
    expect(standbyHealth.body.status).toBe('ok');
    expect(standbyHealth.body.channels.wecomBot).toMatchObject({ role: 'standby', connected: false, authenticated: false });
    await standby.s.waitFor(/本实例待命/);
    expect(fake.authenticated).toBe(1);

    // part of a report through the leader
    for (const t of ['创建单位', '接替测试单位', '正科级', '2024']) await say(t);
    for (let n = 1; n <= 3; n++) expect(await say(`交办重点工作数 改为 ${n}`)).toContain(`已记录 交办重点工作数 ${n}项`);
    expect(fake.authenticated).toBe(1);
    expect(most).toBe(1);

    // kill -9 the leader mid-report
    const killedAt = Date.now();
    leader.s.child.kill('SIGKILL');
    expect(await leader.s.exited).toBeNull();
    // the standby takes the connection over and answers a new message (goal: within 15 s of the kill; printed, not asserted)
    await until('the standby connected', async () => fake.authenticated === 2 && openSockets() === 1, TAKEOVER_BACKSTOP_MS);
    const connectedMs = Date.now() - killedAt;
    expect(await say('交办重点工作数 改为 4', TAKEOVER_BACKSTOP_MS)).toContain('已记录 交办重点工作数 4项');
    console.log(`takeover: connected ${connectedMs} ms and answering ${Date.now() - killedAt} ms after the kill (goal 15 000 ms)`);
    expect((await health(standby.url)).body.channels.wecomBot).toMatchObject({ role: 'leader', authenticated: true });

    // the report goes on
    for (let n = 5; n <= 6; n++) expect(await say(`交办重点工作数 改为 ${n}`)).toContain(`已记录 交办重点工作数 ${n}项`);
    expect(most).toBe(1);

    // nothing lost, nothing stored twice
    d = await openDatabase(env.DATABASE_URL);
    const user = await d.db.user.findUniqueOrThrow({ where: { externalId: `wecom:${USER}` } });
    const unit = await d.db.membership.findFirstOrThrow({ where: { userId: user.id } });
    const report = await d.db.report.findUniqueOrThrow({ where: { unitId_year: { unitId: unit.unitId, year: 2024 } } });
    const history = await d.db.answerHistory.findMany({ where: { reportId: report.id, fieldKey: FIELD }, orderBy: { id: 'asc' } });
    expect(history.map((h) => h.newValue)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(await d.db.unit.count()).toBe(1);
    expect(await d.db.report.count()).toBe(1);
  }, 420_000);
});

/**
 * The channel under a Leader, in one process (SQLite: no lease): disconnected_event makes it a
 * standby with its socket closed, and after the hold-off the SDK's client connects again through
 * the channel's own start() after stop(), and answers.
 */
describe('the long connection under its leader: replaced, then back after the hold-off', () => {
  const t = testDatabases()[0]!;
  const fake = new FakeWecomWs();
  let database: Database | undefined;
  let leader: Leader | undefined;
  afterAll(async () => {
    await leader?.stop();
    await fake.stop();
    await database?.close();
    await t.cleanup();
  });

  it('steps down on disconnected_event with one warning, and after the hold-off reconnects (the SDK client restarts after stop()) and answers', async () => {
    database = await t.open();
    const url = await fake.start();
    const logs: string[] = [];
    const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
    let channel: WecomWsChannel | undefined;
    const holdOffMs = 1500;
    leader = new Leader({
      lease: undefined,
      lead: () => channel!.start(),
      stepDown: () => channel!.stop(),
      timing: { holdOffMs },
      log: (level, msg) => level === 'warn' && logs.push(msg),
    });
    const l = leader;
    channel = new WecomWsChannel({ bot, queues: new UserQueues(), botId: 'bot-1', secret: 'secret-1', wsUrl: url, onReplaced: () => l.replaced() });
    l.start();
    await fake.waitFor(() => channel.health().authenticated);
    expect(l.role).toBe('leader');

    fake.kick();
    await fake.waitFor(() => l.role === 'standby' && !channel.health().connected);
    expect(logs.filter((m) => /disconnected_event/.test(m))).toHaveLength(1);
    expect(fake.authenticated).toBe(1);

    await fake.waitFor(() => fake.authenticated === 2 && channel.health().authenticated, 20_000);
    expect(l.role).toBe('leader');
    const reqId = fake.text('back-user', '你好');
    await fake.waitReply(reqId);
    expect(fake.answers(reqId).length).toBeGreaterThan(0);
    expect(logs.filter((m) => /disconnected_event/.test(m))).toHaveLength(1);
  });
});
