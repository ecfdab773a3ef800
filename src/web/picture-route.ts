import type { Context } from 'koa';
import { zh } from '../messages/zh.js';
import { PictureError } from '../picture/picture-error.js';
import { pictures } from '../picture/pictures.js';
import type { ScoreChart } from '../picture/score-chart.js';

/**
 * The score picture in the web chat: the reply links to it (an id kept in this process for an
 * hour, for this person only) and the page shows it inline. Drawing starts with the link, so the
 * PNG is usually ready when the browser asks; the text reply never waits for it.
 */
export function pictureLink(user: string, chart: ScoreChart): { url: string; alt: string } {
  const id = pictures.link(user, chart);
  pictures.png(chart).catch(() => undefined); // drawn now; a failure is answered on the request
  return { url: `/api/chat/picture/${id}?user=${encodeURIComponent(user.slice('web:'.length))}`, alt: chart.alt };
}

const NAME = /^[\p{L}\p{N}_\- ]{1,32}$/u;

/** GET /api/chat/picture/:id?user=… → image/png; 404 for an unknown id or another person's. */
export async function pictureRoute(ctx: Context & { params: Record<string, string> }): Promise<void> {
  const name = typeof ctx.query.user === 'string' ? ctx.query.user.trim() : '';
  const chart = NAME.test(name) ? pictures.linked(ctx.params.id ?? '', `web:${name}`) : undefined;
  if (!chart) return ctx.throw(404, zh.score.noPicture);
  let png: Buffer;
  try {
    png = await pictures.png(chart);
  } catch (e) {
    if (!(e instanceof PictureError)) throw e;
    console.warn(`web: score picture not drawn (${e.code}): ${e.message}`);
    // answered here: the server's error handler would log a stack and say only 服务出错了
    ctx.status = 503;
    ctx.body = { error: 503, message: zh.score.notSent };
    return;
  }
  ctx.type = 'image/png';
  ctx.set('Cache-Control', 'private, max-age=3600');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.body = png;
}
