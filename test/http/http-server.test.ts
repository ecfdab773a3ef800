import Router from '@koa/router';
import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { createHttpServer, type HttpLimits } from '../../src/http/http-server.js';
import { createApp } from '../../src/server.js';

/** Log lines, and a promise of the first one. */
function collector() {
  const lines: string[] = [];
  let first!: () => void;
  const firstLine = new Promise<void>((r) => (first = r));
  return { lines, firstLine, push: (msg: string) => void (lines.push(msg), first()) };
}

/** The app of main.ts with one route that reads its body as the 自建应用 callback does today. */
function start(limits: HttpLimits, log: { push: (msg: string) => void } = collector()): Promise<Server> {
  const upload = new Router();
  upload.post('/upload', async (ctx) => {
    for await (const _chunk of ctx.req);
    ctx.body = 'ok';
  });
  const app = createApp({ config: readConfig({}), routers: [upload], log: (_l, msg) => log.push(msg) });
  const server = createHttpServer(app.callback(), limits);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const sockets: Socket[] = [];
let server: Server | undefined;
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.destroy());
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

function open(port: number, head: string): { socket: Socket; received: () => string; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let data = '';
  socket.on('data', (b) => (data += b.toString()));
  socket.on('error', () => undefined); // a refused socket may be reset
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  socket.write(head);
  return { socket, received: () => data, closed };
}

const CHUNKED = 'POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n';

describe('the HTTP server of main.ts', () => {
  it('300 unfinished chunked uploads from one address: all but 32 are closed by the server, and that is logged once', async () => {
    const refused: string[] = [];
    server = await start({ onRefused: (address, max) => void refused.push(`${address} ${max}`) });
    const port = (server.address() as AddressInfo).port;
    // Every socket the server accepted, seen after the limiter has had its say.
    const accepted: Socket[] = [];
    const all300 = new Promise<void>((r) => server!.on('connection', (s: Socket) => accepted.push(s) === 300 && r()));
    const uploads = Array.from({ length: 300 }, () => open(port, CHUNKED));
    await all300;
    expect(accepted.filter((s) => !s.destroyed).length).toBe(32);
    // The clients see it too: 268 sockets closed by the server while the 32 others stay open.
    let closedCount = 0;
    await new Promise<void>((r) => uploads.forEach((u) => void u.closed.then(() => ++closedCount === 268 && r())));
    expect(uploads.filter((u) => !u.socket.destroyed)).toHaveLength(32);
    expect(refused).toEqual(['127.0.0.1 32']);
  }, 180_000);

  it('closes a connection whose upload stalls after the headers (408), and logs it in one line', async () => {
    const log = collector();
    server = await start({ requestTimeoutMs: 400, headersTimeoutMs: 200, checkIntervalMs: 50 }, log);
    const port = (server.address() as AddressInfo).port;
    const stalled = open(port, 'POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part of the body');
    await stalled.closed; // no wall-time assertion: the server must close it at all
    expect(stalled.received()).toMatch(/^HTTP\/1\.1 408/);
    // The route saw its body break off and koa saw the socket fail: one line for both, no stack.
    await log.firstLine;
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(log.lines).toEqual(['请求中断：POST /upload（来自 127.0.0.1），请求未在时限内发送完，已断开连接。']);
  }, 180_000);

  it('closes a connection that never finishes its headers (408)', async () => {
    server = await start({ requestTimeoutMs: 400, headersTimeoutMs: 200, checkIntervalMs: 50 });
    const stalled = open((server.address() as AddressInfo).port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n');
    await stalled.closed;
    expect(stalled.received()).toMatch(/^HTTP\/1\.1 408/);
  }, 180_000);

  it('a normal request is answered and its connection kept open', async () => {
    server = await start({ requestTimeoutMs: 400, headersTimeoutMs: 200, checkIntervalMs: 50 });
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`, { method: 'POST', body: 'x'.repeat(1000) });
    expect(await res.text()).toBe('ok');
  });
});
