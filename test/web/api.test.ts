import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWebApp } from '../helpers/webapp.js';

describe('web chat API', () => {
  let app: Awaited<ReturnType<typeof startWebApp>>;
  beforeAll(async () => {
    app = await startWebApp();
  });
  afterAll(() => app.stop());
  const post = (path: string, body: unknown, raw = false) =>
    fetch(app.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: raw ? (body as string) : JSON.stringify(body) });
  const chat = async (user: string, text: string) => (await (await post('/api/chat/message', { user, text })).json()) as { replies: { text: string; file?: { url: string } }[]; progress: { done: number; total: number } | null };

  it('serves the page and its script locally with a strict content security policy', async () => {
    const page = await fetch(app.url + '/');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('本地试用页面');
    expect(html).not.toMatch(/https?:\/\//); // no CDN
    expect((await fetch(app.url + '/app.js')).status).toBe(200);
  });

  it.each([
    ['no user', {}],
    ['an empty name', { user: '' }],
    ['a name of 33 characters', { user: 'x'.repeat(33) }],
    ['a name with markup', { user: '<b>x</b>' }],
    ['a user that is not a string', { user: 42 }],
  ])('refuses %s with 400', async (_n, body) => {
    const res = await post('/api/chat/enter', body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 400, message: '请先输入您的名字（1–32 个字，可用中文、字母、数字）。' });
  });

  it('refuses a body that is not JSON (400) or too large (413), without internals', async () => {
    const bad = await post('/api/chat/message', '{"user": "甲", ', true);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 400, message: '请求内容不是有效的 JSON。' });
    const big = await post('/api/chat/message', { user: '甲', text: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
    const text = await big.text();
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    const noText = await post('/api/chat/message', { user: '甲', text: 5 });
    expect(noText.status).toBe(400);
    const tooLong = await post('/api/chat/message', { user: '甲', text: '字'.repeat(10_001) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toEqual({ error: 400, message: '消息须为文字，且不超过 10000 字。' });
  });

  it('chats: a unit named <script> comes back as plain data, and the progress is reported', async () => {
    await chat('甲', '创建单位');
    await chat('甲', '<script>alert(1)</script>');
    const created = await chat('甲', '正科级');
    expect(created.replies[0]!.text).toBe('已创建单位「<script>alert(1)</script>」，您是本单位管理员。回复「邀请」可生成邀请码请同事加入。');
    const opened = await chat('甲', '2024');
    expect(opened.progress).toMatchObject({ done: 3, year: 2024 });
    expect(opened.progress!.total).toBeGreaterThan(80);
  });

  it('downloads: only members of the unit get the file; a guessed id or an unknown user gets 404', async () => {
    await chat('甲', '生成报告');
    const done = await chat('甲', '确认生成');
    const url = done.replies.find((r) => r.file)!.file!.url;
    const ok = await fetch(app.url + url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toContain("filename*=UTF-8''2024");
    const bytes = new Uint8Array(await ok.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // a zip: the DOCX
    // another unit's user
    await chat('乙', '创建单位');
    await chat('乙', '别的单位');
    await chat('乙', '正科级');
    const asOther = await fetch(app.url + url.replace(/user=[^&]+/, `user=${encodeURIComponent('乙')}`));
    expect(asOther.status).toBe(404);
    const unknown = await fetch(app.url + url.replace(/user=[^&]+/, 'user=nobody'));
    expect(unknown.status).toBe(404);
    const guessed = await fetch(`${app.url}/api/chat/file/00000000-0000-0000-0000-000000000000?user=${encodeURIComponent('甲')}`);
    expect(guessed.status).toBe(404);
    expect(await guessed.json()).toEqual({ error: 404, message: '找不到这个文件，或您无权下载。' });
  });

  it('a download link expires after 7 days: 410 with what to do, for members only', async () => {
    await chat('甲', '生成报告');
    const url = (await chat('甲', '确认生成')).replies.find((r) => r.file)!.file!.url;
    const id = decodeURIComponent(url.match(/\/api\/chat\/file\/([^?]+)/)![1]!);
    const age = async (days: number) => app.database.db.generatedFile.update({ where: { id }, data: { createdAt: new Date(Date.now() - days * 24 * 3600 * 1000) } });
    await age(6.5);
    expect((await fetch(app.url + url)).status).toBe(200);
    await age(7.5);
    const expired = await fetch(app.url + url);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toEqual({ error: 410, message: '下载链接已过期（有效期 7 天）。请在对话中回复「生成报告」重新生成。' });
    // someone else still learns nothing about the file
    expect((await fetch(app.url + url.replace(/user=[^&]+/, `user=${encodeURIComponent('乙')}`))).status).toBe(404);
  });

  it('passes the client address with every web message, so limits per address can apply', async () => {
    const message = vi.spyOn(app.bot, 'handleMessage');
    const enter = vi.spyOn(app.bot, 'enter');
    try {
      await post('/api/chat/enter', { user: '丙' });
      await chat('丙', '帮助');
      expect(enter.mock.calls[0]![0]).toMatchObject({ userExternalId: 'web:丙', address: expect.stringMatching(/127\.0\.0\.1$/) });
      expect(message.mock.calls[0]![0]).toMatchObject({ userExternalId: 'web:丙', text: '帮助', address: expect.stringMatching(/127\.0\.0\.1$/) });
    } finally {
      message.mockRestore();
      enter.mockRestore();
    }
  });
});

describe('client address behind a reverse proxy', () => {
  const forwarded = async (env: Record<string, string>) => {
    const web = await startWebApp(env);
    const message = vi.spyOn(web.bot, 'handleMessage');
    try {
      const res = await fetch(`${web.url}/api/chat/message`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '203.0.113.9' },
        body: JSON.stringify({ user: '丁', text: '帮助' }),
      });
      expect(res.status).toBe(200);
      return message.mock.calls[0]![0].address;
    } finally {
      message.mockRestore();
      await web.stop();
    }
  };

  it('X-Forwarded-For is believed only with TRUST_PROXY=on (a client could forge it)', async () => {
    expect(await forwarded({})).toMatch(/127\.0\.0\.1$/);
    expect(await forwarded({ TRUST_PROXY: 'on' })).toBe('203.0.113.9');
  });
});
