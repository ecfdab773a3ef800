import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { Bot } from '../src/bot/bot.js';
import { readConfig } from '../src/config.js';
import { createApp } from '../src/server.js';

describe('server', () => {
  const server = createApp({ config: readConfig({ PORT: '0' }) }).listen(0, '127.0.0.1');
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  it('/healthz reports the default rule set', async () => {
    const res = await fetch(`${url()}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', ruleSet: { id: 'yueyang-reference', version: 1 } });
  });

  it('/healthz reports each channel’s state, with a stable code instead of the raw error text', async () => {
    let clock = Date.parse('2026-12-01T08:00:00Z');
    let wecomBot: Record<string, unknown> = { enabled: true, connected: false, lastError: 'connect ECONNREFUSED 10.9.8.7:443 (secret abc123)' };
    const wecomApp: Record<string, unknown> = { enabled: true, lastCallbackAt: null, lastError: 'WeCom API message/send failed: 60020 not allow to access from your ip, from ip: 203.0.113.9', sent: 3 };
    const app = createApp({ config: readConfig({}), health: () => ({ wecomBot, wecomApp }), now: () => clock }).listen(0, '127.0.0.1');
    await new Promise((r) => app.once('listening', r));
    const channels = async () => ((await (await fetch(`http://127.0.0.1:${(app.address() as AddressInfo).port}/healthz`)).json()) as { channels: Record<string, unknown> }).channels;
    const first = await channels();
    expect(first).toEqual({
      wecomBot: { enabled: true, connected: false, lastError: { code: 'ECONNREFUSED', seenAt: '2026-12-01T08:00:00.000Z' } },
      wecomApp: { enabled: true, lastCallbackAt: null, lastError: { code: 'wecom_60020', seenAt: '2026-12-01T08:00:00.000Z' }, sent: 3 },
    });
    expect(JSON.stringify(first)).not.toMatch(/10\.9\.8\.7|abc123|203\.0\.113|allow/);
    // the same error keeps the time it was first seen; a new one gets a new time; none is null
    clock += 60_000;
    expect(((await channels()).wecomBot as { lastError: unknown }).lastError).toEqual({ code: 'ECONNREFUSED', seenAt: '2026-12-01T08:00:00.000Z' });
    wecomBot = { ...wecomBot, lastError: 'unexpected server response: 502' };
    expect(((await channels()).wecomBot as { lastError: unknown }).lastError).toEqual({ code: 'error', seenAt: '2026-12-01T08:01:00.000Z' });
    wecomBot = { ...wecomBot, lastError: null };
    expect(((await channels()).wecomBot as { lastError: unknown }).lastError).toBeNull();
    await new Promise<void>((r) => app.close(() => r()));
  });

  it.each([
    ['no WeCom channel', {}, true],
    ['the 智能机器人', { WECOM_BOT_ID: 'b', WECOM_BOT_SECRET: 's' }, false],
    ['the 自建应用', { WECOM_CORP_ID: 'c', WECOM_AGENT_ID: '1', WECOM_AGENT_SECRET: 's', WECOM_TOKEN: 't', WECOM_ENCODING_AES_KEY: 'k'.repeat(43) }, false],
    ['the 智能机器人 and WEB_CHAT=on', { WECOM_BOT_ID: 'b', WECOM_BOT_SECRET: 's', WEB_CHAT: 'on' }, true],
  ])('with %s the web chat is served: %s', async (_n, env, served) => {
    // The web chat's routes are mounted or not; the bot itself is not reached here.
    const app = createApp({ config: readConfig(env), bot: {} as Bot }).listen(0, '127.0.0.1');
    await new Promise((r) => app.once('listening', r));
    const base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/`)).status).toBe(served ? 200 : 404);
    expect(((await (await fetch(`${base}/healthz`)).json()) as { webChat: boolean }).webChat).toBe(served);
    await new Promise<void>((r) => app.close(() => r()));
  });

  it('refuses a start-up with an unknown default rule set', () => {
    expect(() => createApp({ config: readConfig({ RULESET_DEFAULT: 'no-such-set' }) })).toThrow(/找不到评分规则集/);
  });

  it('treats an empty variable as unset', () => {
    expect(readConfig({ DATABASE_URL: '', PORT: ' ' })).toMatchObject({ DATABASE_URL: 'file:./data/jixiao.db', PORT: 3000 });
  });

  it('refuses a bad PORT with a clear line', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/环境变量配置有误.*PORT/);
  });
});
