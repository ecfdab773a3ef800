import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { chartLayout, chartSvg, CHART_WIDTH } from '../../src/picture/chart-svg.js';
import { Pictures } from '../../src/picture/pictures.js';
import { svgToPng } from '../../src/picture/png.js';
import { scoreChart, type ScoreChart } from '../../src/picture/score-chart.js';
import { scorePng } from '../../src/picture/score-png.js';
import { textToPaths } from '../../src/picture/text-paths.js';
import { TOP_FIELDS } from '../../src/report/catalogue.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { seedModel } from '../helpers/rulesets.js';

const ruleSet = loadRuleSet('yueyang-reference');
const full = scoreReport(seedModel(), ruleSet);
/** The seed without its 预算执行 section: provisional, some 一级指标 still open, one deduction. */
const half = (() => {
  const m = seedModel();
  for (const f of TOP_FIELDS.filter((x) => x.section === 'budget')) delete m.values[f.key];
  return scoreReport(m, ruleSet);
})();

/** Pixels by colour: how many are not white, and how many distinct colours there are. */
function pixels(png: Buffer) {
  const img = PNG.sync.read(png);
  const colours = new Map<number, number>();
  let ink = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    const [r, g, b] = [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
    if (r < 240 || g < 240 || b < 240) ink++;
    const key = (r << 16) | (g << 8) | b;
    colours.set(key, (colours.get(key) ?? 0) + 1);
  }
  const near = (hex: number) => [...colours].filter(([c]) => Math.abs((c >> 16) - (hex >> 16)) + Math.abs(((c >> 8) & 255) - ((hex >> 8) & 255)) + Math.abs((c & 255) - (hex & 255)) < 12).reduce((s, [, n]) => s + n, 0);
  return { width: img.width, height: img.height, ink: ink / (img.width * img.height), colours: colours.size, near };
}

