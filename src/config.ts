import { z } from 'zod';
import { zh } from './messages/zh.js';

/** The embedded SQLite database, created on first start. */
export const DEFAULT_DATABASE_URL = 'file:./data/jixiao.db';

/** Where the server listens when the web chat is on and HOST is not set: this machine only. */
export const LOOPBACK_HOST = '127.0.0.1';
/** Where it listens when the web chat is off and HOST is not set (the 自建应用 callback must be reachable). */
export const ALL_HOSTS = '0.0.0.0';

/** Environment settings, validated once at start-up (zod) so a typo stops the process clearly. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Default: 127.0.0.1 while the web chat is on, 0.0.0.0 otherwise (see readConfig). */
  HOST: z.string().optional(),
  RULESET_DEFAULT: z.string().default('yueyang-reference'),
  /** file:… = embedded SQLite (default), postgresql://… = PostgreSQL for several instances. */
  DATABASE_URL: z.string().default(DEFAULT_DATABASE_URL),
  /**
   * The local web chat at / (a trial channel without login). Default: on without a WeCom channel,
   * off as soon as one is configured (then only `WEB_CHAT=on` turns it on).
   */
  WEB_CHAT: z.enum(['on', 'off']).optional(),
  /** Open connections one remote address may hold; more are closed at once. */
  MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(32),
  /**
   * `on` behind a reverse proxy that sets X-Forwarded-For: the client's address (per-address
   * limits such as wrong invite codes) is taken from it. Off by default: a client could forge it.
   */
  TRUST_PROXY: z.enum(['on', 'off']).default('off'),
  /** The address people open this server at (https://…): the dashboard's login links (`后台`) are made on it. */
  PUBLIC_URL: z.string().url().optional(),
  // WeCom 智能机器人 (long connection): enabled when both are set.
  WECOM_BOT_ID: z.string().optional(),
  WECOM_BOT_SECRET: z.string().optional(),
  WECOM_WS_URL: z.string().url().optional(),
  /**
   * Proactive sends (cards, files) per person and day, and the hours after a person's last message
   * in which they are allowed. WeCom publishes no figure; these are estimates (README「企业微信的限制」).
   */
  WECOM_PROACTIVE_PER_DAY: z.coerce.number().int().min(0).max(100_000).default(100),
  WECOM_PROACTIVE_WINDOW_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),
  // WeCom 自建应用 (HTTP callback): enabled when all five are set.
  WECOM_CORP_ID: z.string().optional(),
  WECOM_AGENT_ID: z.string().optional(),
  WECOM_AGENT_SECRET: z.string().optional(),
  WECOM_TOKEN: z.string().optional(),
  WECOM_ENCODING_AES_KEY: z.string().length(43, 'EncodingAESKey 应为 43 个字符').optional(),
  WECOM_API_BASE: z.string().url().default('https://qyapi.weixin.qq.com'),
  /** 自建应用 messages per member per minute (WeCom documents 30; the excess is dropped): see WecomApiOptions. */
  WECOM_APP_SEND_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
});

type Parsed = z.infer<typeof Env>;

/** The effective settings: defaults that depend on other settings are resolved here. */
export type Config = Omit<Parsed, 'HOST' | 'WEB_CHAT'> & { HOST: string; WEB_CHAT: 'on' | 'off' };

const BOT_VARS = ['WECOM_BOT_ID', 'WECOM_BOT_SECRET'] as const;
const APP_VARS = ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_AGENT_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'] as const;

/** The 智能机器人 long connection is configured (both of its variables are set). */
export function hasWecomBot(c: Pick<Parsed, (typeof BOT_VARS)[number]>): boolean {
  return BOT_VARS.every((k) => Boolean(c[k]));
}

/** The 自建应用 callback is configured (all five of its variables are set). */
export function hasWecomApp(c: Pick<Parsed, (typeof APP_VARS)[number]>): boolean {
  return APP_VARS.every((k) => Boolean(c[k]));
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // `DATABASE_URL=` in an env file means "not set": use the default, not an empty URL.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const r = Env.safeParse(given);
  if (!r.success) {
    // Names and zod's wording only: never the value, which may be a secret.
    const lines = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`环境变量配置有误，请修改后重启：${lines.join('；')}`);
  }
  const { HOST, WEB_CHAT, ...rest } = r.data;
  const webChat = WEB_CHAT ?? (hasWecomBot(r.data) || hasWecomApp(r.data) ? 'off' : 'on');
  return {
    ...rest,
    WEB_CHAT: webChat,
    HOST: HOST ?? (webChat === 'on' ? LOOPBACK_HOST : ALL_HOSTS),
  };
}

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback: reachable from this machine only. */
export function isLoopback(address: string): boolean {
  const a = address.toLowerCase().replace(/^::ffff:/, '');
  return a === '::1' || a === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** `http://host:port/` for a bound address (IPv6 in brackets). */
export function listenUrl(address: string, port: number): string {
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}/`;
}

/**
 * What the operator must be told at start, in Chinese: the web chat open beyond this machine, and
 * WeCom settings that are half there (the channel is then not started). Names only, never values.
 */
export function startupWarnings(config: Config, boundAddress: string): string[] {
  const out: string[] = [];
  if (config.WEB_CHAT === 'on' && !isLoopback(boundAddress)) out.push(zh.server.webChatExposed(boundAddress));
  for (const [name, vars] of [[zh.server.wecomBot, BOT_VARS], [zh.server.wecomApp, APP_VARS]] as const) {
    const missing = vars.filter((k) => !config[k]);
    if (missing.length > 0 && missing.length < vars.length) out.push(zh.server.wecomIncomplete(name, missing));
  }
  return out;
}
