import { encrypt, getSignature } from '@wecom/crypto';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake WeCom server API (gettoken, message/send, message/update_template_card, media/upload,
 * media/get) and a helper that posts encrypted callbacks the way WeCom does. Faults can be
 * injected per call.
 *
 * Strict like WeCom: message/send refuses (errcode, recorded in `refused`) a text over 2048 bytes,
 * markdown over 4096 bytes, a file with an unknown media_id, and a template_card without its
 * required fields — card_type; main_title.title and task_id for the interaction cards;
 * button_list of 1–6 buttons each with text and a unique key; card_action for text_notice —
 * or with a task_id not of [A-Za-z0-9_-@]{1,128} or used before by the app.
 * update_template_card refuses an unknown or used response_code (each serves one update) and a
 * wrong agentid. With `perUserPerMinute`, a 31st message to one member within a minute of
 * `clock` is refused with 45009 (WeCom documents 30 per member per minute per app and drops the
 * excess silently; refusing makes a breach visible to the test). The exact errcodes WeCom uses
 * for a bad card are not documented: 40058 (invalid parameter) stands for them here.
 */

/** What media/get serves for a media id: a file, or `size` bytes of zeros streamed (too large). */
type Media = { content: Buffer; fileName?: string } | { size: number; declared: boolean };
export interface SentMessage {
  touser: string;
  msgtype: string;
  content?: string;
  media_id?: string;
  card?: Card;
}
type Card = { card_type?: string; task_id?: string; main_title?: { title?: string; desc?: string }; button_list?: { text?: string; key?: string; type?: number }[]; card_action?: unknown };
const BAD_PARAM = 40058;
const TOO_LONG = 45002;
const RATE_LIMIT = 45009;

export class FakeWecomApi {
  readonly sent: SentMessage[] = [];
  /** Every call refused for what it sent (not injected faults), as WeCom would refuse it. */
  readonly refused: { path: string; errcode: number; why: string }[] = [];
  /** update_template_card calls that succeeded. */
  readonly updates: { userids: string[]; taskId: string; replaceName: string }[] = [];
  /** Messages per member per minute of `clock` (undefined: no limit). */
  perUserPerMinute: number | undefined;
  clock: () => number = Date.now;
  private readonly taskIds = new Map<string, { touser: string; card: Card }>();
  /** response_code → task id and whether it was used. */
  private readonly codes = new Map<string, { taskId: string; used: boolean }>();
  private readonly sendTimes = new Map<string, number[]>();
  private codeSeq = 0;
  /** Media uploaded; `type` as the upload's query said (file or image). */
  readonly uploads: { filename: string; size: number; content: Buffer; mediaId: string; type: string }[] = [];
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
  /** errcodes to answer the next media/upload calls with, in order. */
  uploadFaults: number[] = [];
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

  private refuse(path: string, errcode: number, why: string): { errcode: number; errmsg: string } {
    this.refused.push({ path, errcode, why });
    return { errcode, errmsg: why };
  }

  /** Why a template_card would be refused, or undefined when it is valid. */
  private badCard(c: Card | undefined): string | undefined {
    if (!c || typeof c !== 'object') return 'template_card missing';
    const types = ['text_notice', 'news_notice', 'button_interaction', 'vote_interaction', 'multiple_interaction'];
    if (!types.includes(c.card_type ?? '')) return `invalid card_type ${String(c.card_type)}`;
    if (c.card_type === 'text_notice' && !c.card_action) return 'text_notice requires card_action';
    if (c.card_type!.endsWith('_interaction')) {
      if (!c.main_title?.title) return 'main_title.title required';
      if (typeof c.task_id !== 'string' || !c.task_id) return 'task_id required';
    }
    if (c.task_id !== undefined && !/^[A-Za-z0-9_\-@]{1,128}$/.test(c.task_id)) return `invalid task_id ${c.task_id}`;
    if (c.task_id !== undefined && this.taskIds.has(c.task_id)) return `duplicate task_id ${c.task_id}`;
    if (c.card_type === 'button_interaction') {
      const list = c.button_list;
      if (!Array.isArray(list) || list.length < 1 || list.length > 6) return `button_list needs 1-6 buttons, got ${Array.isArray(list) ? list.length : 'none'}`;
      const keys = new Set<string>();
      for (const b of list) {
        if (!b.text) return 'button text required';
        if ((b.type ?? 0) === 0 && (!b.key || Buffer.byteLength(b.key) > 1024)) return 'button key required (at most 1024 bytes)';
        if (b.key !== undefined && keys.has(b.key)) return `duplicate button key ${b.key}`;
        if (b.key !== undefined) keys.add(b.key);
      }
    }
    return undefined;
  }

