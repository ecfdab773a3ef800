import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A fake WeCom long-connection server speaking the frames of ../shared/wecom/README.md, as strict
 * as WeCom's documents (see `refuse` below and `refused`): one passive reply per callback (one
 * stream, or one card), events answered only as their type allows, cards checked against the
 * template-card schema, streams expiring, proactive sends counted against limits, one connection
 * per bot (a newer one gets the bot, the older one `disconnected_event`). It
 * authenticates aibot_subscribe, acks ping and every frame the bot sends (the SDK waits for an
 * ack per req_id), pushes message/event callbacks, and reassembles chunked uploads, checking
 * size and md5 before it hands out a media_id. On the same port it serves the downloads of the
 * files it pushes (`file`), encrypted the way the SDK's downloadFile decrypts them.
 */

/**
 * A file as WeCom serves a user's file: AES-256-CBC with the message's aeskey (base64 of 32
 * bytes), the IV the key's first 16 bytes, PKCS#7 padding to a multiple of 32 bytes (not
 * AES's 16: the SDK's decryptFile removes up to 32 bytes of padding and checks every one).
 */
export function encryptFile(content: Uint8Array, aeskey: string): Buffer {
  const key = Buffer.from(aeskey, 'base64');
  const pad = 32 - (content.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([content, Buffer.alloc(pad, pad)])), cipher.final()]);
}

/** What a download URL serves: an encrypted file, an HTTP error, or `size` bytes of zeros (streamed). */
type Download = { body: Buffer; fileName?: string } | { status: number } | { size: number };

export interface FileOpts {
  msgid?: string;
  chattype?: 'single' | 'group';
  /** Send it as a `mixed` message: a text item and the file item. */
  mixed?: string;
  /** The download answers this HTTP status instead of the file. */
  status?: number;
  /** The download streams this many bytes (a file too large to be sent whole). */
  size?: number;
  /** Leave the name out of the download's Content-Disposition. */
  noName?: boolean;
}
export interface Frame {
  cmd?: string;
  headers: { req_id: string };
  body?: Record<string, unknown>;
  errcode?: number;
  errmsg?: string;
}

/** Errcodes the fake answers refused frames with (WeCom's where known, else in its style). */
export const REFUSED = {
  secondReply: 846605,
  streamExpired: 846608,
  badCard: 40058,
  wrongReply: 846605,
  updateLate: 846609,
  quota: 45009,
} as const;

/** A callback pushed on the current connection and what has been replied to it. */
interface Callback {
  kind: 'message' | 'enter_chat' | 'template_card_event' | 'other';
  at: number;
  taskId?: string;
  /** The stream id of the passive reply, once one was sent; `finished` once it was finished. */
  stream?: string;
  finished?: boolean;
  streamAt?: number;
  /** A non-stream passive reply (card, welcome, update) was sent: nothing more is accepted. */
  done?: boolean;
}

export interface Strictness {
  /** A stream not finished this long after its first frame expires (WeCom: ~6 min). */
  streamTtlMs: number;
  /** A card update must come this long after the click event at most (WeCom: 5 s). */
  updateWithinMs: number;
  /** Proactive sends (aibot_send_msg) per chat allowed in total; beyond, errcode 45009. */
  proactivePerChat: number;
}

