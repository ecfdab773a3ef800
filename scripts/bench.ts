/**
 * Load benchmark (not a test: it reports, never asserts a time). N simulated staff each fill the
 * whole seed report concurrently through the fake WeCom long-connection server and the real SDK,
 * ending with 生成报告. An echo bot over the same transport and the same messages is the
 * baseline, so the bot's own cost is a ratio measured in the same run.
 *
 *   npm run bench -- --users 200 [--think 2000] [--database postgresql://…] [--profile DIR]
 *
 * --think: mean pause in ms between a reply and the person's next message (each pause is drawn
 * uniformly from 0.5–1.5 × the mean, from a fixed seed, so both runs see the same pauses). 0 (the
 * default) sends the next message at once: a saturation test where latency is mostly queueing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { openDatabase } from '../src/store/db.js';
import { loadReportModel, loadConversation } from '../src/store/reports.js';
import type { DialogState } from '../src/dialogs/types.js';
import { FakeWecomWs, type Frame } from '../test/helpers/fake-wecom-ws.js';
import { seedModel } from '../test/helpers/rulesets.js';
import { arg } from './args.js';
import { pct } from './percentile.js';
import { recordSeedScript } from './seed-script.js';

const USERS = Number(arg('users') ?? 200);
const DB_URL = arg('database');
const THINK_MS = Number(arg('think') ?? 0);
/** --profile DIR: the bot process writes a V8 CPU profile there when it exits. */
const PROFILE_DIR = arg('profile');

/** Deterministic pauses (mulberry32), the same sequence for the echo run and the bot run. */
function pauses(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return THINK_MS * (0.5 + r);
  };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isFile = (f: Frame) => (f.body as { msgtype?: string } | undefined)?.msgtype === 'file';


/** What scripts/bench-probe.mjs records in a child process. */
interface Probe {
  cpuMs: number;
  loopDelayMs: { p50: number; p99: number; max: number };
  gc: { count: number; totalMs: number; maxMs: number; majorCount: number; majorMs: number };
  /** Sampled every 100 ms: the highest RSS and what the main thread's heap and off-heap memory were then. */
  memory?: { rssMb: number; heapTotalMb: number; externalMb: number };
}

/** Peak resident memory of a process (VmHWM), in MB. */
function peakRssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(status.match(/VmHWM:\s+(\d+) kB/)![1]) / 1024);
}

