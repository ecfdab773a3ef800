import { z } from 'zod';

/** The embedded SQLite database, created on first start. */
export const DEFAULT_DATABASE_URL = 'file:./data/jixiao.db';

/** Environment settings, validated once at start-up (zod) so a typo stops the process clearly. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  RULESET_DEFAULT: z.string().default('yueyang-reference'),
  /** file:… = embedded SQLite (default), postgresql://… = PostgreSQL for several instances. */
  DATABASE_URL: z.string().default(DEFAULT_DATABASE_URL),
  /** The local web chat at / (a trial channel without login); `off` turns it off. */
  WEB_CHAT: z.enum(['on', 'off']).default('on'),
  /** Open connections one remote address may hold; more are closed at once. */
  MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(32),
  // WeCom 智能机器人 (long connection): enabled when both are set.
  WECOM_BOT_ID: z.string().optional(),
  WECOM_BOT_SECRET: z.string().optional(),
  WECOM_WS_URL: z.string().url().optional(),
  // WeCom 自建应用 (HTTP callback): enabled when all five are set.
  WECOM_CORP_ID: z.string().optional(),
  WECOM_AGENT_ID: z.string().optional(),
  WECOM_AGENT_SECRET: z.string().optional(),
  WECOM_TOKEN: z.string().optional(),
  WECOM_ENCODING_AES_KEY: z.string().length(43, 'EncodingAESKey 应为 43 个字符').optional(),
  WECOM_API_BASE: z.string().url().default('https://qyapi.weixin.qq.com'),
});

export type Config = z.infer<typeof Env>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // `DATABASE_URL=` in an env file means "not set": use the default, not an empty URL.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const r = Env.safeParse(given);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`环境变量配置有误，请修改后重启：${lines.join('；')}`);
  }
  return r.data;
}
