import { chartSvg } from './chart-svg.js';
import { svgToPng } from './png.js';
import type { ScoreChart } from './score-chart.js';
import { textToPaths } from './text-paths.js';

/** The score picture as PNG (SVG → text outlined with fontkit → resvg). Rejects with PictureError; channels then send the text alone. */
export async function scorePng(chart: ScoreChart): Promise<Buffer> {
  return svgToPng(await textToPaths(chartSvg(chart)));
}
