import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp } from '../helpers/webapp.js';

describe('web chat: the score picture', () => {
  let app: Awaited<ReturnType<typeof startWebApp>>;
  beforeAll(async () => {
    app = await startWebApp();
  });
  afterAll(() => app.stop());
  type Body = { replies: { text: string; picture?: { url: string; alt: string } }[] };
  const chat = async (user: string, text: string) =>
    (await (await fetch(app.url + '/api/chat/message', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user, text }) })).json()) as Body;

  it('得分 links a PNG of the score for the person only; 得分 详细 has none', async () => {
    for (const t of ['创建单位', '图单位', '正科级', '2024']) await chat('丙', t);
    const scored = await chat('丙', '得分');
    const reply = scored.replies.find((r) => r.picture)!;
    expect(reply.text).toContain('回复「得分 详细」看全部');
    expect(reply.picture!.alt).toMatch(/^得分图：\d+\.\d\d 分，/);
    expect(reply.picture!.url).toMatch(/^\/api\/chat\/picture\/[0-9a-f-]{36}\?user=%E4%B8%99$/);

    const res = await fetch(app.url + reply.picture!.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    expect(png.width).toBe(780);
    expect(png.height).toBeGreaterThan(400);

    const id = reply.picture!.url.split('/').pop()!.split('?')[0]!;
    expect((await fetch(`${app.url}/api/chat/picture/${id}?user=${encodeURIComponent('丁')}`)).status).toBe(404); // another person
    expect((await fetch(`${app.url}/api/chat/picture/${id}`)).status).toBe(404); // no person
    expect((await fetch(`${app.url}/api/chat/picture/00000000-0000-0000-0000-000000000000?user=${encodeURIComponent('丙')}`)).status).toBe(404);

    const detail = await chat('丙', '得分 详细');
    expect(detail.replies.some((r) => r.picture)).toBe(false);
    expect(detail.replies[0]!.text).toContain('在职人员控制率');
  });
});
