import { Worker } from 'node:worker_threads';
import type { ReportModel } from '../report/model.js';
import type { ScoreResult } from '../scoring/result.js';
import type { BuiltReport } from './document.js';

export type BuildReport = (model: ReportModel, score: ScoreResult, opts: { createdAt: Date }) => Promise<BuiltReport>;

export interface BuildJob {
  id: number;
  model: ReportModel;
  score: ScoreResult;
  createdAt: Date;
}

export type BuildOutcome = { id: number; built: BuiltReport } | { id: number; error: string };

/**
 * In the calling thread: for tests, the CLI and one-off builds. docx is loaded on the first such
 * build, so a server (which builds in its worker) does not hold it: ~10 MB of the main thread.
 */
export const buildInProcess: BuildReport = async (model, score, opts) => (await import('./document.js')).buildReport(model, score, opts);

/**
 * Heap limit of the build thread (V8 old generation). Without one, a thread that builds report
 * after report lets its heap grow far past what a build needs: 100 seed builds peaked at 276 MB
 * of process RSS against 224 MB with this limit, ten builds of 30 专项 × 10 指标 at 523 MB against
 * 320 MB, at the same speed. The largest report the dialogs accept (src/report/limits.ts: 100
 * 专项 × 30 indicators, every text at its maximum) needs 49 MB since the build writes in pieces
 * (pieces.ts; it needed ~600 MB before), so 192 leaves it room (test/export/limits.test.ts). A
 * build that runs out anyway fails like any failed build (the user is told to try again) and the
 * next build starts a new thread.
 */
export const BUILD_HEAP_MB = 192;

/**
 * Builds reports in one worker thread, so a DOCX build (~100 ms of CPU for the seed report,
 * more for large ones) never stalls the event loop that answers everyone else's messages.
 * Jobs are serialised in the worker; a worker that dies is replaced and its jobs fail with an
 * error (the user is told to try again), later jobs use the new worker.
 */
export class WorkerBuilder {
  private worker: Worker | undefined;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (b: BuiltReport) => void; reject: (e: Error) => void }>();

  /** `heapMb`: the build thread's heap limit (tests make it small). */
  constructor(private readonly opts: { heapMb?: number } = {}) {}

  readonly build: BuildReport = (model, score, opts) =>
    new Promise<BuiltReport>((resolve, reject) => {
      const id = this.next++;
      this.pending.set(id, { resolve, reject });
      const worker = this.ensure();
      worker.ref(); // keep the process alive while a build is pending
      worker.postMessage({ id, model, score, createdAt: opts.createdAt } satisfies BuildJob);
    });

  private ensure(): Worker {
    if (this.worker) return this.worker;
    // Under tsx or vitest (development, tests) the sources are .ts: the worker registers tsx's
    // loader first, then imports the entry. Compiled, it is plain JavaScript.
    const resourceLimits = { maxOldGenerationSizeMb: this.opts.heapMb ?? BUILD_HEAP_MB };
    const worker = import.meta.url.endsWith('.ts')
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./build-worker.ts', import.meta.url).href)}); });`,
          { eval: true, resourceLimits },
        )
      : new Worker(new URL('./build-worker.js', import.meta.url), { resourceLimits });
    worker.on('message', (out: BuildOutcome) => {
      const job = this.pending.get(out.id);
      if (!job) return;
      this.pending.delete(out.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in out) job.reject(new Error(out.error));
      else job.resolve(out.built);
    });
    const fail = (e: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const job of this.pending.values()) job.reject(e);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`report worker exited with code ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Stop the worker (graceful shutdown); jobs still pending fail. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
    for (const job of this.pending.values()) job.reject(new Error('report worker closed'));
    this.pending.clear();
  }
}