  private messageSend(m: Record<string, unknown>): unknown {
    const path = 'message/send';
    const touser = String(m.touser ?? '');
    if (String(m.agentid) !== APP.agentId) return this.refuse(path, 40056, `invalid agentid ${String(m.agentid)}`);
    const part = (k: string) => (m[k] ?? {}) as Record<string, unknown>;
    let card: Card | undefined;
    switch (m.msgtype) {
      case 'text':
      case 'markdown': {
        const content = part(m.msgtype).content;
        if (typeof content !== 'string' || !content) return this.refuse(path, 41000, `${m.msgtype}.content required`);
        const max = m.msgtype === 'text' ? 2048 : 4096;
        if (Buffer.byteLength(content) > max) return this.refuse(path, TOO_LONG, `${m.msgtype} of ${Buffer.byteLength(content)} bytes > ${max}`);
        break;
      }
      case 'file':
      case 'image':
        if (!this.uploads.some((u) => u.mediaId === part(String(m.msgtype)).media_id && u.type === m.msgtype)) return this.refuse(path, 40007, 'invalid media_id');
        break;
      case 'template_card': {
        card = m.template_card as Card;
        const why = this.badCard(card);
        if (why) return this.refuse(path, BAD_PARAM, why);
        break;
      }
      default:
        return this.refuse(path, 40008, `invalid msgtype ${String(m.msgtype)}`);
    }
    if (this.perUserPerMinute !== undefined) {
      const now = this.clock();
      const times = (this.sendTimes.get(touser) ?? []).filter((t) => t > now - 60_000);
      if (times.length >= this.perUserPerMinute) return this.refuse(path, RATE_LIMIT, `more than ${this.perUserPerMinute} messages to ${touser} in a minute`);
      times.push(now);
      this.sendTimes.set(touser, times);
    }
    const text = part('text').content ?? part('markdown').content;
    const media = part('file').media_id ?? part('image').media_id;
    this.sent.push({ touser, msgtype: String(m.msgtype), ...(typeof text === 'string' ? { content: text } : {}), ...(typeof media === 'string' ? { media_id: media } : {}), ...(card ? { card } : {}) });
    const answer: Record<string, unknown> = { errcode: 0, errmsg: 'ok', msgid: `msg-${this.sent.length}` };
    if (card?.task_id) {
      this.taskIds.set(card.task_id, { touser, card });
      if (card.card_type?.endsWith('_interaction')) answer.response_code = this.newCode(card.task_id);
    }
    return answer;
  }

  private newCode(taskId: string): string {
    const code = `rc-${++this.codeSeq}-${randomBytes(4).toString('hex')}`;
    this.codes.set(code, { taskId, used: false });
    return code;
  }

