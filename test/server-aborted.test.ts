import Router from '@koa/router';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Bot } from '../src/bot/bot.js';
import { readConfig } from '../src/config.js';
import { createHttpServer } from '../src/http/http-server.js';
import { createApp } from '../src/server.js';

/**
 * A client that sends the start of an upload and goes away. Two readers: a route that reads
 * `ctx.req` itself (as the 自建应用 callback does) and the web chat's JSON body parser.
 */
describe('an aborted upload', () => {
  const lines: string[] = [];
  let wake: () => void = () => undefined;
  const logged = () => new Promise<void>((r) => (lines.length ? r() : (wake = r)));
  const note = (msg: string) => {
    lines.push(msg);
    wake();
  };
  let server: Server;
  let port: number;
  beforeAll(async () => {
    const raw = new Router();
    raw.post('/raw', async (ctx) => {
      for await (const _chunk of ctx.req);
      ctx.body = 'ok';
    });
    raw.post('/upstream', async (ctx) => {
      for await (const _chunk of ctx.req);
      throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }); // e.g. the database went away
    });
    const app = createApp({ config: readConfig({}), bot: {} as Bot, routers: [raw], log: (_level, msg) => note(msg) });
    server = createHttpServer(app.callback());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  // Whatever reaches the console (koa's default handler, a 500 with its stack) counts as logged too.
  const consoleLines = vi.fn((...args: unknown[]) => note(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' ')));
  beforeAll(() => {
    vi.spyOn(console, 'error').mockImplementation(consoleLines);
    vi.spyOn(console, 'warn').mockImplementation(consoleLines);
  });
  afterAll(() => vi.restoreAllMocks());
  afterEach(() => void lines.splice(0));

  it.each([
    ['a route reading the request itself', '/raw', 'application/xml'],
    ['the web chat', '/api/chat/message', 'application/json'],
  ])('%s: one log line without a stack trace', async (_n, path, type) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    // The server has the request (its handler is reading the body) before the client goes.
    const arrived = new Promise<void>((r) => server.once('request', () => r()));
    socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n{"user\r\n`);
    await arrived;
    socket.destroy();
    await logged();
    // Nothing else is on its way: the server answers the next request, and still one line.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(lines).toEqual([`请求中断：POST ${path}（来自 127.0.0.1），客户端在请求发送完之前断开。`]);
  });

  it('an ECONNRESET of the server’s own work, after the request had arrived, is still a 500 with its stack', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/upstream`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(500);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/read ECONNRESET\n\s+at /);
  });
});