const TSX = import.meta.resolve('tsx');
const PROBE = import.meta.resolve('./bench-probe.mjs');
function spawnChild(args: string[], env: Record<string, string>): ChildProcess {
  const compiled = args.some((a) => a.endsWith('.js'));
  const child = spawn(process.execPath, ['--import', PROBE, ...(compiled ? [] : ['--import', TSX]), ...args], {
    env: { ...process.env, WECOM_BOT_ID: 'bot-1', WECOM_BOT_SECRET: 'secret-1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code, signal) => code && !signal && console.error(`${args.join(' ')} exited with ${code}`));
  return child;
}

/** Every user sends the script, one message after the reply to the previous one. */
async function drive(
  fake: FakeWecomWs,
  script: string[],
  prefix: string,
  expectFile: boolean,
): Promise<{ latencies: number[]; generation: number[]; seconds: number; timeline: [number, number][] }> {
  const latencies: number[] = [];
  const timeline: [number, number][] = []; // [seconds since start, latency]
  const generation: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: USERS }, async (_, u) => {
      const userid = `${prefix}${u}`;
      const pause = pauses(u + 1);
      if (THINK_MS) await sleep(pause()); // people do not all start in the same millisecond
      for (const [i, text] of script.entries()) {
        if (THINK_MS && i > 0) await sleep(pause());
        const start = performance.now();
        const last = expectFile && i === script.length - 1;
        const reqId = fake.text(userid, text);
        const replied = fake.waitReply(reqId);
        if (process.env.BENCH_DEBUG) console.log(userid, i, JSON.stringify(text).slice(0, 30));
        const file = last ? fake.waitReply(reqId, isFile) : undefined;
        await replied;
        latencies.push(performance.now() - start);
        timeline.push([(start - t0) / 1000, performance.now() - start]);
        if (file) {
          await Promise.race([file, new Promise((r) => setTimeout(r, 60_000))]);
          generation.push(performance.now() - start);
        }
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), generation: generation.sort((a, b) => a - b), seconds: (performance.now() - t0) / 1000, timeline };
}

async function main(): Promise<void> {
  console.log('recording the seed script…');
  const script = await recordSeedScript();
  console.log(`${script.length} messages per user, ${USERS} users`);

  // Echo baseline: same fake server, same SDK, same messages, in its own process; it only echoes.
  const echoFake = new FakeWecomWs(undefined, false);
  const echoUrl = await echoFake.start();
  const probeDir = mkdtempSync(join(tmpdir(), 'jx-bench-probe-'));
  const echo = spawnChild(['scripts/echo-bot.ts'], { WECOM_WS_URL: echoUrl, BENCH_PROBE_FILE: join(probeDir, 'echo.json') });
  while (echoFake.authenticated === 0) await new Promise((r) => setTimeout(r, 20));
  console.log('echo baseline…');
  const base = await drive(echoFake, script, 'e', false);
  const echoRss = peakRssOf(echo.pid!);
  echo.kill('SIGTERM');
  await new Promise((r) => echo.once('exit', r));
  await echoFake.stop();
  console.log(`echo baseline done in ${base.seconds.toFixed(1)} s; the bot…`);

  // The real bot: the server process as `npm start` runs it (compiled), connected to the fake WeCom server.
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'jx-bench-'));
  const dbUrl = DB_URL ?? `file:${join(dir, 'bench.db')}`;
  const fake = new FakeWecomWs(undefined, false);
  const url = await fake.start();
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  // as `npm start` runs it: heap cap, and two malloc arenas (glibc gives each thread its own and keeps
  // what they freed: about 30–60 MB of RSS in the saturation run)
  const server = spawnChild([...profile, '--max-old-space-size=256', 'dist/main.js'], { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2', WECOM_WS_URL: url, DATABASE_URL: dbUrl, PORT: '0', WEB_CHAT: 'off', BENCH_PROBE_FILE: join(probeDir, 'bot.json') });
  while (fake.authenticated === 0) await new Promise((r) => setTimeout(r, 20));
  const run = await drive(fake, script, 'u', true);
  const botRss = peakRssOf(server.pid!);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  await fake.stop();
  const database = await openDatabase(dbUrl);

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

  const turns = run.latencies.length;
  const p50 = pct(run.latencies, 50);
  const row = (k: string, v: string, target = '') => console.log(`| ${k} | ${v} | ${target} |`);
  const think = THINK_MS ? `思考时间平均 ${THINK_MS} ms（0.5–1.5 倍均匀分布）` : '无思考时间（收到回复立即发下一条）';
  console.log(`\n### 负载测试（${new Date().toISOString().slice(0, 10)}，${USERS} 人并发，每人 ${script.length} 条消息，${think}，${DB_URL ? 'PostgreSQL' : 'SQLite'}，Node ${process.version}）\n`);
  console.log('| 指标 | 结果 | 目标 |\n|---|---|---|');
  row('处理轮次', `${turns}（${(turns / run.seconds).toFixed(0)} 轮/秒，共 ${run.seconds.toFixed(1)} 秒）`);
  row('单轮延迟 p50 / p95 / p99', `${p50.toFixed(2)} / ${pct(run.latencies, 95).toFixed(1)} / ${pct(run.latencies, 99).toFixed(1)} ms`, 'p99 ≤ 50 ms');
  row('回声基线 p50 / p99', `${pct(base.latencies, 50).toFixed(2)} / ${pct(base.latencies, 99).toFixed(1)} ms`);
  row('p50 与回声基线之比', `${(p50 / pct(base.latencies, 50)).toFixed(2)} ×`, '≤ 3 ×');
  row('生成报告（发出“确认生成”到收到文件）中位数', `${pct(run.generation, 50).toFixed(0)} ms（p95 ${pct(run.generation, 95).toFixed(0)} ms）`);
  row('机器人进程峰值内存（RSS）', `${botRss} MB（回声进程 ${echoRss} MB）`, '≤ 400 MB');
  row('丢失 / 重复 / 与示例数据不一致的答案', `${lost} / ${duplicated} / ${different}`, '0 / 0 / 0');
  // What each process spent itself (scripts/bench-probe.mjs): CPU per turn, event-loop delay, GC.
  const probe = (name: string): Probe | undefined => {
    try {
      return JSON.parse(readFileSync(join(probeDir, `${name}.json`), 'utf8')) as Probe;
    } catch {
      return undefined;
    }
  };
  const [botProbe, echoProbe] = [probe('bot'), probe('echo')];
  rmSync(probeDir, { recursive: true, force: true });
  if (botProbe && echoProbe) {
    const perTurn = (p: Probe, n: number) => (p.cpuMs / n).toFixed(2);
    row('进程 CPU 时间 / 轮（含启动和生成报告）', `机器人 ${perTurn(botProbe, turns)} ms，回声 ${perTurn(echoProbe, base.latencies.length)} ms`);
    const loop = (p: Probe) => `${p.loopDelayMs.p50.toFixed(1)} / ${p.loopDelayMs.p99.toFixed(1)} / ${p.loopDelayMs.max.toFixed(0)}`;
    row('事件循环延迟 p50 / p99 / 最大', `机器人 ${loop(botProbe)} ms，回声 ${loop(echoProbe)} ms`);
    const gc = (p: Probe) => `${p.gc.count} 次共 ${(p.gc.totalMs / 1000).toFixed(1)} s，最长 ${p.gc.maxMs.toFixed(0)} ms（全量 ${p.gc.majorCount} 次共 ${(p.gc.majorMs / 1000).toFixed(1)} s）`;
    const m = botProbe.memory;
    if (m) row('机器人内存峰值时的构成（每 100 ms 采样）', `RSS ${m.rssMb} MB：主线程 V8 堆 ${m.heapTotalMb} MB，堆外 ${m.externalMb} MB，其余（工作线程、SQLite、代码和 Node 本身）${m.rssMb - m.heapTotalMb - m.externalMb} MB`);
    row('垃圾回收暂停', `机器人 ${gc(botProbe)}；回声 ${gc(echoProbe)}`);
  }

  // Where the slow turns are: p50/p99 per minute of the run (by when the message was sent).
  const minutes = new Map<number, number[]>();
  for (const [at, ms] of run.timeline) {
    const m = Math.floor(at / 60);
    if (!minutes.has(m)) minutes.set(m, []);
    minutes.get(m)!.push(ms);
  }
  console.log('\n按分钟（发出时间）：' + [...minutes].map(([m, l]) => {
    l.sort((a, b) => a - b);
    return `${m}′ ${l.length} 轮 p50 ${pct(l, 50).toFixed(1)} p99 ${pct(l, 99).toFixed(0)}`;
  }).join('；'));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
