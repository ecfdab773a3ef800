import { splitByBytes } from './outbound.js';

/**
 * A small typed client of the WeCom server API for the 自建应用 channel (no official npm client
 * exists). Base URL configurable so tests talk to a fake server.
 */
export interface WecomApiOptions {
  corpId: string;
  secret: string;
  agentId: string;
  base?: string;
  fetch?: typeof fetch;
  /** Injected in tests to skip real waiting. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /**
   * Messages per member per minute this client sends at most (default 30). WeCom's documented
   * frequency limits (访问频率限制, developer.work.weixin.qq.com/document/path/90312; the same
   * text for third-party apps at /document/path/90454): "每应用对同一个成员不可超过30次/分钟，
   * 1000次/小时，超过部分会被丢弃不下发" — over the limit a message is dropped, and a blocked
   * minute lasts 60 s. So sends to one member are paced here rather than found out by errors.
   */
  perUserPerMinute?: number;
  log?: (level: 'warn' | 'error', msg: string) => void;
}

/** Token errors: refresh the token once and retry (40014 invalid, 42001 expired, 40001 bad secret/token). */
const TOKEN_ERRORS = new Set([40014, 42001, 40001]);
/** Rate limits and transient failures: back off and retry, never drop the reply. */
const RETRY_ERRORS = new Set([45009, 45033, -1]);
/** Back-off 1, 2, 4, 8, 16, 30, 30 s: over a minute in all, as long as WeCom blocks a member's minute. */
const MAX_RETRIES = 7;
const BACKOFF_CAP_MS = 30_000;
const PER_USER_PER_MINUTE = 30;
const MINUTE_MS = 60_000;
const TEXT_MAX = 2048;
const MARKDOWN_MAX = 4096;

/** A download (media/get) larger than the limit: cut off, not read whole. */
export class MediaTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`media larger than ${limit} bytes`);
  }
}

/** How long one media/get may take in all. */
const DOWNLOAD_TIMEOUT_MS = 60_000;

/**
 * The file name of a download's Content-Disposition: `filename*=UTF-8''…` (RFC 5987), else
 * `filename="…"`, which WeCom sends as raw UTF-8 bytes (fetch hands header bytes over as
 * Latin-1) or percent-encoded.
 */
export function dispositionName(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(header);
  let name = star?.[1] ?? plain?.[1] ?? plain?.[2];
  if (!name) return undefined;
  try {
    if (/%[0-9a-f]{2}/i.test(name)) name = decodeURIComponent(name);
  } catch {
    // not percent-encoded after all
  }
  // raw UTF-8 read as Latin-1: every unit a byte, and valid UTF-8 as bytes
  if (/^[\u0000-\u00ff]*$/.test(name) && /[\u0080-\u00ff]/.test(name)) {
    const utf8 = Buffer.from(name, 'latin1').toString('utf8');
    if (!utf8.includes('\ufffd')) name = utf8;
  }
  return name.trim() || undefined;
}

export class WecomApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly path: string,
  ) {
    super(`WeCom API ${path} failed: ${errcode} ${errmsg}`);
  }
}

interface ApiAnswer {
  errcode?: number;
  errmsg?: string;
  [k: string]: unknown;
}

