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
}

/** Token errors: refresh the token once and retry (40014 invalid, 42001 expired, 40001 bad secret/token). */
const TOKEN_ERRORS = new Set([40014, 42001, 40001]);
/** Rate limits and transient failures: back off and retry, never drop the reply. */
const RETRY_ERRORS = new Set([45009, 45033, -1]);
const MAX_RETRIES = 5;
const TEXT_MAX = 2048;
const MARKDOWN_MAX = 4096;

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
      if (TOKEN_ERRORS.has(code) && !refreshed) {
        refreshed = true;
        this.token = undefined;
        continue;
      }
      if (RETRY_ERRORS.has(code) && attempt < MAX_RETRIES) {
        await this.sleep(500 * 2 ** attempt);
        continue;
      }
      throw new WecomApiError(code, body.errmsg ?? '', path.split('?')[0]!);
    }
  }

  private async send(body: Record<string, unknown>): Promise<void> {
    await this.call('/cgi-bin/message/send', () => ({
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
    const body = await this.call('/cgi-bin/media/upload?type=file', () => {
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(content)], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }), filename);
      return { method: 'POST', body: form };
    });
    const mediaId = body.media_id;
    if (typeof mediaId !== 'string') throw new WecomApiError(-1, 'no media_id', 'media/upload');
    return mediaId;
  }

  async sendFile(userid: string, mediaId: string): Promise<void> {
    await this.send({ touser: userid, msgtype: 'file', file: { media_id: mediaId } });
  }
}
