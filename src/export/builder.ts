import type { ReportModel } from '../report/model.js';
import type { ScoreResult } from '../scoring/result.js';
import type { PictureError } from '../picture/picture-error.js';
import type { ScoreChart } from '../picture/score-chart.js';
import type { BuiltReport } from './document.js';

export type BuildReport = (model: ReportModel, score: ScoreResult, opts: { createdAt: Date }) => Promise<BuiltReport>;

/** What the background thread is asked (background-thread.ts, build-worker.ts). */
export type BackgroundJob =
  | { kind: 'build'; id: number; model: ReportModel; score: ScoreResult; createdAt: Date }
  | { kind: 'picture'; id: number; chart: ScoreChart };

/** What it answers: the report or why not, the picture or why not (a PictureError's code when it was one). */
export type BackgroundOutcome =
  | { id: number; built: BuiltReport }
  | { id: number; error: string }
  | { id: number; png: Uint8Array }
  | { id: number; pictureError: { code?: PictureError['code']; message: string } };

/**
 * In the calling thread: for tests, the CLI and one-off builds. docx is loaded on the first such
 * build, so a server (which builds in its worker) does not hold it: ~10 MB of the main thread.
 */
export const buildInProcess: BuildReport = async (model, score, opts) => (await import('./document.js')).buildReport(model, score, opts);

/**
 * Heap limit of the background thread (V8 old generation). Without one, a thread that builds report
 * after report lets its heap grow far past what a build needs: 100 seed builds peaked at 276 MB
 * of process RSS against 224 MB with this limit, ten builds of 30 专项 × 10 指标 at 523 MB against
 * 320 MB, at the same speed. The largest report the dialogs accept (src/report/limits.ts: 100
 * 专项 × 30 indicators, every text at its maximum) needs 49 MB since the build writes in pieces
 * (pieces.ts; it needed ~600 MB before), so 192 leaves it room (test/export/limits.test.ts). A
 * build that runs out anyway fails like any failed build (the user is told to try again) and the
 * next build starts a new thread.
 */
export const BUILD_HEAP_MB = 192;
