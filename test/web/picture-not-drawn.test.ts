import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWebApp } from '../helpers/webapp.js';

// A server without the CJK font: every picture fails as the real renderer does then.
vi.mock('../../src/export/background-thread.js', async (original) => {
  const { PictureError } = await import('../../src/picture/picture-error.js');
  const real = await original<typeof import('../../src/export/background-thread.js')>();
  const background = new real.BackgroundThread();
  Object.assign(background, {
    picture: async () => {
      throw new PictureError('PICTURE_NO_FONT', 'no Noto Sans CJK font found (install fonts-noto-cjk)');
    },
  });
  return { ...real, background };
});

describe('web chat: a score picture that cannot be drawn', () => {
  let app: Awaited<ReturnType<typeof startWebApp>>;
  beforeAll(async () => {
    app = await startWebApp();
  });
  afterAll(() => app.stop());
  const chat = async (text: string) =>
    (await (await fetch(app.url + '/api/chat/message', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: '戊', text }) })).json()) as {
      replies: { text: string; picture?: { url: string } }[];
    };

  it('得分 still answers its text; the picture link answers 503 with what happened, in Chinese, and is logged', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const t of ['创建单位', '无字体单位', '正科级', '2024']) await chat(t);
    const scored = await chat('得分');
    const reply = scored.replies.find((r) => r.picture)!;
    expect(reply.text).toContain('回复「得分 详细」看全部');
    const res = await fetch(app.url + reply.picture!.url);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { message: string }).message).toBe('得分图未能发送，分数见上文。');
    expect(warn.mock.calls.flat().join(' ')).toContain('PICTURE_NO_FONT');
    warn.mockRestore();
  });
});
