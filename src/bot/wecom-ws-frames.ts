import type { WsFrame } from '@wecom/aibot-node-sdk';

/** Reading the callback frames of the 智能机器人 long connection (see ../shared/wecom/README.md). */
export type Frame = WsFrame<Record<string, unknown>>;

export function textOf(body: Record<string, unknown>): string | undefined {
  const type = body.msgtype;
  if (type === 'text') return (body.text as { content?: string } | undefined)?.content;
  if (type === 'voice') return (body.voice as { content?: string } | undefined)?.content; // already transcribed
  return undefined;
}

/** A file sent in the chat: `file: {url, aeskey}`, or a file item of a `mixed` message. */
export function fileOf(body: Record<string, unknown>): { url: string; aeskey?: string } | undefined {
  const asFile = (x: unknown) => {
    const f = x as { url?: unknown; aeskey?: unknown } | undefined;
    return f && typeof f.url === 'string' && f.url ? { url: f.url, ...(typeof f.aeskey === 'string' && f.aeskey ? { aeskey: f.aeskey } : {}) } : undefined;
  };
  if (body.msgtype === 'file') return asFile(body.file);
  if (body.msgtype === 'mixed') {
    const items = (body.mixed as { msg_item?: unknown } | undefined)?.msg_item;
    if (!Array.isArray(items)) return undefined;
    for (const item of items as Record<string, unknown>[]) if (item?.msgtype === 'file') return asFile(item.file);
  }
  return undefined;
}

/** The SDK's download refused a body over its size limit (axios maxContentLength). */
export const overLimit = (e: unknown): boolean => /maxContentLength/i.test(e instanceof Error ? e.message : String(e));

/** In a group the bot answers only when addressed: the mention is removed from the text. */
export function addressedText(body: Record<string, unknown>, raw: string): string | undefined {
  if (body.chattype !== 'group') return raw;
  if (!/@\S+/.test(raw)) return undefined;
  return raw.replace(/@\S+\s*/g, '').trim();
}

/** Event details: WeCom documents them nested under the event type, the SDK's types flat. */
export function eventDetails(body: Record<string, unknown>): { type: string; key?: string; taskId?: string } {
  const event = (body.event ?? {}) as Record<string, unknown>;
  const type = String(event.eventtype ?? '');
  const nested = (event[type] ?? {}) as Record<string, unknown>;
  const key = (nested.event_key ?? event.event_key) as string | undefined;
  const taskId = (nested.task_id ?? event.task_id) as string | undefined;
  return { type, ...(key !== undefined ? { key } : {}), ...(taskId !== undefined ? { taskId } : {}) };
}

/** The person a frame is from, as the bot's user id. */
export function userOf(body: Record<string, unknown>): string | undefined {
  const id = (body.from as { userid?: string } | undefined)?.userid;
  return id ? `wecom:${id}` : undefined;
}

/** The errcode of a refused frame (the SDK rejects with the ack frame), if any. */
export function errcodeOf(e: unknown): number | undefined {
  const code = (e as { errcode?: unknown } | undefined)?.errcode;
  return typeof code === 'number' ? code : undefined;
}

/** One line for a log: an Error's message, an ack frame's errcode/errmsg, or the value. */
export function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  const f = e as { errcode?: unknown; errmsg?: unknown } | undefined;
  if (f && typeof f === 'object' && 'errcode' in f) return `errcode ${String(f.errcode)}: ${String(f.errmsg ?? '')}`;
  return typeof e === 'string' ? e : JSON.stringify(e);
}
