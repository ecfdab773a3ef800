import type { WSClient } from '@wecom/aibot-node-sdk';
import { MAX_IMPORT_BYTES } from '../import/types.js';
import { zh } from '../messages/zh.js';
import type { Bot, TurnResult } from './bot.js';
import { describe, overLimit } from './wecom-ws-frames.js';

/** Files over the 智能机器人 long connection: a person's file in, the report or template out. */

/** Tries to deliver a file when the connection breaks during the upload. */
const FILE_ATTEMPTS = 3;
const RECONNECT_WAIT_MS = 30_000;
/** A file's download and decryption, all in (the SDK's own timeout is per socket inactivity). */
const DOWNLOAD_TIMEOUT_MS = 60_000;
/** When WeCom's download gives no name (Content-Disposition): the reader goes by content. */
const NO_NAME = '文件';

/**
 * A file message: downloaded and decrypted by the SDK (downloadFile(url, aeskey); the name
 * comes from the download's Content-Disposition), at most 20 MB, then read by the bot. A
 * download that fails or is too large is answered and logged; nothing is stored.
 */
export async function receiveFile(
client: WSClient,
bot: Bot,
m: { user: string; messageId: string; file: { url: string; aeskey?: string }; channel: string },
log?: (level: 'warn', msg: string) => void,
): Promise<TurnResult> {
const { user, messageId, file } = m;
  const tooLarge = { replies: [{ text: zh.files.tooLarge(MAX_IMPORT_BYTES / 1024 / 1024) }] };
  let got: { buffer: Buffer; filename?: string };
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${DOWNLOAD_TIMEOUT_MS} ms`)), DOWNLOAD_TIMEOUT_MS);
    });
    got = await Promise.race([client.downloadFile(file.url, file.aeskey), timeout]);
  } catch (e) {
    log?.('warn', `wecom file of ${user} (message ${messageId}) not downloaded: ${describe(e)}`);
    return overLimit(e) ? tooLarge : { replies: [{ text: zh.files.downloadFailed }] };
  } finally {
    clearTimeout(timer);
  }
  if (got.buffer.byteLength > MAX_IMPORT_BYTES) return tooLarge;
  return bot.handleFile({ channel: m.channel, userExternalId: user, messageId, fileName: got.filename || NO_NAME, content: got.buffer, buttons: true });
}

/**
 * Upload and send a file (the report, the template). Always pushed with aibot_send_msg, never as
 * a passive reply (one passive reply per callback, and WeCom is reported to ignore a file replied
 * after a finished stream; the official plugin pushes files the same way). If the socket drops,
 * wait for the reconnect and go on: the upload is retried until it has a media_id.
 */
export async function sendFile(
  client: WSClient,
  userid: string,
  file: { fileName: string; content: Uint8Array },
  authenticated: () => boolean,
  fail: (e: unknown) => void,
): Promise<void> {
  let mediaId: string | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      mediaId ??= (await client.uploadMedia(Buffer.from(file.content), { type: 'file', filename: file.fileName })).media_id;
      await client.sendMediaMessage(userid, 'file', mediaId);
      return;
    } catch (e) {
      if (attempt >= FILE_ATTEMPTS) throw e;
      fail(e);
      await reconnected(client, authenticated, RECONNECT_WAIT_MS);
    }
  }
}

/** Resolves once the client is authenticated again (or after `ms`). */
async function reconnected(client: WSClient, authenticated: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  await new Promise((r) => setTimeout(r, 200));
  while (!(authenticated() && client.isConnected) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
}
