import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/db.js';
import { testDatabases } from '../helpers/databases.js';
import { APP, FakeWecomApi, postCallback, appText } from '../helpers/fake-wecom-api.js';
import { startServer, type Started } from '../helpers/process.js';

/**
 * Issue 22, item 5: the real server process acknowledges 150 signed 自建应用 callbacks and is
 * killed with SIGKILL at once; after a restart every one of them has been processed exactly once,
 * in order per user. WeCom never delivers a message again after a 200, so a message acknowledged
 * and not stored would be lost for good.
 */
const USERS = 6;
const EACH = 25;
const FIELD = 'keyWork.assigned';

for (const t of testDatabases()) {
  describe(`the 自建应用 killed with kill -9 on ${t.name}`, () => {
    const fake = new FakeWecomApi();
    const servers: Started[] = [];
    let d: Database | undefined;
    afterAll(async () => {
      for (const s of servers) await s.stop('SIGKILL');
      await d?.close();
      await fake.stop();
      await t.cleanup();
    });

    const start = async (env: Record<string, string>) => {
      const s = startServer({ cwd: mkdtempSync(join(tmpdir(), 'jx-app-crash-')), env });
      servers.push(s);
      const line = await s.waitFor(/已启动/, 60_000);
      return line.match(/http:\/\/\S+/)![0].replace(/\/$/, '').replace(/\/healthz$/, '').replace('localhost', '127.0.0.1');
    };
    // texts and files (the choice cards that follow questions are checked in wecom-app-cards.test.ts)
  const sentTo = (user: string) => fake.sent.filter((s) => s.touser === user && s.msgtype !== 'template_card');
    const waitFor = async (what: string, ok: () => boolean | Promise<boolean>, ms = 120_000) => {
      const end = Date.now() + ms;
      while (!(await ok())) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    let seq = 0;
    const msg = appText;

    it('150 acknowledged callbacks, kill -9, restart: each is processed once, in order per user', async () => {
      await fake.start();
      const env = {
        DATABASE_URL: await t.url(),
        WECOM_CORP_ID: APP.corpId,
        WECOM_AGENT_ID: APP.agentId,
        WECOM_AGENT_SECRET: APP.secret,
        WECOM_TOKEN: APP.token,
        WECOM_ENCODING_AES_KEY: APP.aesKey,
        WECOM_API_BASE: fake.url,
        // 150 turns in seconds: the pacing to WeCom's 30 messages a member a minute is not this test's subject
        WECOM_APP_SEND_PER_MINUTE: '100000',
      };
      const users = Array.from({ length: USERS }, (_, i) => `crash-user-${i + 1}`);
      const first = await start(env);

      // Each user opens a report (one reply per message, waited for).
      await Promise.all(
        users.map(async (u) => {
          for (const [i, text] of ['创建单位', `${u}的单位`, '正科级', '2024'].entries()) {
            expect((await postCallback(first, msg(u, text))).status).toBe(200);
            await waitFor(`${u}'s reply ${i + 1}`, () => sentTo(u).length > i);
          }
          expect(sentTo(u).at(-1)!.content).toContain('新建2024年度报告');
        }),
      );

      // A slow WeCom API: the turns fall behind the acknowledgements, as under load.
      fake.sendDelay = () => 40;
      const before = new Map(users.map((u) => [u, sentTo(u).length]));
      await Promise.all(
        users.map(async (u) => {
          for (let n = 1; n <= EACH; n++) {
            const res = await postCallback(first, msg(u, `交办重点工作数 改为 ${n}`, `crash-${u}-${n}`));
            expect(res.status).toBe(200);
            expect(await res.text()).toBe('');
          }
        }),
      );
      // every one of the 150 was acknowledged: kill at once
      servers[0]!.child.kill('SIGKILL');
      expect(await servers[0]!.exited).toBeNull();
      fake.sendDelay = () => 0;

      d = await openDatabase(env.DATABASE_URL);
      const db = d.db;
      const burst = { messageId: { startsWith: 'crash-' } };
      // acknowledged means stored
      expect(await db.inboxMessage.count({ where: burst })).toBe(USERS * EACH);

      await start(env);
      await waitFor('every stored message processed', async () => (await db.inboxMessage.count({ where: { channel: 'wecom-app', processedAt: null } })) === 0);

      for (const u of users) {
        // processed once each, in the order sent: the field's history is 1, 2, …, 25 exactly
        const user = await db.user.findUniqueOrThrow({ where: { externalId: `wecom:${u}` } });
        const unit = await db.membership.findFirstOrThrow({ where: { userId: user.id } });
        const report = await db.report.findUniqueOrThrow({ where: { unitId_year: { unitId: unit.unitId, year: 2024 } } });
        const history = await db.answerHistory.findMany({ where: { reportId: report.id, fieldKey: FIELD }, orderBy: { id: 'asc' } });
        expect(history.map((h) => h.newValue), u).toEqual(Array.from({ length: EACH }, (_, i) => String(i + 1)));
        // no reply twice, none out of order; only the turn in progress at the kill may have
        // committed without its reply having gone out (its run after the restart is a duplicate)
        const confirmed = sentTo(u)
          .slice(before.get(u))
          .map((s) => Number(s.content?.match(/已记录 交办重点工作数 (\d+)项/)?.[1]))
          .filter((n) => n > 0);
        expect(confirmed, u).toEqual([...confirmed].sort((a, b) => a - b));
        expect(new Set(confirmed).size, u).toBe(confirmed.length);
        expect(confirmed.length, u).toBeGreaterThanOrEqual(EACH - 1);
      }
      expect(await db.inboxMessage.count({ where: { ...burst, processedAt: { not: null } } })).toBe(USERS * EACH);
    }, 300_000);
  });
}
