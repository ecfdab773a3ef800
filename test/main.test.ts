import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startServer } from './helpers/process.js';

describe('npm start', () => {
  it('creates data/jixiao.db with all tables on first start; a second start applies nothing', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'jx-start-'));
    const first = startServer({ cwd, env: { DATABASE_URL: '' } });
    expect(await first.waitFor(/已应用迁移/)).toContain('20261128000000_init');
    const url = (await first.waitFor(/已启动/)).match(/http:\/\/\S+/)![0];
    const health = (await (await fetch(new URL('/healthz', url))).json()) as { status: string; database: { provider: string } };
    expect(health).toMatchObject({ status: 'ok', database: { provider: 'sqlite' } });
    expect(await first.stop()).toBe(0);

    const file = join(cwd, 'data/jixiao.db');
    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    db.close();
    expect(tables).toEqual(expect.arrayContaining(['Answer', 'AnswerHistory', 'AuditLog', 'ConversationState', 'GeneratedFile', 'GroupItem', 'Invite', 'Membership', 'ProcessedMessage', 'Report', 'Unit', 'User', '_prisma_migrations']));

    const second = startServer({ cwd, env: { DATABASE_URL: '' } });
    expect(await second.waitFor(/数据库/)).toContain('结构已是最新');
    await second.waitFor(/已启动/);
    await second.stop();
  }, 180_000);

  it('with the web chat on it listens on 127.0.0.1 unless HOST is set, prints the address really bound, and warns when that is not loopback', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'jx-start-'));
    const local = startServer({ cwd, env: { HOST: '' } }); // HOST not set
    const line = await local.waitFor(/已启动/);
    expect(line).toMatch(/已启动：http:\/\/127\.0\.0\.1:\d+\/ （网页聊天 \/，健康检查 \/healthz）$/);
    expect((await fetch(new URL('/healthz', line.match(/http:\/\/\S+/)![0]))).status).toBe(200);
    expect(await local.stop()).toBe(0);
    expect(local.output()).not.toMatch(/安全警告|localhost/);

    const open = startServer({ cwd, env: { HOST: '0.0.0.0' } });
    const port = (await open.waitFor(/已启动/)).match(/已启动：http:\/\/0\.0\.0\.0:(\d+)\//)![1];
    expect(await open.waitFor(/安全警告/)).toMatch(/网页聊天已开启，且服务监听在 0\.0\.0\.0.*没有登录.*WEB_CHAT=off/);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(await open.stop()).toBe(0);
  }, 180_000);

  it('a DATABASE_URL it cannot use stops start-up with one clear line', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'jx-start-'));
    const p = startServer({ cwd, env: { DATABASE_URL: 'mysql://x' } });
    const code = await p.exited;
    expect(code).toBe(1);
    const lines = p.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[DB_URL_INVALID\] DATABASE_URL「mysql:\/\/x」无法识别/);
  }, 180_000);
});