export class FakeWecomWs {
  readonly frames: Frame[] = [];
  /** Frames the fake refused, with the errcode and why: an end-to-end run must leave this empty. */
  readonly refused: { frame: Frame; errcode: number; why: string }[] = [];
  readonly strict: Strictness = { streamTtlMs: 6 * 60_000, updateWithinMs: 5_000, proactivePerChat: Number.POSITIVE_INFINITY };
  /** Proactive sends per chat id. */
  readonly proactive = new Map<string, number>();
  /** task_ids of every card sent (WeCom wants them unique). */
  private readonly taskIds = new Set<string>();
  /** When set, new connections are refused (the network is down). */
  offline = false;
  /** Connection attempts refused while offline. */
  refusedConnections = 0;
  /** The ws:// address (after start). */
  url = '';
  /** disconnected_event sent to older connections when a newer one authenticated. */
  replacedConnections = 0;
  private clock: () => number = Date.now;
  /** Uploaded media; `type` as the init frame said (file, image …). */
  readonly files: { filename: string; content: Buffer; mediaId: string; type: string }[] = [];
  private readonly uploads = new Map<string, { filename: string; type: string; size: number; chunks: number; md5: string; parts: Map<number, Buffer> }>();
  private wss!: WebSocketServer;
  private http!: Server;
  private httpUrl = '';
  private readonly downloads = new Map<string, Download>();
  /** Per download path: bytes written to the client (a download cut off writes fewer). */
  readonly served = new Map<string, number>();
  private socket: WebSocket | undefined;
  /** Callbacks pushed on the current connection: replies to others are refused, as WeCom does. */
  private live = new Map<string, Callback>();
  authenticated = 0;
  /** Set to drop acks (to test ack timeouts). */
  dropAcksFor: ((f: Frame) => boolean) | undefined;
  /** Set to answer frames with an error (errcode 50001). */
  nackFor: ((f: Frame) => boolean) | undefined;

  /** The media type ('file', 'image') an upload was started with, by its upload_id. */
  uploadType(uploadId: unknown): string | undefined {
    return this.uploads.get(String(uploadId))?.type;
  }
  /** Set to drop the connection when such a frame arrives. */
  dropOn: ((f: Frame) => boolean) | undefined;

