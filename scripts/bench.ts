/**
 * Load benchmark (not a test: it reports, never asserts a time). N simulated staff each fill the
 * whole seed report concurrently through the fake WeCom long-connection server and the real SDK,
 * ending with 生成报告. An echo bot over the same transport and the same messages is the
 * baseline, so the bot's own cost is a ratio measured in the same run.
 *
 *   npm run bench -- --users 200 [--database postgresql://…]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { WSClient } from '@wecom/aibot-node-sdk';
import { Bot } from '../src/bot/bot.js';
import { UserQueues } from '../src/bot/queue.js';
import { WecomWsChannel } from '../src/bot/wecom-ws.js';
import { openDatabase } from '../src/store/db.js';
import { loadReportModel, loadConversation } from '../src/store/reports.js';
import type { DialogState } from '../src/dialogs/types.js';
import { FakeWecomWs, type Frame } from '../test/helpers/fake-wecom-ws.js';
import { Walker } from '../test/helpers/walker.js';
import { seedModel } from '../test/helpers/rulesets.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const USERS = Number(arg('users') ?? 200);
const DB_URL = arg('database');
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };
const isFile = (f: Frame) => (f.body as { msgtype?: string } | undefined)?.msgtype === 'file';

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

/** The messages one person sends to fill the seed report, recorded from one walk. */
async function recordScript(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'jx-bench-script-'));
  const database = await openDatabase(`file:${join(dir, 'script.db')}`);
  const walker = new Walker(database, new Bot({ database, defaultRuleSetId: 'yueyang-reference' }), seedModel());
  await walker.walk();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  return walker.transcript.map((t) => t.sent);
}

/** Every user sends the script, one message after the reply to the previous one. */
async function drive(fake: FakeWecomWs, script: string[], prefix: string, expectFile: boolean): Promise<{ latencies: number[]; generation: number[]; seconds: number }> {
  const latencies: number[] = [];
  const generation: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: USERS }, async (_, u) => {
      const userid = `${prefix}${u}`;
      for (const [i, text] of script.entries()) {
        const start = performance.now();
        const last = expectFile && i === script.length - 1;
        const reqId = fake.text(userid, text);
        const replied = fake.waitReply(reqId);
        if (process.env.BENCH_DEBUG) console.log(userid, i, JSON.stringify(text).slice(0, 30));
        const file = last ? fake.waitReply(reqId, isFile) : undefined;
        await replied;
        latencies.push(performance.now() - start);
        if (file) {
          await Promise.race([file, new Promise((r) => setTimeout(r, 60_000))]);
          generation.push(performance.now() - start);
        }
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), generation: generation.sort((a, b) => a - b), seconds: (performance.now() - t0) / 1000 };
}

async function main(): Promise<void> {
  console.log(`recording the seed script…`);
  const script = await recordScript();
  console.log(`${script.length} messages per user, ${USERS} users`);

  // Echo baseline: same fake server, same SDK, same messages; the bot only echoes.
  const echoFake = new FakeWecomWs(undefined, false);
  const echoUrl = await echoFake.start();
  const echo = new WSClient({ botId: 'bot-1', secret: 'secret-1', wsUrl: echoUrl, logger: quiet });
  echo.on('message', (frame) => {
    if (process.env.BENCH_DEBUG) console.log('echo got', JSON.stringify(frame.body).slice(0, 60));
    const content = (frame.body as { text?: { content?: string } }).text?.content ?? '';
    void echo.replyStream(frame, randomUUID(), content, true).catch((e: unknown) => process.env.BENCH_DEBUG && console.log('echo reply failed', e));
  });
  echo.connect();
  await new Promise((r) => echo.once('authenticated', () => r(undefined)));
  console.log('echo baseline…');
  const base = await drive(echoFake, script, 'e', false);
  console.log(`echo baseline done in ${base.seconds.toFixed(1)} s; the bot…`);
  echo.disconnect();
  await echoFake.stop();

  // The real bot.
  const dir = mkdtempSync(join(tmpdir(), 'jx-bench-'));
  const database = await openDatabase(DB_URL ?? `file:${join(dir, 'bench.db')}`);
  const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
  const fake = new FakeWecomWs(undefined, false);
  const url = await fake.start();
  const channel = new WecomWsChannel({ bot, queues: new UserQueues(), botId: 'bot-1', secret: 'secret-1', wsUrl: url, log: (l, m) => l === 'error' && console.error(m) });
  channel.start();
  while (!channel.health().authenticated) await new Promise((r) => setTimeout(r, 20));
  const run = await drive(fake, script, 'u', true);
  channel.stop();
  await fake.stop();

  // Every simulated answer stored exactly once, and each report equals the fixture.
  const fixture = seedModel();
  const strip = (m: typeof fixture) => ({ v: m.values, s: (m.groups.special ?? []).map((x) => [x.values, (x.children.specialIndicator ?? []).map((r) => r.values)]), t: (m.groups.target ?? []).map((x) => x.values) });
  let lost = 0;
  let duplicated = 0;
  let different = 0;
  for (let u = 0; u < USERS; u++) {
    const user = await database.db.user.findUnique({ where: { externalId: `wecom:u${u}` } });
    const state = user && ((await loadConversation(database.db, user.id, 'wecom-bot')) as DialogState | undefined);
    if (!state?.reportId) {
      lost++;
      continue;
    }
    const { model } = await loadReportModel(database.db, state.reportId);
    if (!isDeepStrictEqual(strip(model), strip(fixture))) different++;
    const history = await database.db.answerHistory.groupBy({ by: ['fieldKey', 'itemId'], where: { reportId: state.reportId }, _count: { _all: true } });
    duplicated += history.filter((h) => h._count._all !== 1).length;
    const answers = await database.db.answer.count({ where: { reportId: state.reportId } });
    lost += Math.max(0, answers - history.length);
  }
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  clearInterval(sampler);

  const turns = run.latencies.length;
  const p50 = pct(run.latencies, 50);
  const row = (k: string, v: string, target = '') => console.log(`| ${k} | ${v} | ${target} |`);
  console.log(`\n### 负载测试（${new Date().toISOString().slice(0, 10)}，${USERS} 人并发，每人 ${script.length} 条消息，${DB_URL ? 'PostgreSQL' : 'SQLite'}，Node ${process.version}）\n`);
  console.log('| 指标 | 结果 | 目标 |\n|---|---|---|');
  row('处理轮次', `${turns}（${(turns / run.seconds).toFixed(0)} 轮/秒，共 ${run.seconds.toFixed(1)} 秒）`);
  row('单轮延迟 p50 / p95 / p99', `${p50.toFixed(1)} / ${pct(run.latencies, 95).toFixed(1)} / ${pct(run.latencies, 99).toFixed(1)} ms`, 'p99 ≤ 50 ms');
  row('回声基线 p50 / p99', `${pct(base.latencies, 50).toFixed(1)} / ${pct(base.latencies, 99).toFixed(1)} ms`);
  row('p50 与回声基线之比', `${(p50 / pct(base.latencies, 50)).toFixed(1)} ×`, '≤ 3 ×');
  row('生成报告（发出“确认生成”到收到文件）中位数', `${pct(run.generation, 50).toFixed(0)} ms（p95 ${pct(run.generation, 95).toFixed(0)} ms）`);
  row('峰值内存（RSS，含模拟器与模拟服务器）', `${(peakRss / 1048576).toFixed(0)} MB`, '≤ 400 MB');
  row('丢失 / 重复 / 与示例数据不一致的答案', `${lost} / ${duplicated} / ${different}`, '0 / 0 / 0');
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
