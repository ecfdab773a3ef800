import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { readImportFile } from '../import/read-file.js';
import { writeTemplate } from '../import/template.js';
import { Deadline } from '../import/limits.js';
import { ImportError } from '../import/types.js';
import type { ReadJob, ReadOutcome } from './file-reader.js';

/**
 * Reading is background work next to everyone's text turns: on Linux this thread lowers its own
 * scheduling priority (nice 10, this thread only), as the report builder's does. Elsewhere, or
 * when not allowed, it runs at normal priority.
 */
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
} catch {
  // not Linux, or not allowed
}

/** Worker thread entry: reads one file (or writes one template) at a time (see file-reader.ts). */
parentPort!.on('message', (job: ReadJob) => {
  const done: Promise<ReadOutcome> =
    job.kind === 'read'
      ? readImportFile(job.fileName, job.content, { deadline: new Deadline(job.deadlineMs) }).then((proposal) => ({ proposal }))
      : writeTemplate(job.model).then((template) => ({ template }));
  done.then(
    (out) => parentPort!.postMessage(out),
    (e: unknown) =>
      parentPort!.postMessage({
        error: e instanceof ImportError ? { code: e.code, message: e.message } : { message: e instanceof Error ? (e.stack ?? e.message) : String(e) },
      } satisfies ReadOutcome),
  );
});