export class WecomApi {
  private token: { value: string; expiresAt: number } | undefined;
  private tokenPromise: Promise<string> | undefined;
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly opts: WecomApiOptions) {
    this.base = (opts.base ?? 'https://qyapi.weixin.qq.com').replace(/\/$/, '');
    this.fetch = opts.fetch ?? fetch;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = opts.now ?? Date.now;
  }

  /** The access token, cached per client and refreshed five minutes before it expires. */
  async accessToken(force = false): Promise<string> {
    if (!force && this.token && this.token.expiresAt > this.now()) return this.token.value;
    this.tokenPromise ??= (async () => {
      try {
        const url = `${this.base}/cgi-bin/gettoken?corpid=${encodeURIComponent(this.opts.corpId)}&corpsecret=${encodeURIComponent(this.opts.secret)}`;
        const body = (await (await this.fetch(url)).json()) as ApiAnswer & { access_token?: string; expires_in?: number };
        if (body.errcode || !body.access_token) throw new WecomApiError(body.errcode ?? -1, body.errmsg ?? 'no token', 'gettoken');
        this.token = { value: body.access_token, expiresAt: this.now() + Math.max(60, (body.expires_in ?? 7200) - 300) * 1000 };
        return body.access_token;
      } finally {
        this.tokenPromise = undefined;
      }
    })();
    return this.tokenPromise;
  }

  /**
   * Whether a call that failed with `code` is tried again: a token error once, after dropping the
   * token (`refreshed` says whether that was done already); a rate limit after a back-off.
   */
  private async again(code: number, attempt: number, refreshed: boolean, what: string): Promise<boolean> {
    if (TOKEN_ERRORS.has(code)) {
      if (refreshed) return false;
      this.token = undefined;
      return true;
    }
    if (RETRY_ERRORS.has(code) && attempt < MAX_RETRIES) {
      await this.sleep(Math.min(1000 * 2 ** attempt, BACKOFF_CAP_MS));
      return true;
    }
    if (RETRY_ERRORS.has(code)) this.log('error', `wecom api: ${what} gave up after ${attempt + 1} tries (errcode ${code}, rate limited or failing); not delivered`);
    return false;
  }

  /** Send times of the last minute, per member (for pacing). */
  private readonly recent = new Map<string, number[]>();

  /**
   * Wait until one more message to `userid` stays within the per-member limit, then count it.
   * Sends to one member run one after the other (the member's queue), so one wait makes room.
   */
  private async pace(userid: string): Promise<void> {
    const limit = this.opts.perUserPerMinute ?? PER_USER_PER_MINUTE;
    const now = this.now();
    const times = (this.recent.get(userid) ?? []).filter((t) => t > now - MINUTE_MS);
    if (times.length >= limit) await this.sleep(times[times.length - limit]! + MINUTE_MS - now);
    times.push(this.now());
    this.recent.set(userid, times.slice(-limit));
    if (this.recent.size > 10_000) for (const [k, v] of this.recent) if (!v.some((t) => t > now - MINUTE_MS)) this.recent.delete(k);
  }

  /** Call an API path with the token; refresh once on token errors, back off on rate limits. */
  private async call(path: string, init: () => RequestInit): Promise<ApiAnswer> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      let token: string;
      try {
        token = await this.accessToken();
      } catch (e) {
        if (attempt < MAX_RETRIES && !(e instanceof WecomApiError && TOKEN_ERRORS.has(e.errcode))) {
          await this.sleep(200 * 2 ** attempt);
          continue;
        }
        throw e;
      }
      const sep = path.includes('?') ? '&' : '?';
      const res = await this.fetch(`${this.base}${path}${sep}access_token=${encodeURIComponent(token)}`, init());
      const body = (await res.json().catch(() => ({ errcode: -1, errmsg: `HTTP ${res.status}` }))) as ApiAnswer;
      const code = body.errcode ?? 0;
      if (code === 0) return body;
      if (await this.again(code, attempt, refreshed, path.split('?')[0]!)) {
        refreshed ||= TOKEN_ERRORS.has(code);
        continue;
      }
      throw new WecomApiError(code, body.errmsg ?? '', path.split('?')[0]!);
    }
  }

  private log(level: 'warn' | 'error', msg: string): void {
    this.opts.log?.(level, msg);
  }

  private async send(body: Record<string, unknown> & { touser: string }): Promise<ApiAnswer> {
    await this.pace(body.touser);
    return this.call('/cgi-bin/message/send', () => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ agentid: Number(this.opts.agentId), ...body }),
    }));
  }

  /** Text messages hold 2048 bytes: longer text is split on line boundaries. */
  async sendText(userid: string, content: string): Promise<void> {
    for (const piece of splitByBytes(content, TEXT_MAX)) await this.send({ touser: userid, msgtype: 'text', text: { content: piece } });
  }

  async sendMarkdown(userid: string, content: string): Promise<void> {
    for (const piece of splitByBytes(content, MARKDOWN_MAX)) await this.send({ touser: userid, msgtype: 'markdown', markdown: { content: piece } });
  }

  /** media/upload, multipart field `media` with the file name; returns the media_id. */
  async uploadFile(filename: string, content: Uint8Array): Promise<string> {
    const type = filename.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    return this.upload('file', filename, content, type);
  }

  /** media/upload?type=image (JPG/PNG); returns the media_id for msgtype image. */
  async uploadImage(filename: string, png: Uint8Array): Promise<string> {
    return this.upload('image', filename, png, 'image/png');
  }

  private async upload(kind: 'file' | 'image', filename: string, content: Uint8Array, type: string): Promise<string> {
    const body = await this.call(`/cgi-bin/media/upload?type=${kind}`, () => {
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(content)], { type }), filename);
      return { method: 'POST', body: form };
    });
    const mediaId = body.media_id;
    if (typeof mediaId !== 'string') throw new WecomApiError(-1, 'no media_id', 'media/upload');
    return mediaId;
  }

  /**
   * media/get: a file a user sent, at most `maxBytes` (MediaTooLargeError, by Content-Length
   * before reading or as soon as the body passes it). An error comes as JSON ({errcode, errmsg},
   * e.g. 40007 for an unknown media id): token errors refresh once, rate limits back off, others
   * throw WecomApiError. The name is the download's Content-Disposition.
   */
  async downloadMedia(mediaId: string, maxBytes: number): Promise<{ content: Buffer; fileName?: string }> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const url = `${this.base}/cgi-bin/media/get?access_token=${encodeURIComponent(token)}&media_id=${encodeURIComponent(mediaId)}`;
      const res = await this.fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
      const content = await readLimited(res, maxBytes);
      const type = res.headers.get('content-type') ?? '';
      let code = 0;
      let msg = '';
      if (/json|text\/plain/i.test(type) && content.length < 4096) {
        try {
          const body = JSON.parse(content.toString('utf8')) as ApiAnswer;
          if (typeof body.errcode === 'number') [code, msg] = [body.errcode, body.errmsg ?? ''];
        } catch {
          // a file that happens to be text
        }
      }
      if (code === 0 && !res.ok) [code, msg] = [-1, `HTTP ${res.status}`];
      if (code === 0) {
        const fileName = dispositionName(res.headers.get('content-disposition'));
        return { content, ...(fileName ? { fileName } : {}) };
      }
      if (await this.again(code, attempt, refreshed, 'media/get')) {
        refreshed ||= TOKEN_ERRORS.has(code);
        continue;
      }
      throw new WecomApiError(code, msg, 'media/get');
    }
  }

  async sendFile(userid: string, mediaId: string): Promise<void> {
    await this.send({ touser: userid, msgtype: 'file', file: { media_id: mediaId } });
  }

  async sendImage(userid: string, mediaId: string): Promise<void> {
    await this.send({ touser: userid, msgtype: 'image', image: { media_id: mediaId } });
  }

  /** A template_card; returns the response_code WeCom gives for cards with callbacks. */
  async sendTemplateCard(userid: string, card: Record<string, unknown>): Promise<string | undefined> {
    const body = await this.send({ touser: userid, msgtype: 'template_card', template_card: card });
    return typeof body.response_code === 'string' ? body.response_code : undefined;
  }

  /**
   * message/update_template_card: grey a clicked card's buttons and show `replaceName` on them
   * (update_template_card, "更新按钮为不可点击状态": userids, agentid, response_code,
   * button.replace_name). A response_code serves one update, within 72 h.
   */
  async updateTemplateCard(userid: string, responseCode: string, replaceName: string): Promise<void> {
    await this.call('/cgi-bin/message/update_template_card', () => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userids: [userid], agentid: Number(this.opts.agentId), response_code: responseCode, button: { replace_name: replaceName } }),
    }));
  }
}

/** A response body of at most `limit` bytes, else MediaTooLargeError (the rest is not read). */
async function readLimited(res: Response, limit: number): Promise<Buffer> {
  const length = Number(res.headers.get('content-length') ?? NaN);
  if (length > limit) {
    await res.body?.cancel().catch(() => undefined);
    throw new MediaTooLargeError(limit);
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new MediaTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
