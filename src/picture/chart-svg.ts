import { zh } from '../messages/zh.js';
import { fixed2 } from '../report/format.js';
import type { ScoreChart } from './score-chart.js';

const S = zh.score;

/** Phone width in CSS pixels; the PNG is drawn at twice this (png.ts). */
export const CHART_WIDTH = 390;
/** The family the SVG names (ECharts measures text by it); text-paths.ts draws it with Noto Sans CJK SC. */
export const CHART_FONT = 'Noto Sans CJK SC';

const TOP = 64;
const SECTION_HEAD = 34;
const ROW = 46;
const GAP = 24;
const BOTTOM = 16;
const COLORS = { got: '#2f6fde', open: '#a9c4f5', lost: '#e4e7ec', deduction: '#d9534f', text: '#1f2329', muted: '#646a73' };

/** Names on the axis are cut to this many characters (the chat has them whole). */
const NAME_CHARS = 9;
const clip = (s: string): string => ([...s].length > NAME_CHARS ? `${[...s].slice(0, NAME_CHARS - 1).join('')}…` : s);

/** Layout of the picture: two bar charts one above the other, sized by their rows. */
export function chartLayout(c: ScoreChart): { height: number; level1Top: number; deductionsTop: number } {
  const level1Top = TOP + SECTION_HEAD;
  const deductionsTop = level1Top + c.level1.length * ROW + GAP + SECTION_HEAD;
  const height = deductionsTop + c.deductions.length * ROW + BOTTOM;
  return { height, level1Top, deductionsTop };
}

/** The ECharts option of the picture (exported for tests). */
export function chartOption(c: ScoreChart): Record<string, unknown> {
  const { level1Top, deductionsTop } = chartLayout(c);
  const names = c.level1.map((l) => l.name);
  const bar = { type: 'bar', stack: 'level1', barWidth: 20, xAxisIndex: 0, yAxisIndex: 0 };
  const grids: Record<string, unknown>[] = [{ left: 118, right: 24, top: level1Top, height: c.level1.length * ROW }];
  // Each bar is its 一级指标's full marks: got, still open (provisional), lost, as percent of its weight.
  const pct = (v: number, w: number) => (w > 0 ? (100 * Math.max(0, v)) / w : 0);
  const xAxis: Record<string, unknown>[] = [{ gridIndex: 0, type: 'value', min: 0, max: 100, show: false }];
  const yAxis: Record<string, unknown>[] = [
    {
      gridIndex: 0,
      type: 'category',
      inverse: true,
      data: names,
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: {
        fontSize: 13,
        lineHeight: 17,
        color: COLORS.text,
        formatter: (_: string, i: number) => `${clip(c.level1[i]!.name)}\n${fixed2(c.level1[i]!.points)}/${fixed2(c.level1[i]!.weight)}`,
      },
    },
  ];
  const series: Record<string, unknown>[] = [
    { ...bar, name: S.got, data: c.level1.map((l) => pct(l.points, l.weight)), itemStyle: { color: COLORS.got } },
    { ...bar, name: S.open, data: c.level1.map((l) => pct(l.reachable - l.points, l.weight)), itemStyle: { color: COLORS.open } },
    { ...bar, name: S.lostLegend, data: c.level1.map((l) => pct(l.weight - l.reachable, l.weight)), itemStyle: { color: COLORS.lost } },
  ];
  if (c.deductions.length) {
    grids.push({ left: 118, right: 56, top: deductionsTop, height: c.deductions.length * ROW });
    xAxis.push({ gridIndex: 1, type: 'value', min: 0, max: Math.max(1, ...c.deductions.map((d) => d.lost)), show: false }); // points; a small loss stays small
    yAxis.push({
      gridIndex: 1,
      type: 'category',
      inverse: true,
      data: c.deductions.map((d) => clip(d.name)),
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { fontSize: 13, color: COLORS.text },
    });
    series.push({
      type: 'bar',
      xAxisIndex: 1,
      yAxisIndex: 1,
      barWidth: 16,
      data: c.deductions.map((d) => d.lost),
      itemStyle: { color: COLORS.deduction },
      label: { show: true, position: 'right', color: COLORS.deduction, fontSize: 13, formatter: (p: { value: number }) => `−${fixed2(p.value)}` },
    });
  }
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT },
    title: [
      { text: c.title, subtext: c.note, left: 16, top: 12, textStyle: { fontSize: 18, color: COLORS.text }, subtextStyle: { fontSize: 13, color: COLORS.muted } },
      { text: S.byLevel1, left: 16, top: level1Top - SECTION_HEAD + 6, textStyle: { fontSize: 14, color: COLORS.muted } },
      { text: c.deductions.length ? S.deductions : S.noDeductions, left: 16, top: deductionsTop - SECTION_HEAD + 6, textStyle: { fontSize: 14, color: COLORS.muted } },
    ],
    grid: grids,
    xAxis,
    yAxis,
    series,
  };
}

type Echarts = typeof import('echarts/core');
let loaded: Promise<Echarts> | undefined;

/** ECharts' core with the bar chart and the SVG renderer only, loaded on the first picture. */
function echarts(): Promise<Echarts> {
  loaded ??= (async () => {
    const [core, charts, components, renderers] = await Promise.all([
      import('echarts/core'),
      import('echarts/charts'),
      import('echarts/components'),
      import('echarts/renderers'),
    ]);
    core.use([charts.BarChart, components.GridComponent, components.TitleComponent, renderers.SVGRenderer]);
    return core;
  })();
  return loaded;
}

/** The picture as SVG: ECharts' server-side rendering (no DOM, no browser). */
export async function chartSvg(c: ScoreChart): Promise<string> {
  const e = await echarts();
  const chart = e.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: chartLayout(c).height });
  try {
    chart.setOption(chartOption(c));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
