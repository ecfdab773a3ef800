import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Bot } from '../src/bot/bot.js';
import { openDatabase, sqlitePath } from '../src/store/db.js';
import { ROOT, startServer } from './helpers/process.js';

describe('SQLite is busy', () => {
  it('a turn waits for another process’s write lock and then succeeds; one answer per message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jx-busy-'));
    const url = `file:${join(dir, 'busy.db')}`;
    const database = await openDatabase(url);
    const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
    for (const m of ['创建单位', '繁忙测试', '正科级', '2024']) await bot.handleMessage({ channel: 't', userExternalId: 'u', text: m });

    // Another process takes the write lock and holds it for a while.
    const holder = spawn(process.execPath, ['-e', `
      const D = require(${JSON.stringify(join(ROOT, 'node_modules/better-sqlite3'))});
      const db = new D(${JSON.stringify(sqlitePath(url))});
      db.exec('BEGIN IMMEDIATE');
      console.log('locked');
      setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, 800);
    `]);
    await new Promise<void>((resolve) => holder.stdout.on('data', (b: Buffer) => String(b).includes('locked') && resolve()));
    expect(holder.exitCode).toBeNull(); // the lock is held while the turn starts
    const replies = await bot.handleMessage({ channel: 't', userExternalId: 'u', text: '编制数 11 实有人数 9', messageId: 'busy-1' });
    expect(replies.map((r) => r.text).join('\n')).toContain('已记录：编制数 11人；实有人数 9人');
    expect(await bot.handleMessage({ channel: 't', userExternalId: 'u', text: '编制数 11 实有人数 9', messageId: 'busy-1' })).toEqual([]);
    const rows = await database.db.answerHistory.findMany({ where: { fieldKey: 'staff.authorized' } });
    expect(rows).toHaveLength(1);
    await database.close();
  }, 180_000);
});

describe('graceful shutdown', () => {
  it('on SIGTERM the server stops taking messages, finishes, closes the database and exits 0', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'jx-term-'));
    const p = startServer({ cwd });
    const base = (await p.waitFor(/已启动/)).match(/http:\/\/\S+/)![0].replace(/\/$/, '').replace('localhost', '127.0.0.1');
    const post = (text: string) => fetch(`${base}/api/chat/message`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: '关机', text }) });
    for (const m of ['创建单位', '关机测试', '正科级', '2024']) expect((await post(m)).status).toBe(200);
    const inFlight = post('编制数 11 实有人数 9');
    p.child.kill('SIGTERM');
    const answered = await inFlight.then((r) => r.status).catch(() => 'refused');
    expect(await p.exited).toBe(0);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow(); // no longer taking requests
    const d = await openDatabase(`file:${join(cwd, 'data/jixiao.db')}`);
    const stored = await d.db.answer.findFirst({ where: { fieldKey: 'staff.authorized' } });
    // a request that got an answer was stored; one that was refused was not half-stored
    if (answered === 200) expect(stored?.value).toBe('11');
    else expect(stored).toBeNull();
    await d.close();
    expect(p.output()).not.toMatch(/Error|unhandled/i);
  }, 180_000);
});
