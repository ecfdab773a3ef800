import { chartSvg } from './chart-svg.js';
import { svgToPng } from './png.js';
import type { ScoreChart } from './score-chart.js';

/** The score picture as PNG (ECharts SVG → resvg). Rejects with PictureError; channels then send the text alone. */
export async function scorePng(chart: ScoreChart): Promise<Buffer> {
  return svgToPng(await chartSvg(chart));
}
