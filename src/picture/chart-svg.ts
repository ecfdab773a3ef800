import { escapeMarkup } from '../escape.js';
import { zh } from '../messages/zh.js';
import { fixed2 } from '../report/format.js';
import type { ScoreChart } from './score-chart.js';

const S = zh.score;

/** Phone width in CSS pixels; the PNG is drawn at twice this (png.ts). */
export const CHART_WIDTH = 390;
/** The family the SVG names; text-paths.ts draws every text with Noto Sans CJK SC. */
export const CHART_FONT = 'Noto Sans CJK SC';

const TOP = 64;
const SECTION_HEAD = 34;
const ROW = 46;
const GAP = 24;
const BOTTOM = 16;
/** Where the bars start; the names end 8 px before, right-aligned. */
const BARS_LEFT = 118;
const LEVEL1_RIGHT = 24;
/** Room right of the deduction bars for their −x.xx label. */
const DEDUCTIONS_RIGHT = 56;
const LEFT = 21;
const COLORS = { got: '#2f6fde', open: '#a9c4f5', lost: '#e4e7ec', deduction: '#d9534f', text: '#1f2329', muted: '#646a73' };

/** Names on the axis are cut to this many characters (the chat has them whole): 8 at 13 px fit left of the bars. */
const NAME_CHARS = 8;
const clip = (s: string): string => ([...s].length > NAME_CHARS ? `${[...s].slice(0, NAME_CHARS - 1).join('')}…` : s);

/** Layout of the picture: two bar charts one above the other, sized by their rows. */
export function chartLayout(c: ScoreChart): { height: number; level1Top: number; deductionsTop: number } {
  const level1Top = TOP + SECTION_HEAD;
  const deductionsTop = level1Top + c.level1.length * ROW + GAP + SECTION_HEAD;
  const height = deductionsTop + c.deductions.length * ROW + BOTTOM;
  return { height, level1Top, deductionsTop };
}

/** Two decimals at most, as SVG coordinates need no more. */
const n = (v: number): string => String(Math.round(v * 100) / 100);

function text(x: number, y: number, s: string, o: { size: number; color: string; anchor?: 'start' | 'end'; bold?: boolean }): string {
  const style = `font-size:${o.size}px;font-family:${CHART_FONT};${o.bold ? 'font-weight:bold;' : ''}`;
  return `<text x="${n(x)}" y="${n(y)}" dominant-baseline="central" text-anchor="${o.anchor ?? 'start'}" style="${style}" fill="${o.color}">${escapeMarkup(s)}</text>`;
}

/** A bar from x, `width` long, centred on y; nothing when it has no length. */
const bar = (x: number, y: number, width: number, height: number, color: string): string =>
  width > 0 ? `<rect x="${n(x)}" y="${n(y - height / 2)}" width="${n(width)}" height="${height}" fill="${color}"/>` : '';

/**
 * The picture as SVG, written directly: a title, each 一级指标 as one bar of its full marks
 * (got, still open, lost) and the largest deductions as red bars, in the layout and colours the
 * ECharts rendering of the same chart had. With ECharts the picture thread held 40–46 MB more and
 * the first picture took 1.8 s instead of 0.8, each later one 25 ms instead of 16, for a chart of
 * rectangles and labels (docs/performance.md, 2026-12-04); the admin dashboard still draws its
 * charts with ECharts, in the browser.
 */
export function chartSvg(c: ScoreChart): string {
  const { height, level1Top, deductionsTop } = chartLayout(c);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}">`,
    `<rect width="${CHART_WIDTH}" height="${height}" fill="#ffffff"/>`,
    text(LEFT, 26, c.title, { size: 18, color: COLORS.text, bold: true }),
  ];
  if (c.note) out.push(text(LEFT, 51.5, c.note, { size: 13, color: COLORS.muted }));
  out.push(text(LEFT, level1Top - SECTION_HEAD + 18, S.byLevel1, { size: 14, color: COLORS.muted, bold: true }));
  // Each bar is its 一级指标's full marks: got, still open (provisional), lost, as parts of its weight.
  const width = CHART_WIDTH - BARS_LEFT - LEVEL1_RIGHT;
  const part = (v: number, w: number) => (w > 0 ? (width * Math.max(0, v)) / w : 0);
  c.level1.forEach((l, i) => {
    const y = level1Top + i * ROW + ROW / 2;
    out.push(text(BARS_LEFT - 8, y - 8.5, clip(l.name), { size: 13, color: COLORS.text, anchor: 'end' }));
    out.push(text(BARS_LEFT - 8, y + 8.5, `${fixed2(l.points)}/${fixed2(l.weight)}`, { size: 13, color: COLORS.text, anchor: 'end' }));
    let x = BARS_LEFT;
    for (const [v, color] of [
      [l.points, COLORS.got],
      [l.reachable - l.points, COLORS.open],
      [l.weight - l.reachable, COLORS.lost],
    ] as const) {
      const w = Math.min(part(v, l.weight), BARS_LEFT + width - x);
      out.push(bar(x, y, w, 20, color));
      x += Math.max(0, w);
    }
  });
  out.push(text(LEFT, deductionsTop - SECTION_HEAD + 18, c.deductions.length ? S.deductions : S.noDeductions, { size: 14, color: COLORS.muted, bold: true }));
  // Deductions in points against the largest (at least 1), so a small loss stays small.
  const most = Math.max(1, ...c.deductions.map((d) => d.lost));
  const room = CHART_WIDTH - BARS_LEFT - DEDUCTIONS_RIGHT;
  c.deductions.forEach((d, i) => {
    const y = deductionsTop + i * ROW + ROW / 2;
    const w = (room * Math.max(0, d.lost)) / most;
    out.push(text(BARS_LEFT - 8, y, clip(d.name), { size: 13, color: COLORS.text, anchor: 'end' }));
    out.push(bar(BARS_LEFT, y, w, 16, COLORS.deduction));
    out.push(text(BARS_LEFT + w + 5, y, `−${fixed2(d.lost)}`, { size: 13, color: COLORS.deduction }));
  });
  out.push('</svg>');
  return out.join('\n');
}