describe('the score picture, rendered', () => {
  it.each([
    ['complete', full],
    ['provisional', half],
  ])('the %s seed score is a phone-width PNG with bars and text', async (_name, score) => {
    const chart = scoreChart(score);
    const png = await scorePng(chart);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const p = pixels(png);
    expect(p.width).toBe(CHART_WIDTH * 2);
    expect(p.height).toBe(chartLayout(chart).height * 2);
    expect(p.height).toBeGreaterThan(600);
    // not blank, not a flood: bars and text on white, anti-aliased (many colours)
    expect(p.ink).toBeGreaterThan(0.05);
    expect(p.ink).toBeLessThan(0.6);
    expect(p.colours).toBeGreaterThan(50);
    expect(p.near(0x2f6fde)).toBeGreaterThan(2_000); // the 一级指标 bars
    expect(p.near(0xd9534f)).toBeGreaterThan(500); // the deduction bars
    if (!score.complete) expect(p.near(0xa9c4f5)).toBeGreaterThan(2_000); // points still open
  });

  it('draws every 一级指标 and the largest deductions, with the title, from the same ScoreResult', async () => {
    const chart = scoreChart(full);
    expect(chart.level1.map((l) => l.name)).toEqual(full.level1.map((l) => l.name));
    expect(chart.deductions.map((d) => d.name).slice(0, 3)).toEqual(['预算调整率', '资金结余', '政府采购执行率']);
    const svg = chartSvg(chart);
    for (const text of ['自评得分 96.88 分 · 优', '投入', '15.00/15.00', '36.88/40.00', '预算调整率', '−2.00']) expect(svg).toContain(text);
    expect(half.complete).toBe(false);
    expect(scoreChart(half).note).toBe(`尚缺 ${half.missing.length} 项数据`);
    expect(scoreChart(half).title).toMatch(/^暂估 \d+\.\d\d 分 · .（最高可达 \d+\.\d\d 分）$/);
  });

  it('names with markup are text in the SVG, never markup; long ones are cut', async () => {
    const chart: ScoreChart = {
      title: '自评得分 <b>90</b> & "优"',
      note: '',
      alt: '',
      level1: [{ name: '投入</text><script>x</script>', points: 5, reachable: 8, weight: 10 }],
      deductions: [{ name: '专项资金项目&一个很长很长的指标名称', lost: 1.5 }],
    };
    const svg = chartSvg(chart);
    expect(svg).not.toMatch(/<script|<b>/);
    expect(svg).toContain('自评得分 &#60;b&#62;90&#60;/b&#62; &#38; &#34;优&#34;');
    expect(svg).toContain('>专项资金项目&#38;…<'); // 8 characters at most, the last an ellipsis
    expect(svg.match(/<text /g)).toHaveLength(7); // title, two section heads, name, points, deduction name, −1.50
    const p = pixels(await scorePng(chart));
    expect(p.height).toBe(chartLayout(chart).height * 2);
    expect(p.near(0x2f6fde)).toBeGreaterThan(1_000);
    expect(p.near(0xa9c4f5)).toBeGreaterThan(500);
  });

  it('bars: each 一级指标 is its full marks split got / open / lost; deductions against the largest, labelled after the bar', () => {
    const chart: ScoreChart = {
      title: 't',
      note: '',
      alt: '',
      level1: [
        { name: '甲', points: 6, reachable: 9, weight: 12 },
        { name: '乙', points: 12, reachable: 12, weight: 12 },
      ],
      deductions: [
        { name: '丙', lost: 3 },
        { name: '丁', lost: 1.5 },
      ],
    };
    const rects = [...chartSvg(chart).matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="(\d+)" fill="([^"]+)"\/>/g)].map((m) => ({
      x: Number(m[1]),
      width: Number(m[3]),
      fill: m[5],
    }));
    const full = CHART_WIDTH - 118 - 24; // the bars' room
    // 甲: 6 got, 3 open, 3 lost of 12; 乙: all got (no empty parts drawn)
    expect(rects.slice(0, 4)).toEqual([
      { x: 118, width: full / 2, fill: '#2f6fde' },
      { x: 118 + full / 2, width: full / 4, fill: '#a9c4f5' },
      { x: 118 + (3 * full) / 4, width: full / 4, fill: '#e4e7ec' },
      { x: 118, width: full, fill: '#2f6fde' },
    ]);
    const room = CHART_WIDTH - 118 - 56;
    expect(rects.slice(4)).toEqual([
      { x: 118, width: room, fill: '#d9534f' },
      { x: 118, width: room / 2, fill: '#d9534f' },
    ]);
    expect(chartSvg(chart)).toContain(`<text x="${118 + room / 2 + 5}" `); // −1.50 right after its bar
  });

  it('Chinese text is drawn as Noto Sans CJK outlines: ink after textToPaths, none from resvg without a font, an error without the font file', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="60"><text x="10" y="30" dominant-baseline="central" style="font-size:28px;font-family:Noto Sans CJK SC;" fill="#000">得分图 &amp; 96.88</text></svg>`;
    const outlined = await textToPaths(svg);
    expect(outlined).not.toContain('<text');
    expect(outlined.match(/<path /g)).toHaveLength(9); // 得 分 图 & 9 6 . 8 8 (spaces have no outline)
    const ink = pixels(await svgToPng(outlined)).ink;
    expect(ink).toBeGreaterThan(0.02);
    expect(pixels(await svgToPng(svg)).ink).toBe(0); // resvg alone, no font: nothing
    await expect(textToPaths(svg, ['/nonexistent/NotoSansCJK-Regular.ttc'])).rejects.toMatchObject({ code: 'PICTURE_NO_FONT' });
  });

  it('anchors and baselines: end-anchored text ends at x, centred text is centred on y', async () => {
    const svg = (anchor: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="100"><text x="200" y="50" text-anchor="${anchor}" dominant-baseline="central" style="font-size:40px;" fill="#000">投入</text></svg>`;
    const box = async (anchor: string) => {
      const img = PNG.sync.read(await svgToPng(await textToPaths(svg(anchor))));
      let [left, right, top, bottom] = [Infinity, -1, Infinity, -1];
      for (let y = 0; y < img.height; y++)
        for (let x = 0; x < img.width; x++)
          if (img.data[(y * img.width + x) * 4]! < 128) [left, right, top, bottom] = [Math.min(left, x), Math.max(right, x), Math.min(top, y), Math.max(bottom, y)];
      return { left: left / 2, right: right / 2, middle: (top + bottom) / 4 }; // CSS px (the PNG is 2×)
    };
    const end = await box('end');
    expect(end.right).toBeGreaterThan(190);
    expect(end.right).toBeLessThanOrEqual(201);
    const start = await box('start');
    expect(start.left).toBeGreaterThanOrEqual(199);
    expect(start.left).toBeLessThan(210);
    expect(Math.abs(start.middle - 50)).toBeLessThan(5);
  });
});

describe('Pictures', () => {
  const chart: ScoreChart = { title: 't', note: '', alt: 'a', level1: [], deductions: [] };

  it('draws a chart once while kept, one at a time, and forgets a failure', async () => {
    let running = 0;
    let most = 0;
    const calls: string[] = [];
    const pics = new Pictures(async (c) => {
      calls.push(c.title);
      most = Math.max(most, ++running);
      await new Promise((r) => setImmediate(r));
      running--;
      if (c.title === 'bad') throw new Error('boom');
      return Buffer.from(c.title);
    });
    const [a, b, c] = await Promise.all([pics.png(chart), pics.png(chart), pics.png({ ...chart, title: 'u' })]);
    expect([a.toString(), b.toString(), c.toString()]).toEqual(['t', 't', 'u']);
    expect(calls).toEqual(['t', 'u']);
    expect(most).toBe(1);
    await expect(pics.png({ ...chart, title: 'bad' })).rejects.toThrow('boom');
    await expect(pics.png({ ...chart, title: 'bad' })).rejects.toThrow('boom');
    expect(calls.filter((x) => x === 'bad')).toHaveLength(2);
  });

  it('gives a linked chart to the person it was drawn for only', () => {
    const pics = new Pictures(async () => Buffer.alloc(0));
    const id = pics.link('web:甲', chart);
    expect(pics.linked(id, 'web:甲')).toBe(chart);
    expect(pics.linked(id, 'web:乙')).toBeUndefined();
    expect(pics.linked('guess', 'web:甲')).toBeUndefined();
  });
});
