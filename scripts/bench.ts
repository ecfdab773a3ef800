/**
 * Load benchmark (not a test: it reports, never asserts a time). N simulated staff each fill the
 * whole seed report concurrently through the fake WeCom long-connection server and the real SDK,
 * ending with 生成报告. An echo bot over the same transport and the same messages is the
 * baseline, so the bot's own cost is a ratio measured in the same run.
 *
 *   npm run bench -- --users 200 [--think 2000] [--database postgresql://…] [--profile DIR]
 *   npm run bench -- --db postgres --instances 2 --users 500 --think 2000 --builds 50   (deadline day)
 *
 * --think: mean pause in ms between a reply and the person's next message (each pause is drawn
 * uniformly from 0.5–1.5 × the mean, from a fixed seed, so both runs see the same pauses). 0 (the
 * default on SQLite) sends the next message at once: a saturation test where latency is mostly
 * queueing. On PostgreSQL (--db postgres) the default is 2000: deadline day is people typing.
 * --db postgres: a fresh database on the local server (its Unix socket, else 127.0.0.1:5432; or --pg-admin URL),
 * dropped at the end. --instances N: N bot processes on that one database, one of them holding the
 * WeCom connection (the leader lease); each one's peak memory is reported, and which one led.
 * --builds N: after the walk, N of the people press 确认生成 in the same instant (their files from
 * the walk are deleted first, so each is built anew): time to the answer that states their place
 * in line, and to the file (bench-builds.ts).
 * --timeline FILE: the bot run's turns as JSON lines [seconds since start, latency ms, script index].
 * --steps N: only the script's first N messages, e.g. the start of deadline day (unit creation,
 * opening the report) with --profile; nothing is built and the reports are not compared.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { openDatabase } from '../src/store/db.js';
import { loadReportModel, loadConversation } from '../src/store/reports.js';
import type { DialogState } from '../src/dialogs/types.js';
import { FakeWecomWs, type Frame } from '../test/helpers/fake-wecom-ws.js';
import { seedModel } from '../test/helpers/rulesets.js';
import { arg } from './args.js';
import { pct } from './percentile.js';
import { recordSeedScript } from './seed-script.js';
import { freshPgDatabase } from './bench-pg.js';
import { pressTogether, type BuildsRun } from './bench-builds.js';

const USERS = Number(arg('users') ?? 200);
const FRESH_PG = arg('db') === 'postgres';
const DB_URL = arg('database');
const POSTGRES = FRESH_PG || /^postgres(ql)?:/.test(DB_URL ?? '');
const THINK_MS = Number(arg('think') ?? (POSTGRES ? 2000 : 0));
const INSTANCES = Number(arg('instances') ?? 1);
const BUILDS = Number(arg('builds') ?? 0);
/** --steps N: only the script's first N messages (the start of deadline day, to profile it); no file is awaited. */
const STEPS = arg('steps') === undefined ? undefined : Number(arg('steps'));
if (INSTANCES > 1 && !POSTGRES) throw new Error('--instances above 1 needs PostgreSQL (--db postgres or --database postgresql://…): SQLite is one instance');
if (BUILDS > USERS) throw new Error('--builds cannot exceed --users: the builds are the walkers pressing 确认生成 again');
/** --timeline FILE: each turn of the bot's run (when it was sent, its latency, its step) as JSON lines, to find what the slow ones share. */
const TIMELINE = arg('timeline');
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
  memory?: { rssMb: number; heapTotalMb: number; heapUsedMb?: number; newSpaceMb?: number; externalMb: number };
}

/** Peak resident memory of a process (VmHWM), in MB. */
function peakRssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(status.match(/VmHWM:\s+(\d+) kB/)![1]) / 1024);
}

const TSX = import.meta.resolve('tsx');
const PROBE = import.meta.resolve('./bench-probe.mjs');
/** The node flags `npm start` gives the server (package.json), so the bench runs it as deployed. */
function startFlags(): string[] {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  const flags = start.match(/\bnode((?: --[\w-]+=\S+)*) dist\/main\.js/)?.[1]?.trim().split(' ');
  if (!flags?.length) throw new Error(`bench: cannot read the node flags of npm start from "${start}"`);
  return flags;
}

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
  fileWaitMs = 60_000,
): Promise<{ latencies: number[]; generation: number[]; seconds: number; timeline: [number, number, number][]; unanswered: number; noFile: number }> {
  const latencies: number[] = [];
  const timeline: [number, number, number][] = []; // [seconds since start, latency, index of the message in the script]
  const generation: number[] = [];
  let [unanswered, noFile] = [0, 0];
  const within = <T>(p: Promise<T>, ms: number) => Promise.race([p.then(() => true), sleep(ms).then(() => false)]);
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
        const file = last ? fake.waitSent(userid, isFile) : undefined; // the file is pushed (aibot_send_msg)
        // a message never answered is counted (a lost answer), not waited for forever
        if (!(await within(replied, 60_000))) {
          unanswered++;
          return;
        }
        latencies.push(performance.now() - start);
        timeline.push([(start - t0) / 1000, performance.now() - start, i]);
        if (file) {
          if (await within(file, fileWaitMs)) generation.push(performance.now() - start);
          else noFile++;
        }
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), generation: generation.sort((a, b) => a - b), seconds: (performance.now() - t0) / 1000, timeline, unanswered, noFile };
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' / ');

