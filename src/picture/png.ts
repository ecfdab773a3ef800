import { existsSync } from 'node:fs';
import { CHART_FONT, CHART_WIDTH } from './chart-svg.js';

/**
 * SVG to PNG with resvg (@resvg/resvg-js: Rust, prebuilt for each platform, no browser, renders
 * in libuv's thread pool). resvg reads no fontconfig, so the CJK fonts are loaded from their
 * files: Noto Sans CJK (fonts-noto-cjk), which fonts/fonts.conf aliases 黑体 to for the document.
 */

/** Where fonts-noto-cjk puts Noto Sans CJK (Debian/Ubuntu, Fedora, Arch, Alpine). */
export const FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc',
];

export class PictureError extends Error {
  constructor(
    readonly code: 'PICTURE_NO_FONT' | 'PICTURE_RENDER',
    message: string,
  ) {
    super(message);
    this.name = 'PictureError';
  }
}

/** Pixels per CSS pixel: sharp on a phone. */
const SCALE = 2;

/** The font files found, once per process. */
let found: string[] | undefined;
function fontFiles(): string[] {
  found ??= FONT_CANDIDATES.filter((f) => existsSync(f));
  if (!found.length) throw new PictureError('PICTURE_NO_FONT', `no Noto Sans CJK font found (install fonts-noto-cjk); looked at ${FONT_CANDIDATES.join(', ')}`);
  return found;
}

type Resvg = typeof import('@resvg/resvg-js');
let resvg: Promise<Resvg> | undefined;

/** The SVG drawn at phone width × 2, as PNG bytes. */
export async function svgToPng(svg: string, fonts: string[] = fontFiles()): Promise<Buffer> {
  resvg ??= import('@resvg/resvg-js');
  const { renderAsync } = await resvg;
  try {
    const image = await renderAsync(svg, {
      font: { loadSystemFonts: false, fontFiles: fonts, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
      fitTo: { mode: 'width', value: CHART_WIDTH * SCALE },
      background: '#ffffff',
      logLevel: 'off',
    });
    return image.asPng();
  } catch (e) {
    throw new PictureError('PICTURE_RENDER', `score picture not rendered: ${e instanceof Error ? e.message : String(e)}`);
  }
}
