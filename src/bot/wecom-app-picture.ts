import type { Reply } from '../dialogs/types.js';
import { pictures } from '../picture/pictures.js';
import type { WecomApi } from './wecom-api.js';

/**
 * The score picture through the 自建应用's API: drawn (picture/pictures.ts), media/upload with
 * type=image, then message/send msgtype image. One that cannot be drawn or is refused is logged
 * and skipped: the text sent before it has the score.
 */
export async function sendPictures(api: WecomApi, userid: string, replies: Reply[], log: (level: 'warn', msg: string) => void, sent: () => void): Promise<void> {
  for (const r of replies) {
    if (!r.picture) continue;
    try {
      const png = await pictures.png(r.picture);
      await api.sendImage(userid, await api.uploadImage('score.png', png));
      sent();
    } catch (e) {
      log('warn', `wecom app: score picture to ${userid} not sent: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
