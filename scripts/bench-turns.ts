/**
 * The bot's own cost per chat turn, without the transport (not a test: it reports, never asserts
 * a time). N users replay the seed script in process through `Bot.handleTurn` on a SQLite file
 * opened as the server opens it (WAL, checkpoints in a worker thread), interleaved user by user,
 * in two passes of the same run:
 *
 * - back to back: the next turn starts on the next setImmediate;
 * - idle gaps: the process sleeps `--gap` ms before every turn. The load test's arrival rate
 *   (~96 messages/s) leaves about 10 ms between turns.
 *
 * Both passes run the same code on the same data; the difference is what the machine does to a
 * process that went idle between turns (see docs/performance.md). Report generation is left out (the
 * load test measures it).
 *
 *   npm run bench:turns -- [--users 5] [--gap 10]
 *
 * The p50 of each quarter of the script shows how a turn's cost grows as the report fills up (the
 * load test's p50 rises through the run for the same reason: its users walk the script in step).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Bot } from '../src/bot/bot.js';
import { openDatabase } from '../src/store/db.js';
import { arg } from './args.js';
import { pct, Quarters } from './percentile.js';
import { recordChatScript } from './seed-script.js';

const USERS = Number(arg('users') ?? 5);
const GAP_MS = Number(arg('gap') ?? 10);

/** Read and write system calls of this process so far (Linux), for calls per turn. */
function syscalls(): { r: number; w: number } | undefined {
  try {
    const io = readFileSync('/proc/self/io', 'utf8');
    return { r: Number(/syscr: (\d+)/.exec(io)![1]), w: Number(/syscw: (\d+)/.exec(io)![1]) };
  } catch {
    return undefined;
  }
}


async function main(): Promise<void> {
  const script = await recordChatScript();
  const dir = mkdtempSync(join(tmpdir(), 'jx-bench-turns-'));
  const database = await openDatabase(`file:${join(dir, 'turns.db')}`, { backgroundCheckpoints: true });
  const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
  let n = 0;
  const pass = async (prefix: string, pause: () => Promise<unknown>) => {
    const times: number[] = [];
    const quarters = new Quarters(script.length);
    const before = syscalls();
    for (const [i, text] of script.entries()) {
      for (let u = 0; u < USERS; u++) {
        await pause();
        const t = performance.now();
        await bot.handleTurn({ channel: 'wecom-bot', userExternalId: `wecom:${prefix}${u}`, text, messageId: `bench-${n++}`, buttons: true });
        times.push(performance.now() - t);
        quarters.add(i, performance.now() - t);
      }
    }
    const after = syscalls();
    times.sort((a, b) => a - b);
    const per = (k: 'r' | 'w') => (before && after ? ((after[k] - before[k]) / times.length).toFixed(1) : '—');
    return { times, quarters, reads: per('r'), writes: per('w') };
  };
  const warm = await pass('w', () => new Promise((r) => setImmediate(r)));
  const idle = await pass('g', () => sleep(GAP_MS));
  await database.close();
  rmSync(dir, { recursive: true, force: true });

  console.log(`\n### 单轮代价（进程内，不经传输；${USERS} 人交错，每人 ${script.length} 条消息，不含生成报告，SQLite，Node ${process.version}，${new Date().toISOString().slice(0, 10)}）\n`);
  console.log('| 方式 | 单轮 p50 / p90 / p99 | 按脚本四段的 p50 | 每轮读 / 写系统调用 |\n|---|---|---|---|');
  const row = (name: string, r: typeof warm) =>
    console.log(
      `| ${name} | ${pct(r.times, 50).toFixed(3)} / ${pct(r.times, 90).toFixed(3)} / ${pct(r.times, 99).toFixed(2)} ms | ${r.quarters.p50s().map((q) => q.toFixed(2)).join(' / ')} ms | ${r.reads} / ${r.writes} |`,
    );
  row('背靠背', warm);
  row(`每轮前空闲 ${GAP_MS} ms`, idle);
  console.log(`\n空闲时 p50 是背靠背的 ${(pct(idle.times, 50) / pct(warm.times, 50)).toFixed(2)} 倍。`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
