import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
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

  it('/healthz reports each channel’s state', async () => {
    const app = createApp({ config: readConfig({}), health: () => ({ wecomBot: { enabled: true, connected: false, lastError: 'x' } }) }).listen(0, '127.0.0.1');
    await new Promise((r) => app.once('listening', r));
    const body = (await (await fetch(`http://127.0.0.1:${(app.address() as AddressInfo).port}/healthz`)).json()) as { channels: unknown };
    expect(body.channels).toEqual({ wecomBot: { enabled: true, connected: false, lastError: 'x' } });
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
