import { existsSync } from 'node:fs';
import type { Font } from 'fontkit';
import { PictureError } from './picture-error.js';

/**
 * The SVG's <text> as glyph outlines (<path>), laid out with fontkit from Noto Sans CJK SC
 * (fonts-noto-cjk; fonts/fonts.conf aliases 黑体 to it). resvg then draws paths only: given the
 * font itself, it re-read the 19 MB collection for the glyphs of every text, about 0.4 s of CPU
 * and 20 MB more resident memory per picture. Handles the <text> chart-svg.ts writes: one line, x/y,
 * text-anchor, dominant-baseline, font-size, font-weight and fill in attributes/style (and a transform).
 */

/** Where fonts-noto-cjk puts Noto Sans CJK (Debian/Ubuntu, Fedora, Arch). */
export const FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
];
const FACE = 'NotoSansCJKsc-Regular';
/** The font (19 MB read, parsed lazily) is dropped this long after the last picture. */
const KEEP_MS = 60_000;
/** Bold is the regular face outlined in its own colour: this fraction of the em. */
const BOLD_STROKE = 0.035;

let font: { file: string; face: Font } | undefined;
let drop: NodeJS.Timeout | undefined;

async function loadFont(files: readonly string[]): Promise<Font> {
  const file = files.find((f) => existsSync(f));
  if (!file) throw new PictureError('PICTURE_NO_FONT', `no Noto Sans CJK font found (install fonts-noto-cjk); looked at ${files.join(', ') || 'nothing'}`);
  if (font?.file !== file) {
    const fontkit = await import('fontkit');
    try {
      font = { file, face: fontkit.openSync(file, FACE) };
    } catch (e) {
      throw new PictureError('PICTURE_NO_FONT', `${file} has no ${FACE}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  clearTimeout(drop);
  drop = setTimeout(() => (font = undefined), KEEP_MS).unref();
  return font.face;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? m),
  );

function attrs(s: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of s.matchAll(/([\w:-]+)="([^"]*)"/g)) out.set(m[1]!, m[2]!);
  for (const part of (out.get('style') ?? '').split(';')) {
    const at = part.indexOf(':');
    if (at > 0) out.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return out;
}

const n = (v: number): string => String(Math.round(v * 1000) / 1000);

function outline(f: Font, a: Map<string, string>, text: string): string {
  const size = parseFloat(a.get('font-size') ?? '12') || 12;
  const s = size / f.unitsPerEm;
  const run = f.layout(text);
  const width = run.advanceWidth * s;
  const anchor = a.get('text-anchor') ?? 'start';
  const x = parseFloat(a.get('x') ?? '0') || 0;
  const y = parseFloat(a.get('y') ?? '0') || 0;
  const x0 = x - (anchor === 'end' ? width : anchor === 'middle' ? width / 2 : 0);
  const baseline = a.get('dominant-baseline') ?? 'alphabetic';
  const base = baseline === 'central' || baseline === 'middle' ? y + (s * (f.ascent + f.descent)) / 2 : baseline === 'hanging' || baseline === 'text-before-edge' ? y + s * f.ascent : y;
  const fill = a.get('fill') ?? '#000';
  const bold = /bold|[6-9]00/.test(a.get('font-weight') ?? '');
  const paths: string[] = [];
  let pen = 0;
  run.glyphs.forEach((g, i) => {
    const p = run.positions[i]!;
    const d = g.path.toSVG();
    if (d) paths.push(`<path transform="translate(${n(x0 + (pen + p.xOffset) * s)} ${n(base - p.yOffset * s)}) scale(${n(s)} ${n(-s)})" d="${d}"/>`);
    pen += p.xAdvance;
  });
  const transform = a.get('transform');
  const stroke = bold ? ` stroke="${fill}" stroke-width="${n(BOLD_STROKE * f.unitsPerEm)}" stroke-linejoin="round"` : '';
  return `<g${transform ? ` transform="${transform}"` : ''} fill="${fill}"${stroke}>${paths.join('')}</g>`;
}

/** The SVG with every one-line <text> replaced by its glyph outlines. */
export async function textToPaths(svg: string, files: readonly string[] = FONT_CANDIDATES): Promise<string> {
  const f = await loadFont(files);
  return svg.replace(/<text\b([^>]*)>([^<]*)<\/text>/g, (_m, a: string, text: string) => outline(f, attrs(a), decode(text)));
}
