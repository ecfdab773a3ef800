import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { PictureError } from '../picture/picture-error.js';
import { scorePng } from '../picture/score-png.js';
import { buildReport } from './document.js';
import type { BackgroundJob, BackgroundOutcome } from './builder.js';

/**
 * Builds and pictures are background work: on Linux this thread lowers its own scheduling
 * priority (nice 10; setpriority on a thread id affects only that thread), so on a busy machine
 * the main thread, which answers everyone's messages, gets the CPU first. Elsewhere this does nothing.
 */
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
} catch {
  // not Linux, or not allowed: builds run at normal priority
}

/**
 * Worker thread entry: one job at a time, off the main event loop. A score picture (~20 ms) goes
 * before the reports waiting (a seed report ~30 ms): someone asking 多少分了 while fifty reports
 * are queued waits for the build in hand, not for the queue. Pictures come one at a time
 * (picture/pictures.ts), so builds are never starved.
 */
const queue: BackgroundJob[] = [];
let running = false;

parentPort!.on('message', (job: BackgroundJob) => {
  queue.push(job);
  if (!running) {
    running = true;
    setImmediate(next);
  }
});

function next(): void {
  const p = queue.findIndex((j) => j.kind === 'picture');
  const job = p >= 0 ? queue.splice(p, 1)[0] : queue.shift();
  if (!job) {
    running = false;
    return;
  }
  void run(job).then((out) => {
    parentPort!.postMessage(out, 'built' in out ? [out.built.content.buffer as ArrayBuffer] : 'png' in out ? [out.png.buffer as ArrayBuffer] : []);
    // a macrotask between jobs: messages that came meanwhile are queued before the next is chosen
    setImmediate(next);
  });
}

async function run(job: BackgroundJob): Promise<BackgroundOutcome> {
  if (job.kind === 'picture') {
    try {
      return { id: job.id, png: new Uint8Array(await scorePng(job.chart)) };
    } catch (e) {
      return { id: job.id, pictureError: e instanceof PictureError ? { code: e.code, message: e.message } : { message: e instanceof Error ? (e.stack ?? e.message) : String(e) } };
    }
  }
  try {
    return { id: job.id, built: await buildReport(job.model, job.score, { createdAt: job.createdAt }) };
  } catch (e) {
    return { id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}
