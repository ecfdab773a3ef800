import { encrypt, getSignature } from '@wecom/crypto';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake WeCom server API (gettoken, message/send, media/upload, media/get) and a helper that
 * posts encrypted callbacks the way WeCom does. Faults can be injected per call.
 */

/** What media/get serves for a media id: a file, or `size` bytes of zeros streamed (too large). */
type Media = { content: Buffer; fileName?: string } | { size: number; declared: boolean };
export class FakeWecomApi {
  readonly sent: { touser: string; msgtype: string; content?: string; media_id?: string }[] = [];
  readonly uploads: { filename: string; size: number; content: Buffer; mediaId: string }[] = [];
  tokenCalls = 0;
  /** errcodes to answer the next message/send calls with, in order */
  sendFaults: number[] = [];
  tokenFaults: number[] = [];
  /** Delay of each message/send (ms), so that turns pile up behind a slow WeCom. */
  sendDelay: () => number = () => 0;
  private server!: Server;
  private token = 'token-1';
  private readonly media = new Map<string, Media>();
  /** Per media id: bytes written by media/get (a download cut off writes fewer). */
  readonly served = new Map<string, number>();
  /** errcodes to answer the next media/get calls with, in order (as JSON, like WeCom). */
  mediaFaults: number[] = [];
  url = '';

  constructor(readonly corp = { corpId: 'ww-corp', secret: 'app-secret' }) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      if (req.url?.startsWith('/cgi-bin/media/get?')) return this.mediaGet(req, res);
      void this.route(req).then((body) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body)));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }

  /** A file a user sent to the app: its media id for a `file` callback (MediaId). */
  addMedia(fileName: string | undefined, content: Uint8Array): string {
    const id = `user-media-${this.media.size + 1}`;
    this.media.set(id, { content: Buffer.from(content), ...(fileName !== undefined ? { fileName } : {}) });
    return id;
  }

  /**
   * A media id whose download is `size` bytes, streamed so a client can hang up early;
   * `declared`: with a Content-Length (a client can refuse before reading).
   */
  addLargeMedia(size: number, declared = false): string {
    const id = `user-media-${this.media.size + 1}`;
    this.media.set(id, { size, declared });
    return id;
  }

  /**
   * media/get as WeCom answers it: the file with Content-Disposition `attachment;
   * filename="…"` (the name's raw UTF-8 bytes), or JSON `{errcode, errmsg}` with status 200
   * (40007 invalid media_id, 42001 for an expired token).
   */
  private mediaGet(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url!, 'http://x');
    const json = (body: unknown) => void res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
    if (url.searchParams.get('access_token') !== this.token) return json({ errcode: 42001, errmsg: 'access_token expired' });
    const fault = this.mediaFaults.shift();
    if (fault) return json({ errcode: fault, errmsg: 'injected' });
    const id = url.searchParams.get('media_id') ?? '';
    const m = this.media.get(id);
    if (!m) return json({ errcode: 40007, errmsg: 'invalid media_id' });
    const disposition = (name: string) => `attachment; filename="${Buffer.from(name, 'utf8').toString('latin1')}"`;
    if ('content' in m) {
      this.served.set(id, m.content.length);
      // (no Content-Length: with one, node writes a non-ASCII header as UTF-8 of its Latin-1, or refuses it)
      const head = { 'Content-Type': 'application/octet-stream', ...(m.fileName !== undefined ? { 'Content-Disposition': disposition(m.fileName) } : {}) };
      return void res.writeHead(200, head).end(m.content);
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Disposition': disposition('big.xlsx'), ...(m.declared ? { 'Content-Length': m.size } : {}) });
    const piece = Buffer.alloc(64 * 1024);
    let sent = 0;
    const pump = (): void => {
      while (sent < m.size && !res.destroyed) {
        const n = Math.min(piece.length, m.size - sent);
        sent += n;
        this.served.set(id, sent);
        if (!res.write(n === piece.length ? piece : piece.subarray(0, n))) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  }

  /** Make the current token invalid, as if it expired on WeCom's side. */
  expireToken(): void {
    this.token = `token-${this.tokenCalls + 2}`;
  }

  private async route(req: IncomingMessage): Promise<unknown> {
    const url = new URL(req.url!, 'http://x');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    if (url.pathname === '/cgi-bin/gettoken') {
      this.tokenCalls++;
      const fault = this.tokenFaults.shift();
      if (fault) return { errcode: fault, errmsg: 'injected' };
      if (url.searchParams.get('corpid') !== this.corp.corpId || url.searchParams.get('corpsecret') !== this.corp.secret) return { errcode: 40001, errmsg: 'invalid credential' };
      this.token = `token-${this.tokenCalls}`;
      return { errcode: 0, errmsg: 'ok', access_token: this.token, expires_in: 7200 };
    }
    if (url.searchParams.get('access_token') !== this.token) return { errcode: 42001, errmsg: 'access_token expired' };
    if (url.pathname === '/cgi-bin/message/send') {
      const delay = this.sendDelay();
      if (delay) await new Promise((r) => setTimeout(r, delay));
      const fault = this.sendFaults.shift();
      if (fault) return { errcode: fault, errmsg: 'injected' };
      const m = JSON.parse(body.toString('utf8')) as Record<string, Record<string, string> & string>;
      this.sent.push({ touser: m.touser as string, msgtype: m.msgtype as string, content: m.text?.content ?? m.markdown?.content, media_id: m.file?.media_id });
      return { errcode: 0, errmsg: 'ok', msgid: `msg-${this.sent.length}` };
    }
    if (url.pathname === '/cgi-bin/media/upload') {
      const type = req.headers['content-type'] ?? '';
      const boundary = type.match(/boundary=(.+)$/)?.[1];
      if (!boundary || url.searchParams.get('type') !== 'file') return { errcode: 40004, errmsg: 'bad upload' };
      const text = body.toString('latin1');
      const head = text.match(/Content-Disposition: form-data; name="media"; filename="([^"]*)"[^\r]*\r\n(?:[^\r]+\r\n)*\r\n/);
      if (!head) return { errcode: 40004, errmsg: 'no media field' };
      const start = text.indexOf(head[0]) + head[0].length;
      const end = text.indexOf(`\r\n--${boundary}`, start);
      const content = body.subarray(start, end);
      const mediaId = `media-${this.uploads.length + 1}`;
      this.uploads.push({ filename: Buffer.from(head[1]!, 'latin1').toString('utf8'), size: content.length, content, mediaId });
      return { errcode: 0, errmsg: 'ok', type: 'file', media_id: mediaId, created_at: '1' };
    }
    return { errcode: 404, errmsg: 'unknown path' };
  }
}