async function main(): Promise<void> {
  const loadAtStart = load();
  console.log('recording the seed script…');
  const script = (await recordSeedScript()).slice(0, STEPS);
  console.log(`${script.length} messages per user, ${USERS} users, think ${THINK_MS} ms, ${INSTANCES} instance(s), ${BUILDS} builds at once`);

  // Echo baseline: same fake server, same SDK, same messages, in its own process; it only echoes.
  const echoFake = new FakeWecomWs(undefined, false);
  const echoUrl = await echoFake.start();
  const probeDir = mkdtempSync(join(tmpdir(), 'jx-bench-probe-'));
  const echo = spawnChild(['scripts/echo-bot.ts'], { WECOM_WS_URL: echoUrl, BENCH_PROBE_FILE: join(probeDir, 'echo.json') });
  while (echoFake.authenticated === 0) await sleep(20);
  console.log('echo baseline…');
  const base = await drive(echoFake, script, 'e', false);
  // the same instant of N messages, answered by the echo: what "at once" costs the transport
  const echoBuilds = BUILDS ? await pressTogether(echoFake, Array.from({ length: BUILDS }, (_, u) => `e${u}`)) : undefined;
  const echoRss = peakRssOf(echo.pid!);
  echo.kill('SIGTERM');
  await new Promise((r) => echo.once('exit', r));
  await echoFake.stop();
  console.log(`echo baseline done in ${base.seconds.toFixed(1)} s; the bot…`);

  // The real bot: the server process as `npm start` runs it (compiled), connected to the fake WeCom server.
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'jx-bench-'));
  const fresh = FRESH_PG ? await freshPgDatabase(arg('pg-admin')) : undefined;
  try {
    const dbUrl = fresh?.url ?? DB_URL ?? `file:${join(dir, 'bench.db')}`;
    // migrations once, before the instances start side by side
    await (await openDatabase(dbUrl)).close();
    const fake = new FakeWecomWs(undefined, false);
    const url = await fake.start();
    const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
    // as `npm start` runs it (its node flags read from package.json): heap caps, and two malloc arenas
    // (glibc gives each thread its own and keeps what they freed: about 30–60 MB of RSS in the saturation run)
    const servers = Array.from({ length: INSTANCES }, (_, i) =>
      spawnChild([...profile, ...startFlags(), 'dist/main.js'], { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2', WECOM_WS_URL: url, DATABASE_URL: dbUrl, PORT: '0', WEB_CHAT: 'off', BENCH_PROBE_FILE: join(probeDir, `bot${i}.json`) }),
    );
    while (fake.authenticated === 0) await sleep(20);
    const database = await openDatabase(dbUrl);
    // which instance holds the connection: the lease's holder is host/pid/…
    const lease = POSTGRES ? await database.db.lease.findUnique({ where: { name: 'wecom-bot' } }) : undefined;
    const leader = lease ? servers.findIndex((s) => lease.holder.split('/')[1] === String(s.pid)) : 0;
    const run = await drive(fake, script, 'u', STEPS === undefined, Number(process.env.BENCH_FILE_WAIT_MS ?? 600_000));
    let builds: BuildsRun | undefined;
    if (BUILDS) {
      // the walk built each file already (an unchanged report's file is handed out again): build anew
      await database.db.generatedFile.deleteMany({});
      console.log(`the walk done in ${run.seconds.toFixed(1)} s; ${BUILDS} people press 确认生成 at once…`);
      builds = await pressTogether(fake, Array.from({ length: BUILDS }, (_, u) => `u${u}`), { file: isFile });
    }
    const botRss = servers.map((s) => peakRssOf(s.pid!));
    for (const s of servers) s.kill('SIGTERM');
    await Promise.all(servers.map((s) => new Promise((r) => s.once('exit', r))));
    await fake.stop();
    const answers = await checkAnswers(database);
    await database.close();
    report({ script, run, base, builds, echoBuilds, botRss, echoRss, leader, answers, probeDir, loadAtStart });
  } finally {
    await fresh?.drop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(probeDir, { recursive: true, force: true });
  }
}

/** Every simulated answer stored exactly once, and each report equals the fixture. */
async function checkAnswers(database: Awaited<ReturnType<typeof openDatabase>>): Promise<{ lost: number; duplicated: number; different: number }> {
  const fixture = seedModel();
  const strip = (m: typeof fixture) => ({ v: m.values, s: (m.groups.special ?? []).map((x) => [x.values, (x.children.specialIndicator ?? []).map((r) => r.values)]), t: (m.groups.target ?? []).map((x) => x.values) });
  let lost = 0;
  let duplicated = 0;
  let different = 0;
  for (let u = 0; u < USERS; u++) {
    const user = await database.db.user.findUnique({ where: { externalId: `wecom:u${u}` } });
    const state = user && ((await loadConversation(database.db, user.id, 'wecom-bot')) as DialogState | undefined);
    if (!state?.reportId) {
      if (STEPS === undefined || STEPS >= 4) lost++; // a cut script may stop before the report is opened (the 4th message)
      continue;
    }
    const { model } = await loadReportModel(database.db, state.reportId);
    if (STEPS === undefined && !isDeepStrictEqual(strip(model), strip(fixture))) different++; // a cut script fills part of it
    const history = await database.db.answerHistory.groupBy({ by: ['fieldKey', 'itemId'], where: { reportId: state.reportId }, _count: { _all: true } });
    duplicated += history.filter((h) => h._count._all !== 1).length;
    const answers = await database.db.answer.count({ where: { reportId: state.reportId } });
    lost += Math.max(0, answers - history.length);
  }
  return { lost, duplicated, different };
}

type Driven = Awaited<ReturnType<typeof drive>>;

function report(r: {
  script: string[];
  run: Driven;
  base: Driven;
  builds: BuildsRun | undefined;
  echoBuilds: BuildsRun | undefined;
  botRss: number[];
  echoRss: number;
  leader: number;
  answers: { lost: number; duplicated: number; different: number };
  probeDir: string;
  loadAtStart: string;
}): void {
  const probe = (name: string): Probe | undefined => {
    try {
      return JSON.parse(readFileSync(join(r.probeDir, `${name}.json`), 'utf8')) as Probe;
    } catch {
      return undefined;
    }
  };
  const { run, base, echoRss } = r;
  // the highest of VmHWM read before stopping and what the probe sampled until the process exited
  const botRss = r.botRss.map((mb, i) => Math.max(mb, probe(`bot${i}`)?.memory?.rssMb ?? 0));
  const turns = run.latencies.length;
  const p50 = pct(run.latencies, 50);
  const row = (k: string, v: string, target = '') => console.log(`| ${k} | ${v} | ${target} |`);
  const think = THINK_MS ? `思考时间平均 ${THINK_MS} ms（0.5–1.5 倍均匀分布）` : '无思考时间（收到回复立即发下一条）';
  const db = POSTGRES ? `PostgreSQL，${INSTANCES} 个机器人进程` : 'SQLite';
  console.log(`\n### 负载测试（${new Date().toISOString().slice(0, 10)}，${USERS} 人并发，每人 ${r.script.length} 条消息，${think}，${db}，Node ${process.version}）\n`);
  console.log(`机器负载（1/5/15 分钟平均，uptime）：开始 ${r.loadAtStart}，结束 ${load()}\n`);
  console.log('| 指标 | 结果 | 目标 |\n|---|---|---|');
  row('处理轮次', `${turns}（${(turns / run.seconds).toFixed(0)} 轮/秒，共 ${run.seconds.toFixed(1)} 秒）`);
  row('单轮延迟 p50 / p95 / p99', `${p50.toFixed(2)} / ${pct(run.latencies, 95).toFixed(1)} / ${pct(run.latencies, 99).toFixed(1)} ms`, POSTGRES ? 'p99 ≤ 100 ms' : 'p99 ≤ 50 ms');
  row('回声基线 p50 / p95 / p99', `${pct(base.latencies, 50).toFixed(2)} / ${pct(base.latencies, 95).toFixed(1)} / ${pct(base.latencies, 99).toFixed(1)} ms`);
  row('p50 与回声基线之比', `${(p50 / pct(base.latencies, 50)).toFixed(2)} ×`);
  const ms = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(0));
  row('走完填报后的生成报告（发出“确认生成”到收到文件）中位数', `${ms(pct(run.generation, 50))} ms（p95 ${ms(pct(run.generation, 95))} ms，最长 ${ms(run.generation.at(-1))} ms）`);
  const rss = botRss.map((mb, i) => `${INSTANCES > 1 ? `进程 ${i + 1}${i === r.leader ? '（主，持有长连接）' : '（待命）'} ` : ''}${mb} MB`).join('，');
  row('机器人进程峰值内存（RSS）', `${rss}（回声进程 ${echoRss} MB）`, '每个 ≤ 400 MB');
  row('没有回复的消息 / 没有收到文件的人', `${run.unanswered} / ${run.noFile}`, '0 / 0');
  row('丢失 / 重复 / 与示例数据不一致的答案', `${r.answers.lost} / ${r.answers.duplicated} / ${r.answers.different}`, '0 / 0 / 0');
  if (r.builds) {
    const b = r.builds;
    const three = (xs: number[]) => `${ms(pct(xs, 50))} / ${ms(pct(xs, 95))} / ${ms(xs.at(-1))} ms`;
    row(`${BUILDS} 人同时点“确认生成”：收到“正在生成”答复 p50 / p95 / 最长`, `${three(b.told)}（回声基线 ${r.echoBuilds ? three(r.echoBuilds.told) : '—'}）`, '立即');
    const stated = b.places.filter((p) => p !== undefined);
    const distinct = new Set(stated).size;
    row('答复中说明了排队位置', `${stated.length} / ${BUILDS}（互不相同的位置 ${distinct} 个，最靠后“前面还有 ${Math.max(0, ...stated)} 份”）`, `${BUILDS} / ${BUILDS}`);
    row(`${BUILDS} 人同时点“确认生成”：收到文件 p50 / p95 / 最长`, `${three(b.file)}（${b.unanswered} 人没有答复，${b.missing} 人没有收到文件）`, 'p95 ≤ 5000 ms');
  }
  // What each process spent itself (scripts/bench-probe.mjs): CPU per turn, event-loop delay, GC.
  const [botProbe, echoProbe] = [probe(`bot${r.leader}`), probe('echo')];
  if (botProbe && echoProbe) {
    const perTurn = (p: Probe, n: number) => (p.cpuMs / n).toFixed(2);
    row('进程 CPU 时间 / 轮（含启动和生成报告；主进程）', `机器人 ${perTurn(botProbe, turns)} ms，回声 ${perTurn(echoProbe, base.latencies.length)} ms`);
    const loop = (p: Probe) => `${p.loopDelayMs.p50.toFixed(1)} / ${p.loopDelayMs.p99.toFixed(1)} / ${p.loopDelayMs.max.toFixed(0)}`;
    row('事件循环延迟 p50 / p99 / 最大（主进程）', `机器人 ${loop(botProbe)} ms，回声 ${loop(echoProbe)} ms`);
    const gc = (p: Probe) => `${p.gc.count} 次共 ${(p.gc.totalMs / 1000).toFixed(1)} s，最长 ${p.gc.maxMs.toFixed(0)} ms（全量 ${p.gc.majorCount} 次共 ${(p.gc.majorMs / 1000).toFixed(1)} s）`;
    const m = botProbe.memory;
    if (m) row('主进程内存峰值时的构成（每 100 ms 采样）', `RSS ${m.rssMb} MB：主线程 V8 堆 ${m.heapTotalMb} MB${m.heapUsedMb === undefined ? '' : `（其中已用 ${m.heapUsedMb} MB，新生代 ${m.newSpaceMb} MB）`}，堆外 ${m.externalMb} MB，其余（工作线程、SQLite、代码和 Node 本身）${m.rssMb - m.heapTotalMb - m.externalMb} MB`);
    row('垃圾回收暂停', `机器人 ${gc(botProbe)}；回声 ${gc(echoProbe)}`);
  }

  // --timeline FILE: every turn of the bot's run as a line [seconds since start, ms, script index]
  if (TIMELINE) writeFileSync(TIMELINE, run.timeline.map((x) => JSON.stringify(x)).join('\n') + '\n');

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
  // and by step of the script: the five messages with the slowest p99 (every person sends each once)
  const steps = new Map<number, number[]>();
  for (const [, ms, i] of run.timeline) {
    if (!steps.has(i)) steps.set(i, []);
    steps.get(i)!.push(ms);
  }
  const slowest = [...steps].map(([i, l]) => ({ i, l: l.sort((a, b) => a - b) })).sort((a, b) => pct(b.l, 99) - pct(a.l, 99)).slice(0, 5);
  console.log('\n最慢的五步（脚本第几条：p50 / p99）：' + slowest.map(({ i, l }) => `第 ${i + 1} 条「${r.script[i]!.slice(0, 8)}」${pct(l, 50).toFixed(1)} / ${pct(l, 99).toFixed(0)} ms`).join('；'));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
