import { XMLParser } from 'fast-xml-parser';
import { request, type ClientRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { UserQueues } from '../../src/bot/queue.js';
import { WecomApi } from '../../src/bot/wecom-api.js';
import { CHANNEL, encryptedField, wecomAppRouter } from '../../src/bot/wecom-app.js';
import { readConfig } from '../../src/config.js';
import { createApp } from '../../src/server.js';
import type { Database } from '../../src/store/db.js';
import { testDatabases } from '../helpers/databases.js';
import { APP, FakeWecomApi, postCallback, signedCallback, appText } from '../helpers/fake-wecom-api.js';

/**
 * Hostile callbacks (issue 22, "work before authentication"): nothing unauthenticated is parsed,
 * nothing is read before the query is checked, no body is held past 64 KB or past its timeout,
 * and a client that goes away costs one log line.
 */
const [t] = testDatabases();
/** The body limit (a WeCom callback is a few KB). */
const MAX_BODY = 64 * 1024;
let seq = 0;
const textMsg = appText;

async function waitUntil(ok: () => boolean): Promise<void> {
  const end = Date.now() + 120_000; // backstop for a loaded machine
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Answer {
  status: number;
  body: string;
  /** Resolves when the server has closed the connection. */
  closed: Promise<void>;
}

/** A POST to the callback written by hand: `send` writes (some of) the body and may never end it. */
function rawPost(base: string, query: string, headers: Record<string, string | number>, send: (req: ClientRequest) => void): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/wecom/callback?${query}`, { method: 'POST', headers: { 'Content-Type': 'text/xml', ...headers }, agent: false });
    const closed = new Promise<void>((r) => req.on('close', () => r()));
    req.on('error', () => undefined);
    req.on('response', (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, closed }));
      res.on('error', reject);
    });
    req.flushHeaders();
    send(req);
  });
}

describe('the 自建应用 callback under hostile input', { timeout: 180_000 }, () => {
  let database: Database;
  let fake: FakeWecomApi;
  let server: Server;
  let url: string;
  const logs: string[] = [];

  beforeAll(async () => {
    database = await t!.open();
    fake = new FakeWecomApi();
    await fake.start();
    const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
    const api = new WecomApi({ corpId: APP.corpId, agentId: APP.agentId, secret: APP.secret, base: fake.url });
    const channel = wecomAppRouter({
      bot,
      database,
      queues: new UserQueues(),
      api,
      corpId: APP.corpId,
      token: APP.token,
      aesKey: APP.aesKey,
      bodyTimeoutMs: 300,
      log: (level, msg) => void logs.push(`${level} ${msg}`),
    });
    await channel.recovered;
    server = createApp({ config: readConfig({}), database, bot, routers: [channel.router], log: (level, msg) => void logs.push(`${level} ${msg}`) }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await fake.stop();
    await database.close();
    await t!.cleanup();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const stored = () => database.db.inboxMessage.count({ where: { channel: CHANNEL } });

  it('finds <Encrypt> by a scan, with or without CDATA', () => {
    expect(encryptedField('<xml><A>1</A><Encrypt><![CDATA[abc+/=]]></Encrypt></xml>')).toBe('abc+/=');
    expect(encryptedField('<xml><Encrypt> abc </Encrypt></xml>')).toBe('abc');
    expect(encryptedField('<xml><Encrypt>abc')).toBeUndefined();
    expect(encryptedField('<xml><Encrypt><![CDATA[abc</Encrypt>')).toBeUndefined();
    expect(encryptedField('<xml></xml>')).toBeUndefined();
  });

  it('a junk body with a wrong signature is refused without the XML parser running', async () => {
    const parse = vi.spyOn(XMLParser.prototype, 'parse');
    // deeply nested, unclosed tags and a bogus <Encrypt>: costly for a parser, cheap for a scan
    const junk = `<xml>${'<a>'.repeat(5000)}<Encrypt><![CDATA[${'Q'.repeat(20_000)}]]></Encrypt>${'<b x="1">'.repeat(2000)}`;
    expect(junk.length).toBeLessThan(MAX_BODY);
    const res = await postCallback(url, textMsg('attacker', '你好'), { badSignature: true, raw: junk });
    expect(res.status).toBe(401);
    // 1 MB of junk (was read and parsed in full before the signature was checked)
    const big = await postCallback(url, textMsg('attacker', '你好'), { raw: `<xml><Encrypt>${'A'.repeat(1_000_000)}</Encrypt></xml>` });
    expect(big.status).toBe(413);
    expect(parse).not.toHaveBeenCalled();
    // a genuine message is parsed once: its decrypted content, never the outer body
    expect((await postCallback(url, textMsg('lisi', '帮助'))).status).toBe(200);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(String(parse.mock.calls[0]![0])).toContain('<FromUserName><![CDATA[lisi]]>');
  });

  it('a signed, well-formed callback over 64 KB is refused with 413 and not stored', async () => {
    const before = await stored();
    const res = await postCallback(url, textMsg('lisi', '帮助'), { pad: MAX_BODY });
    expect(res.status).toBe(413);
    expect(await stored()).toBe(before);
    // just under the limit is fine
    expect((await postCallback(url, textMsg('lisi', '帮助'), { pad: MAX_BODY - 2000 })).status).toBe(200);
  });

  it('a chunked upload (no Content-Length) is refused once it passes 64 KB, without waiting for its end', async () => {
    const { query } = signedCallback(textMsg('lisi', '帮助'));
    const res = await rawPost(url, query, { 'Transfer-Encoding': 'chunked' }, (req) => {
      req.write('<xml><Pad>');
      // 80 KB, and the request is never ended
      for (let i = 0; i < 20; i++) req.write('p'.repeat(4096));
    });
    expect(res.status).toBe(413);
  });

  it.each([
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 3600 }, 403],
    ['a timestamp from the future', { timestamp: Math.floor(Date.now() / 1000) + 3600 }, 403],
  ])('%s is refused before the body is read (the body never comes)', async (_n, opts, status) => {
    const { query } = signedCallback(textMsg('lisi', '帮助'), opts);
    const res = await rawPost(url, query, { 'Content-Length': 5000 }, () => undefined);
    expect(res.status).toBe(status);
    expect(res.body).toContain('时间戳已过期');
  });

  it.each([
    ['no signature parameters', ''],
    ['no nonce', 'msg_signature=abc&timestamp=1'],
    ['a timestamp that is not a number', 'msg_signature=abc&timestamp=1e9&nonce=x'],
  ])('%s is refused before the body is read', async (_n, query) => {
    const res = await rawPost(url, query, { 'Content-Length': 5000 }, () => undefined);
    expect([401, 403]).toContain(res.status);
  });

  it('a body that stops coming is answered 408 after the read timeout and the connection is closed', async () => {
    const { query, body } = signedCallback(textMsg('lisi', '帮助'));
    const res = await rawPost(url, query, { 'Content-Length': Buffer.byteLength(body) }, (req) => req.write(body.slice(0, 40)));
    expect(res.status).toBe(408);
    expect(res.body).toContain('回调内容接收超时');
    await res.closed;
  });

  it('an aborted upload is logged in one line, without a stack trace', async () => {
    const consoleLines = (...args: unknown[]) => void logs.push(`console ${args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' ')}`);
    vi.spyOn(console, 'error').mockImplementation(consoleLines);
    vi.spyOn(console, 'warn').mockImplementation(consoleLines);
    logs.length = 0;
    const { query, body } = signedCallback(textMsg('lisi', '帮助'));
    const req = request(`${url}/wecom/callback?${query}`, { method: 'POST', headers: { 'Content-Length': Buffer.byteLength(body) }, agent: false });
    req.on('error', () => undefined);
    // the server has the request (the callback is reading its body) before the client goes
    const arrived = new Promise<void>((r) => server.once('request', () => r()));
    req.write(body.slice(0, 40));
    await arrived;
    await new Promise((r) => setTimeout(r, 50));
    req.destroy();
    await waitUntil(() => logs.length > 0);
    // nothing else on its way: the server answers the next request, and still one line
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(logs).toEqual(['warn 请求中断：POST /wecom/callback（来自 127.0.0.1），客户端在请求发送完之前断开。']);
  });
});