export const APP = { corpId: 'ww-corp', agentId: '1000002', secret: 'app-secret', token: 'callback-token', aesKey: randomBytes(32).toString('base64').slice(0, 43) };

export interface CallbackOpts {
  timestamp?: number;
  corpId?: string;
  badSignature?: boolean;
  /** The body to send instead of the signed one (the query stays signed for the real one). */
  raw?: string;
  /** Bytes of filler inside the signed body, before <Encrypt> (a well-formed, signed, large body). */
  pad?: number;
}

/** The query string and body of an encrypted callback as WeCom sends it. */
export function signedCallback(inner: Record<string, string | number>, opts: CallbackOpts = {}): { query: string; body: string } {
  const xml = `<xml>${Object.entries(inner).map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`).join('')}</xml>`;
  const enc = encrypt(APP.aesKey, xml, opts.corpId ?? APP.corpId);
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = Math.random().toString(36).slice(2);
  const sig = opts.badSignature ? 'deadbeef' : getSignature(APP.token, timestamp, nonce, enc);
  const pad = opts.pad ? `<Pad>${'p'.repeat(opts.pad)}</Pad>` : '';
  const body = opts.raw ?? `<xml><ToUserName><![CDATA[${APP.corpId}]]></ToUserName><AgentID><![CDATA[${APP.agentId}]]></AgentID>${pad}<Encrypt><![CDATA[${enc}]]></Encrypt></xml>`;
  return { query: `msg_signature=${sig}&timestamp=${timestamp}&nonce=${nonce}`, body };
}

/** POST an encrypted callback to `url` as WeCom does; returns the HTTP response. */
export async function postCallback(url: string, inner: Record<string, string | number>, opts: CallbackOpts = {}): Promise<Response> {
  const { query, body } = signedCallback(inner, opts);
  return fetch(`${url}/wecom/callback?${query}`, { method: 'POST', body, headers: { 'Content-Type': 'text/xml' } });
}

/** The GET verification WeCom performs when the callback URL is saved. */
export async function verifyUrl(url: string, echo = 'hello-123', opts: { badSignature?: boolean } = {}): Promise<Response> {
  const enc = encrypt(APP.aesKey, echo, APP.corpId);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = 'n1';
  const sig = opts.badSignature ? 'x' : getSignature(APP.token, timestamp, nonce, enc);
  return fetch(`${url}/wecom/callback?msg_signature=${sig}&timestamp=${timestamp}&nonce=${nonce}&echostr=${encodeURIComponent(enc)}`);
}

let appSeq = 0;
/** A 自建应用 text message as WeCom posts it (the decrypted fields). */
export function appText(user: string, content: string, msgId = `app-msg-${++appSeq}`) {
  return { ToUserName: APP.corpId, FromUserName: user, CreateTime: Math.floor(Date.now() / 1000), MsgType: 'text', Content: content, MsgId: msgId, AgentID: APP.agentId };
}