  /** Resolvers waiting for the first reply to a callback (see `waitReply`). */
  private readonly waiting = new Map<string, { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[]>();

  /** `keepFrames: false` for benchmarks: frames are not kept, only waited for. */
  constructor(
    readonly creds = { botId: 'bot-1', secret: 'secret-1' },
    readonly keepFrames = true,
  ) {}

  /** Resolvers waiting for a message the bot pushes (aibot_send_msg) to a chat (see `waitSent`). */
  private readonly sentWaiting = new Map<string, { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[]>();

  /** Resolves with the next message the bot pushes to `chatid` (a user id in a single chat) that matches `pred` and is accepted. */
  waitSent(chatid: string, pred: (f: Frame) => boolean = () => true): Promise<Frame> {
    return new Promise((resolve) => this.sentWaiting.set(chatid, [...(this.sentWaiting.get(chatid) ?? []), { pred, resolve }]));
  }

  /** Resolves with the first frame the bot sends in answer to callback `reqId` (that matches `pred`). */
  waitReply(reqId: string, pred: (f: Frame) => boolean = () => true): Promise<Frame> {
    return new Promise((resolve) => this.waiting.set(reqId, [...(this.waiting.get(reqId) ?? []), { pred, resolve }]));
  }

  async start(): Promise<string> {
    this.http = createServer((req, res) => this.serve(req.url ?? '', res));
    this.wss = new WebSocketServer({
      server: this.http,
      verifyClient: (_info, done) => {
        if (this.offline) this.refusedConnections++;
        done(!this.offline, 503, 'offline');
      },
    });
    await new Promise<void>((r) => this.http.listen(0, '127.0.0.1', () => r()));
    this.wss.on('connection', (ws) => {
      ws.on('message', (data) => this.onFrame(ws, JSON.parse(String(data)) as Frame));
      ws.on('close', () => {
        if (this.socket === ws) this.socket = undefined;
      });
    });
    const port = (this.http.address() as AddressInfo).port;
    this.httpUrl = `http://127.0.0.1:${port}`;
    this.url = `ws://127.0.0.1:${port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await new Promise((r) => this.wss.close(r));
    this.http.closeAllConnections();
    await new Promise((r) => this.http.close(r));
  }

  /** A file download (the URL of a file message); unknown paths are 404. */
  private serve(path: string, res: ServerResponse): void {
    const d = this.downloads.get(path);
    if (!d) return void res.writeHead(404).end();
    if ('status' in d) return void res.writeHead(d.status, { 'Content-Type': 'application/json' }).end('{"errcode":-1}');
    if ('body' in d) {
      const name = d.fileName === undefined ? {} : { 'Content-Disposition': `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(d.fileName)}` };
      this.served.set(path, d.body.length);
      return void res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': d.body.length, ...name }).end(d.body);
    }
    // zeros, as fast as the client takes them, until `size` or until it hangs up
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': d.size, 'Content-Disposition': "attachment; filename*=UTF-8''big.xlsx" });
    const piece = Buffer.alloc(64 * 1024);
    let sent = 0;
    const pump = (): void => {
      while (sent < d.size && !res.destroyed) {
        const n = Math.min(piece.length, d.size - sent);
        sent += n;
        this.served.set(path, sent);
        if (!res.write(n === piece.length ? piece : piece.subarray(0, n))) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  }

  private ack(ws: WebSocket, f: Frame, body?: Record<string, unknown>, errcode = 0, errmsg = 'ok'): void {
    if (this.dropAcksFor?.(f)) return;
    ws.send(JSON.stringify({ headers: { req_id: f.headers.req_id }, errcode, errmsg, ...(body ? { body } : {}) }));
  }

  /** Use another clock for stream expiry and the 5 s update window (tests of expiry). */
  useClock(now: () => number): void {
    this.clock = now;
  }

  /** Answer a frame with an error, and remember it: WeCom would have refused it. */
  private refuse(ws: WebSocket, f: Frame, errcode: number, why: string): void {
    this.refused.push({ frame: f, errcode, why });
    this.ack(ws, f, undefined, errcode, why);
  }

  /** Why WeCom would refuse this template card, if it would (template-card documents). */
  cardProblem(card: Record<string, unknown> | undefined, update?: string): string | undefined {
    if (!card || typeof card !== 'object') return 'template_card missing';
    const type = card.card_type;
    const taskId = card.task_id;
    const title = (card.main_title as { title?: unknown } | undefined)?.title;
    if (!['text_notice', 'news_notice', 'button_interaction', 'vote_interaction', 'multiple_interaction'].includes(String(type))) return `unknown card_type ${String(type)}`;
    if (type === 'text_notice' && !(card.card_action as { type?: unknown } | undefined)?.type) return 'text_notice without card_action';
    if (type === 'button_interaction') {
      if (!title && !card.sub_title_text) return 'button_interaction without main_title.title or sub_title_text';
      const buttons = card.button_list;
      if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 6) return 'button_list must hold 1-6 buttons';
      for (const b of buttons as Record<string, unknown>[]) if (!b?.text || !b?.key) return 'button without text or key';
    }
    if (type !== 'text_notice' && type !== 'news_notice') {
      if (typeof taskId !== 'string' || !/^[A-Za-z0-9_\-@]{1,128}$/.test(taskId)) return `bad task_id ${String(taskId)}`;
      if (update !== undefined ? taskId !== update : this.taskIds.has(taskId)) return update !== undefined ? 'task_id differs from the clicked card' : 'task_id used before';
    }
    return undefined;
  }

  /**
   * The passive-reply rules of a callback: why this reply would be refused, if it would. A message
   * gets one stream (any number of frames of one stream id until it is finished, within the stream's
   * lifetime) or one other reply; enter_chat one welcome; a card click one update, within 5 s.
   */
  private replyProblem(f: Frame, cb: Callback): [number, string] | undefined {
    const b = f.body ?? {};
    const now = this.clock();
    if (cb.kind === 'template_card_event') {
      if (f.cmd !== 'aibot_respond_update_msg') return [REFUSED.wrongReply, `${f.cmd} on a card event (only aibot_respond_update_msg)`];
      if (cb.done) return [REFUSED.secondReply, 'card already updated'];
      if (now - cb.at > this.strict.updateWithinMs) return [REFUSED.updateLate, 'card update after 5 s'];
      const why = this.cardProblem(b.template_card as Record<string, unknown>, cb.taskId ?? '');
      if (why) return [REFUSED.badCard, why];
      cb.done = true;
      return undefined;
    }
    if (cb.kind === 'enter_chat') {
      if (f.cmd !== 'aibot_respond_welcome_msg') return [REFUSED.wrongReply, `${f.cmd} on enter_chat (only a welcome)`];
      if (cb.done) return [REFUSED.secondReply, 'second welcome'];
      cb.done = true;
      return undefined;
    }
    if (f.cmd !== 'aibot_respond_msg') return [REFUSED.wrongReply, `${f.cmd} on a message callback`];
    if (cb.done || cb.finished) return [REFUSED.secondReply, 'second passive reply on one req_id'];
    if (b.msgtype === 'stream' || b.msgtype === 'stream_with_template_card') {
      const s = b.stream as { id?: string; finish?: boolean };
      if (cb.stream !== undefined && s.id !== cb.stream) return [REFUSED.secondReply, 'a second stream on one req_id'];
      if (cb.streamAt !== undefined && now - cb.streamAt > this.strict.streamTtlMs) return [REFUSED.streamExpired, 'stream expired'];
      cb.stream = s.id;
      cb.streamAt ??= now;
      if (s.finish) cb.finished = true;
      return undefined;
    }
    if (cb.stream !== undefined) return [REFUSED.secondReply, `${String(b.msgtype)} after a stream on one req_id`];
    if (b.msgtype === 'template_card') {
      const why = this.cardProblem(b.template_card as Record<string, unknown>);
      if (why) return [REFUSED.badCard, why];
      this.taskIds.add(String((b.template_card as { task_id?: unknown }).task_id));
    }
    cb.done = true;
    return undefined;
  }

  /** Proactive sends: counted per chat; cards checked. */
  private sendProblem(f: Frame): [number, string] | undefined {
    const b = f.body ?? {};
    const chat = String(b.chatid ?? '');
    if (!chat) return [REFUSED.wrongReply, 'aibot_send_msg without chatid'];
    if (!['markdown', 'template_card', 'file', 'image', 'video'].includes(String(b.msgtype))) return [REFUSED.wrongReply, `msgtype ${String(b.msgtype)} cannot be pushed`];
    if (b.msgtype === 'template_card') {
      const why = this.cardProblem(b.template_card as Record<string, unknown>);
      if (why) return [REFUSED.badCard, why];
    }
    const n = this.proactive.get(chat) ?? 0;
    if (n >= this.strict.proactivePerChat) return [REFUSED.quota, 'proactive send quota exceeded'];
    this.proactive.set(chat, n + 1);
    if (b.msgtype === 'template_card') this.taskIds.add(String((b.template_card as { task_id?: unknown }).task_id));
    return undefined;
  }

  private onFrame(ws: WebSocket, f: Frame): void {
    if (this.keepFrames) this.frames.push(f);
    if (f.cmd === 'aibot_respond_msg') {
      const list = this.waiting.get(f.headers.req_id) ?? [];
      const rest = list.filter((w) => (w.pred(f) ? (w.resolve(f), false) : true));
      if (rest.length) this.waiting.set(f.headers.req_id, rest);
      else this.waiting.delete(f.headers.req_id);
    }
    if (f.cmd && this.dropOn?.(f)) {
      this.dropOn = undefined;
      ws.terminate();
      return;
    }
    if (f.cmd && this.nackFor?.(f)) return this.ack(ws, f, undefined, 50001, 'injected failure');
    if (f.cmd?.startsWith('aibot_respond')) {
      const cb = ws === this.socket ? this.live.get(f.headers.req_id) : undefined;
      if (!cb) return this.refuse(ws, f, 40099, 'req_id not found');
      const problem = this.replyProblem(f, cb);
      if (problem) return this.refuse(ws, f, ...problem);
    }
    if (f.cmd === 'aibot_send_msg') {
      const problem = this.sendProblem(f);
      if (problem) return this.refuse(ws, f, ...problem);
      const chat = String(f.body?.chatid ?? '');
      const list = this.sentWaiting.get(chat) ?? [];
      const rest = list.filter((w) => (w.pred(f) ? (w.resolve(f), false) : true));
      if (rest.length) this.sentWaiting.set(chat, rest);
      else this.sentWaiting.delete(chat);
    }
    const b = f.body ?? {};
    switch (f.cmd) {
      case 'aibot_subscribe': {
        const ok = b.bot_id === this.creds.botId && b.secret === this.creds.secret;
        if (!ok) return this.ack(ws, f, undefined, 40058, 'invalid secret');
        this.authenticated++;
        // One connection per bot: the newer one gets it, the older one is told and closed.
        const older = this.socket;
        this.socket = ws;
        this.live = new Map();
        if (older && older !== ws && older.readyState === older.OPEN) {
          this.replacedConnections++;
          older.send(JSON.stringify({ cmd: 'aibot_event_callback', headers: { req_id: `disconnect-${randomUUID()}` }, body: { msgid: randomUUID(), aibotid: this.creds.botId, msgtype: 'event', event: { eventtype: 'disconnected_event' } } }));
          setTimeout(() => older.terminate(), 50);
        }
        return this.ack(ws, f);
      }
      case 'aibot_upload_media_init': {
        const id = randomUUID();
        this.uploads.set(id, { filename: String(b.filename), type: String(b.type), size: Number(b.total_size), chunks: Number(b.total_chunks), md5: String(b.md5), parts: new Map() });
        return this.ack(ws, f, { upload_id: id });
      }
      case 'aibot_upload_media_chunk': {
        const up = this.uploads.get(String(b.upload_id));
        if (!up) return this.ack(ws, f, undefined, 40009, 'unknown upload');
        up.parts.set(Number(b.chunk_index), Buffer.from(String(b.base64_data), 'base64'));
        return this.ack(ws, f);
      }
      case 'aibot_upload_media_finish': {
        const up = this.uploads.get(String(b.upload_id));
        if (!up || up.parts.size !== up.chunks) return this.ack(ws, f, undefined, 40009, 'missing chunks');
        const content = Buffer.concat([...up.parts.entries()].sort((x, y) => x[0] - y[0]).map(([, v]) => v));
        const md5 = createHash('md5').update(content).digest('hex');
        if (content.length !== up.size || md5 !== up.md5) return this.ack(ws, f, undefined, 40009, 'md5 mismatch');
        // an image must be a PNG or JPG of at most 2 MB (WeCom's image media)
        const picture = content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) || content.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]));
        if (up.type === 'image' && (!picture || content.length > 2 * 1024 * 1024)) return this.ack(ws, f, undefined, 40005, 'invalid image');
        const mediaId = `media-${randomUUID()}`;
        this.files.push({ filename: up.filename, content, mediaId, type: up.type });
        return this.ack(ws, f, { media_id: mediaId, type: up.type });
      }
      default:
        return this.ack(ws, f);
    }
  }

  private push(cmd: string, body: Record<string, unknown>): string {
    const reqId = `${cmd}-${randomUUID()}`;
    const event = (body.event as { eventtype?: string; template_card_event?: { task_id?: string }; task_id?: string } | undefined) ?? undefined;
    const kind = cmd === 'aibot_msg_callback' ? 'message' : event?.eventtype === 'enter_chat' ? 'enter_chat' : event?.eventtype === 'template_card_event' ? 'template_card_event' : 'other';
    const taskId = event?.template_card_event?.task_id ?? event?.task_id;
    this.live.set(reqId, { kind, at: this.clock(), ...(taskId ? { taskId } : {}) });
    this.socket!.send(JSON.stringify({ cmd, headers: { req_id: reqId }, body }));
    return reqId;
  }

  text(userid: string, content: string, opts: { msgid?: string; chattype?: 'single' | 'group'; msgtype?: string } = {}): string {
    const msgtype = opts.msgtype ?? 'text';
    return this.push('aibot_msg_callback', {
      msgid: opts.msgid ?? randomUUID(),
      aibotid: this.creds.botId,
      chattype: opts.chattype ?? 'single',
      ...(opts.chattype === 'group' ? { chatid: 'group-1' } : {}),
      from: { userid },
      msgtype,
      ...(msgtype === 'voice' ? { voice: { content } } : msgtype === 'text' ? { text: { content } } : { [msgtype]: { url: 'https://example.invalid/x', aeskey: 'k' } }),
    });
  }

  /**
   * A file message as WeCom pushes it: `file: { url, aeskey }` with a fresh aeskey, the URL on
   * this server serving the file encrypted with it (name in Content-Disposition). Returns the
   * callback's req_id and the download path.
   */
  file(userid: string, fileName: string, content: Uint8Array, opts: FileOpts = {}): { reqId: string; path: string } {
    const aeskey = randomBytes(32).toString('base64');
    const path = `/cgi-bin/file/${randomUUID()}`;
    this.downloads.set(
      path,
      opts.status ? { status: opts.status } : opts.size ? { size: opts.size } : { body: encryptFile(content, aeskey), ...(opts.noName ? {} : { fileName }) },
    );
    const file = { url: `${this.httpUrl}${path}`, aeskey };
    const reqId = this.push('aibot_msg_callback', {
      msgid: opts.msgid ?? randomUUID(),
      aibotid: this.creds.botId,
      chattype: opts.chattype ?? 'single',
      ...(opts.chattype === 'group' ? { chatid: 'group-1' } : {}),
      from: { userid },
      ...(opts.mixed === undefined
        ? { msgtype: 'file', file }
        : { msgtype: 'mixed', mixed: { msg_item: [{ msgtype: 'text', text: { content: opts.mixed } }, { msgtype: 'file', file }] } }),
    });
    return { reqId, path };
  }

  enterChat(userid: string): string {
    return this.push('aibot_event_callback', { msgid: randomUUID(), aibotid: this.creds.botId, from: { userid }, msgtype: 'event', event: { eventtype: 'enter_chat' } });
  }

  /** A button click; `nested` uses WeCom's documented shape, otherwise the SDK types' flat one. */
  click(userid: string, key: string, taskId: string, nested = true): string {
    const details = { card_type: 'button_interaction', event_key: key, task_id: taskId };
    return this.push('aibot_event_callback', {
      msgid: randomUUID(),
      aibotid: this.creds.botId,
      from: { userid },
      msgtype: 'event',
      event: nested ? { eventtype: 'template_card_event', template_card_event: details } : { eventtype: 'template_card_event', ...details },
    });
  }

  kick(): void {
    this.push('aibot_event_callback', { msgid: randomUUID(), aibotid: this.creds.botId, msgtype: 'event', event: { eventtype: 'disconnected_event' } });
  }

  /** The network goes away (current connection dropped, new ones refused) or comes back. */
  setOffline(offline: boolean): void {
    this.offline = offline;
    if (offline) this.dropConnection();
  }

  /** Whether a connection is open and authenticated. */
  get connected(): boolean {
    return this.socket !== undefined && this.socket.readyState === this.socket.OPEN;
  }

  /** The cards pushed to a person (aibot_send_msg template_card), oldest first. */
  cards(userid: string): { task_id: string; button_list: { text: string; key: string }[] }[] {
    return this.frames
      .filter((f) => f.cmd === 'aibot_send_msg' && f.body?.chatid === userid && f.body?.msgtype === 'template_card' && !this.refused.some((r) => r.frame === f))
      .map((f) => f.body!.template_card as { task_id: string; button_list: { text: string; key: string }[] });
  }

  dropConnection(): void {
    this.socket?.terminate();
  }

  /** Frames the bot sent answering callback `reqId`, or proactively (aibot_send_msg). */
  answers(reqId: string): Frame[] {
    return this.frames.filter((f) => f.headers.req_id === reqId && f.cmd !== undefined);
  }

  /** Waits until `probe` gives something; `timeoutMs` is a backstop and never less than 120 s. */
  async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
    // a backstop only, sized for a loaded machine: the probe decides
    const end = Date.now() + Math.max(timeoutMs, 120_000);
    for (;;) {
      const v = probe();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out; frames so far: ${this.frames.map((f) => f.cmd).join(',')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** The markdown text of the stream replies of a callback. */
export function streamText(frames: Frame[]): string {
  return frames
    .filter((f) => f.cmd === 'aibot_respond_msg' && (f.body as { msgtype?: string }).msgtype === 'stream')
    .map((f) => (f.body as { stream: { content: string } }).stream.content)
    .join('\n');
}
