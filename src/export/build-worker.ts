import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { buildReport } from './document.js';
import type { BuildJob, BuildOutcome } from './builder.js';

/**
 * Builds are background work: on Linux this thread lowers its own scheduling priority (nice 10;
 * setpriority on a thread id affects only that thread), so on a busy machine the main thread,
 * which answers everyone's messages, gets the CPU first. Elsewhere this does nothing.
 */
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
} catch {
  // not Linux, or not allowed: builds run at normal priority
}

/** Worker thread entry: builds reports one at a time, off the main event loop. */
parentPort!.on('message', (job: BuildJob) => {
  buildReport(job.model, job.score, { createdAt: job.createdAt }).then(
    (built) => parentPort!.postMessage({ id: job.id, built } satisfies BuildOutcome, [built.content.buffer as ArrayBuffer]),
    (e: unknown) => parentPort!.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies BuildOutcome),
  );
});
