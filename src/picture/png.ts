import { CHART_WIDTH } from './chart-svg.js';
import { PictureError } from './picture-error.js';

export { PictureError } from './picture-error.js';

/**
 * SVG to PNG with resvg (@resvg/resvg-js: Rust, prebuilt for each platform, no browser). The SVG
 * carries no text by then (text-paths.ts outlines it), so no font is loaded here.
 *
 * Drawn synchronously, in the calling thread: that is the background thread, which runs at nice 10
 * (export/build-worker.ts). resvg's `renderAsync` would draw in libuv's thread pool instead, at the
 * process's own priority, where the last minutes of deadline day's 500 pictures competed with
 * the main thread's turns for the two cores (docs/performance.md, 2026-12-04).
 */

/** Pixels per CSS pixel: sharp on a phone. */
const SCALE = 2;

type Resvg = typeof import('@resvg/resvg-js');
let resvg: Promise<Resvg> | undefined;

/** The SVG drawn at phone width × 2, as PNG bytes (`fonts`: for text left in the SVG; none by default). */
export async function svgToPng(svg: string, fonts: string[] = []): Promise<Buffer> {
  resvg ??= import('@resvg/resvg-js');
  const { Resvg } = await resvg;
  try {
    const image = new Resvg(svg, {
      font: { loadSystemFonts: false, fontFiles: fonts },
      fitTo: { mode: 'width', value: CHART_WIDTH * SCALE },
      background: '#ffffff',
      logLevel: 'off',
    }).render();
    return image.asPng();
  } catch (e) {
    throw new PictureError('PICTURE_RENDER', `score picture not rendered: ${e instanceof Error ? e.message : String(e)}`);
  }
}