  private updateCard(m: Record<string, unknown>): unknown {
    const path = 'message/update_template_card';
    if (String(m.agentid) !== APP.agentId) return this.refuse(path, 40056, `invalid agentid ${String(m.agentid)}`);
    const code = this.codes.get(String(m.response_code ?? ''));
    if (!code) return this.refuse(path, BAD_PARAM, `unknown response_code ${String(m.response_code)}`);
    if (code.used) return this.refuse(path, BAD_PARAM, `response_code ${String(m.response_code)} used already`);
    const userids = Array.isArray(m.userids) ? m.userids.map(String) : [];
    if (!userids.length) return this.refuse(path, BAD_PARAM, 'userids required');
    const button = m.button as { replace_name?: unknown } | undefined;
    if (button) {
      if (typeof button.replace_name !== 'string' || !button.replace_name) return this.refuse(path, BAD_PARAM, 'button.replace_name required');
    } else {
      const why = this.badCard(m.template_card as Card);
      if (why) return this.refuse(path, BAD_PARAM, why);
    }
    code.used = true;
    this.updates.push({ userids, taskId: code.taskId, replaceName: typeof button?.replace_name === 'string' ? button.replace_name : '' });
    return { errcode: 0, errmsg: 'ok' };
  }

  /** The cards sent to a member, oldest first. */
  cards(touser: string): Card[] {
    return this.sent.filter((s) => s.touser === touser && s.card).map((s) => s.card!);
  }

  /**
   * The decrypted fields of a button click as WeCom posts it (模板卡片事件推送: Event
   * template_card_event, EventKey = the button's key, TaskId, CardType, ResponseCode, which serves
   * one update_template_card). `from` defaults to the member the card was sent to.
   */
  click(taskId: string, key: string, from?: string): Record<string, string | number> {
    const task = this.taskIds.get(taskId);
    return {
      ToUserName: APP.corpId,
      FromUserName: from ?? task?.touser ?? 'nobody',
      CreateTime: Math.floor(Date.now() / 1000) + ++clickSeq,
      MsgType: 'event',
      Event: 'template_card_event',
      EventKey: key,
      TaskId: taskId,
      CardType: task?.card.card_type ?? 'button_interaction',
      ResponseCode: this.newCode(taskId),
      AgentID: APP.agentId,
    };
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
      return this.messageSend(JSON.parse(body.toString('utf8')) as Record<string, unknown>);
    }
    if (url.pathname === '/cgi-bin/message/update_template_card') return this.updateCard(JSON.parse(body.toString('utf8')) as Record<string, unknown>);
    if (url.pathname === '/cgi-bin/media/upload') {
      const fault = this.uploadFaults.shift();
      if (fault) return { errcode: fault, errmsg: 'injected' };
      const type = req.headers['content-type'] ?? '';
      const boundary = type.match(/boundary=(.+)$/)?.[1];
      const kind = url.searchParams.get('type');
      if (!boundary || (kind !== 'file' && kind !== 'image')) return { errcode: 40004, errmsg: 'bad upload' };
      const text = body.toString('latin1');
      const head = text.match(/Content-Disposition: form-data; name="media"; filename="([^"]*)"[^\r]*\r\n(?:[^\r]+\r\n)*\r\n/);
      if (!head) return { errcode: 40004, errmsg: 'no media field' };
      const start = text.indexOf(head[0]) + head[0].length;
      const end = text.indexOf(`\r\n--${boundary}`, start);
      const content = body.subarray(start, end);
      // an image: JPG or PNG, at most 10 MB (WeCom's media/upload)
      const picture = content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) || content.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]));
      if (kind === 'image' && (!picture || content.length > 10 * 1024 * 1024)) return { errcode: 40005, errmsg: 'invalid image' };
      const mediaId = `media-${this.uploads.length + 1}`;
      this.uploads.push({ filename: Buffer.from(head[1]!, 'latin1').toString('utf8'), size: content.length, content, mediaId, type: kind });
      return { errcode: 0, errmsg: 'ok', type: kind, media_id: mediaId, created_at: '1' };
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
let clickSeq = 0;
/** A 自建应用 text message as WeCom posts it (the decrypted fields). */
export function appText(user: string, content: string, msgId = `app-msg-${++appSeq}`) {
  return { ToUserName: APP.corpId, FromUserName: user, CreateTime: Math.floor(Date.now() / 1000), MsgType: 'text', Content: content, MsgId: msgId, AgentID: APP.agentId };
}
