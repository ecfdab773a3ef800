import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { PictureError } from './picture-error.js';
import type { ScoreChart } from './score-chart.js';
import { scorePng } from './score-png.js';

/** What the thread answers: the PNG, or why not (a PictureError's code when it was one). */
export type PictureOutcome = { png: Uint8Array } | { error: { code?: PictureError['code']; message: string } };

/** Background work next to everyone's turns: nice 10 for this thread (Linux), as the file reader's. */
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
} catch {
  // not Linux, or not allowed
}

/** Worker thread entry: draws one score picture at a time (see worker-render.ts). */
parentPort!.on('message', (chart: ScoreChart) => {
  scorePng(chart).then(
    (png) => {
      const out = new Uint8Array(png);
      parentPort!.postMessage({ png: out } satisfies PictureOutcome, [out.buffer]);
    },
    (e: unknown) =>
      parentPort!.postMessage({
        error: e instanceof PictureError ? { code: e.code, message: e.message } : { message: e instanceof Error ? (e.stack ?? e.message) : String(e) },
      } satisfies PictureOutcome),
  );
});
