import { parentPort } from 'node:worker_threads';
import { buildReport } from './document.js';
import type { BuildJob, BuildOutcome } from './builder.js';

/** Worker thread entry: builds reports one at a time, off the main event loop. */
parentPort!.on('message', (job: BuildJob) => {
  buildReport(job.model, job.score, { createdAt: job.createdAt }).then(
    (built) => parentPort!.postMessage({ id: job.id, built } satisfies BuildOutcome, [built.content.buffer as ArrayBuffer]),
    (e: unknown) => parentPort!.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies BuildOutcome),
  );
});
