/**
 * Two versions of the bot in one process, turn for turn (not a test: it reports, never asserts a
 * time). A change of a few per cent to the cost of a turn is smaller than what separates one run
 * of `bench` or `bench:turns` from the next on these machines; measured side by side in the same
 * run, under the same noise, it shows.
 *
 * A is the code of a git revision (default HEAD), exported to a temporary folder with its own
 * Prisma clients and migrations; B is the working tree. Each gets its own SQLite file, opened as
 * the server opens it. N users replay the seed script (without 生成报告); every message goes to
 * both bots, alternating which goes first, with an idle gap before each turn (the load test's
 * regime, see docs/performance.md). The first pass warms up; the second is measured.
 *
 * The two halves are not perfectly symmetric (module order, file placement): run it once with
 * `--rev` at the working tree's own commit and no changes to see the floor (here B/A 0.96–1.02).
 *
 *   npm run bench:ab -- [--rev HEAD] [--users 5] [--gap 10]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { arg } from './args.js';
import { pct, Quarters } from './percentile.js';
import { recordChatScript } from './seed-script.js';

const REV = arg('rev') ?? 'HEAD';
const USERS = Number(arg('users') ?? 5);
const GAP_MS = Number(arg('gap') ?? 10);
const root = resolve(import.meta.dirname, '..');

type BotModule = typeof import('../src/bot/bot.js');
type DbModule = typeof import('../src/store/db.js');
type Turner = { handleTurn: InstanceType<BotModule['Bot']>['handleTurn'] };

/** The revision's sources in a folder of their own, with their own generated Prisma clients. */
function exportRevision(rev: string, dir: string): string {
  const commit = execFileSync('git', ['rev-parse', '--short', rev], { cwd: root, encoding: 'utf8' }).trim();
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${commit} src scripts prisma rulesets fonts package.json | tar -x -C "${dir}"`], { cwd: root });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, [join(dir, 'scripts/prisma-generate.mjs')], { cwd: dir, stdio: 'ignore' });
  return commit;
}

async function open(from: string, dir: string): Promise<{ bot: Turner; close: () => Promise<void> }> {
  const { Bot } = (await import(pathToFileURL(join(from, 'src/bot/bot.ts')).href)) as BotModule;
  const { openDatabase } = (await import(pathToFileURL(join(from, 'src/store/db.ts')).href)) as DbModule;
  const database = await openDatabase(`file:${join(dir, 'ab.db')}`, { backgroundCheckpoints: true });
  return { bot: new Bot({ database, defaultRuleSetId: 'yueyang-reference' }), close: () => database.close() };
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'jx-bench-ab-'));
  try {
    const commit = exportRevision(REV, join(tmp, 'a'));
    const script = await recordChatScript();
    mkdirSync(join(tmp, 'db-a'));
    mkdirSync(join(tmp, 'db-b'));
    const sides = [await open(join(tmp, 'a'), join(tmp, 'db-a')), await open(root, join(tmp, 'db-b'))];
    const times: [number[], number[]] = [[], []];
    // a change to how a fuller report is handled shows in the last quarter first
    const quarters = [new Quarters(script.length), new Quarters(script.length)] as const;
    let n = 0;
    let pair = 0;
    for (const pass of ['warm', 'measured']) {
      for (const [i, text] of script.entries()) {
        for (let u = 0; u < USERS; u++) {
          pair++;
          for (const k of [0, 1]) {
            const side = (pair + k) % 2; // A first in one pair, B first in the next
            await sleep(GAP_MS);
            const t = performance.now();
            await sides[side]!.bot.handleTurn({ channel: 'wecom-bot', userExternalId: `wecom:${pass}${u}`, text, messageId: `ab-${n++}`, buttons: true });
            const took = performance.now() - t;
            if (pass === 'measured') {
              times[side]!.push(took);
              quarters[side]!.add(i, took);
            }
          }
        }
      }
    }
    await Promise.all(sides.map((s) => s.close()));
    const [a, b] = times.map((t) => t.sort((x, y) => x - y)) as [number[], number[]];
    const [qa, qb] = quarters.map((q) => q.p50s()) as [number[], number[]];
    const row = (name: string, t: number[], q: number[]) =>
      `| ${name} | ${pct(t, 50).toFixed(3)} / ${pct(t, 90).toFixed(3)} / ${pct(t, 99).toFixed(2)} ms | ${q.map((x) => x.toFixed(2)).join(' / ')} ms |`;
    console.log(`\n### 同一进程内对比（${USERS} 人交错，每人 ${script.length} 条消息，每轮前空闲 ${GAP_MS} ms，SQLite，Node ${process.version}，${new Date().toISOString().slice(0, 10)}）\n`);
    console.log('| 版本 | 单轮 p50 / p90 / p99 | 按脚本四段的 p50 |\n|---|---|---|');
    console.log(row(`A：${commit}`, a, qa));
    console.log(row('B：工作区', b, qb));
    const ratios = qb.map((q, k) => (q / qa[k]!).toFixed(2)).join(' / ');
    console.log(`\nB / A（p50）= ${(pct(b, 50) / pct(a, 50)).toFixed(3)}，（p90）= ${(pct(b, 90) / pct(a, 90)).toFixed(3)}，按四段 ${ratios}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
