import type { WSClient } from '@wecom/aibot-node-sdk';
import type { Reply } from '../dialogs/types.js';
import { pictures } from '../picture/pictures.js';
import type { Budget } from '../store/send-budget.js';
import { describe } from './wecom-ws-frames.js';

/**
 * The score picture over the 智能机器人 long connection: drawn (picture/pictures.ts), uploaded
 * as media of type image (aibot_upload_media_init/_chunk/_finish) and pushed with aibot_send_msg
 * msgtype image — a proactive send, counted by the person's budget, and only while more than
 * `reserve` sends are left (those are kept for the report file and the choice card). A picture
 * that cannot be drawn or sent is logged and skipped: the text above it has the score.
 */
export async function pushPictures(
  client: WSClient,
  budget: Budget,
  user: string,
  replies: Reply[],
  reserve: number,
  log?: (level: 'warn', msg: string) => void,
): Promise<void> {
  for (const r of replies) {
    if (!r.picture) continue;
    if ((await budget.left(user)) <= reserve) {
      log?.('warn', `wecom: score picture to ${user} not sent: sends kept for files and cards`);
      continue;
    }
    let png: Buffer;
    try {
      png = await pictures.png(r.picture);
    } catch (e) {
      log?.('warn', `wecom: score picture for ${user} not drawn: ${describe(e)}`);
      continue;
    }
    if (!(await budget.take(user))) continue;
    try {
      const { media_id } = await client.uploadMedia(png, { type: 'image', filename: 'score.png' });
      await client.sendMediaMessage(user.slice('wecom:'.length), 'image', media_id);
    } catch (e) {
      log?.('warn', `wecom: score picture to ${user} not sent: ${describe(e)}`);
    }
  }
}
