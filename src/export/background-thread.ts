import { Worker } from 'node:worker_threads';
import { PictureError } from '../picture/picture-error.js';
import type { ScoreChart } from '../picture/score-chart.js';
import { BUILD_HEAP_MB, type BackgroundJob, type BackgroundOutcome, type BuildReport } from './builder.js';
import type { BuiltReport } from './document.js';

/** The thread's young generation (V8), see `ensure`. */
const YOUNG_MB = 8;

interface Pending {
  resolve: (out: BackgroundOutcome) => void;
  reject: (e: Error) => void;
}

/**
 * Builds reports and draws score pictures in one worker thread (build-worker.ts), so a DOCX build
 * (~30 ms of CPU for the seed report, more for large ones) or a picture (~20 ms) never stalls the
 * event loop that answers everyone else's messages. One thread for both: the picture thread of
 * its own held ~80 MB (a second V8, the 19 MB font, resvg), and deadline day's leader peaked at
 * 400 MB against the goal of 400 (docs/performance.md, 2026-12-04, third session).
 *
 * Jobs run one at a time in the thread, a picture before the reports waiting. A thread that dies
 * is replaced and its jobs fail (the user is told to try again); a picture past `pictureMs` ends
 * the thread the same way (it would hold up every build behind it). The thread ends `idleMs`
 * after its last job, and its memory with it.
 */
export class BackgroundThread {
  private worker: Worker | undefined;
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  private idle: NodeJS.Timeout | undefined;

  /** `heapMb`: the thread's heap limit (tests make it small). */
  constructor(private readonly opts: { heapMb?: number; idleMs?: number; pictureMs?: number } = {}) {}

  readonly build: BuildReport = async (model, score, opts) => {
    const out = await this.run((id) => ({ kind: 'build', id, model, score, createdAt: opts.createdAt }));
    if ('error' in out) throw new Error(out.error);
    return (out as { built: BuiltReport }).built;
  };

  /** The chart as PNG; rejects with PictureError. */
  readonly picture = async (chart: ScoreChart): Promise<Buffer> => {
    let timer: NodeJS.Timeout | undefined;
    const drawn = this.run((id) => ({ kind: 'picture', id, chart }));
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new PictureError('PICTURE_RENDER', 'picture took too long'));
        void this.end(new Error('background thread ended: a picture took too long'));
      }, this.opts.pictureMs ?? 30_000);
    });
    try {
      const out = await Promise.race([drawn, late]).catch((e: unknown) => {
        throw e instanceof PictureError ? e : new PictureError('PICTURE_RENDER', `picture thread failed: ${e instanceof Error ? e.message : String(e)}`);
      });
      if ('pictureError' in out) throw new PictureError(out.pictureError.code ?? 'PICTURE_RENDER', out.pictureError.message);
      const { png } = out as { png: Uint8Array };
      return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
    } finally {
      clearTimeout(timer);
    }
  };

  private run(job: (id: number) => BackgroundJob): Promise<BackgroundOutcome> {
    return new Promise((resolve, reject) => {
      clearTimeout(this.idle);
      const id = this.next++;
      this.pending.set(id, { resolve, reject });
      const worker = this.ensure();
      worker.ref(); // keep the process alive while a job is pending
      worker.postMessage(job(id));
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    // Under tsx or vitest (development, tests) the sources are .ts: the worker registers tsx's
    // loader first, then imports the entry. Compiled, it is plain JavaScript.
    // A small young generation: 100 reports and 100 pictures peaked at 190 MB of process RSS with
    // 8 MB against 210–214 MB with V8's default, ~10% slower (deadline day's 50 reports at once
    // have ~2 s to spare under the 5 s goal; its leader had none under 400 MB).
    const resourceLimits = { maxOldGenerationSizeMb: this.opts.heapMb ?? BUILD_HEAP_MB, maxYoungGenerationSizeMb: YOUNG_MB };
    const worker = import.meta.url.endsWith('.ts')
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./build-worker.ts', import.meta.url).href)}); });`,
          { eval: true, resourceLimits },
        )
      : new Worker(new URL('./build-worker.js', import.meta.url), { resourceLimits });
    worker.on('message', (out: BackgroundOutcome) => {
      const job = this.pending.get(out.id);
      if (!job) return;
      this.pending.delete(out.id);
      if (this.pending.size === 0) {
        worker.unref();
        this.idle = setTimeout(() => void this.end(), this.opts.idleMs ?? 60_000).unref();
      }
      job.resolve(out);
    });
    worker.on('error', (e) => this.fail(worker, e));
    worker.on('exit', (code) => this.fail(worker, new Error(`background thread exited with code ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private fail(worker: Worker, e: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const job of this.pending.values()) job.reject(e);
    this.pending.clear();
  }

  private async end(why = new Error('background thread closed')): Promise<void> {
    clearTimeout(this.idle);
    const w = this.worker;
    if (!w) return;
    this.fail(w, why);
    await w.terminate().catch(() => undefined);
  }

  /** Stop the thread (graceful shutdown); jobs still pending fail. */
  close(): Promise<void> {
    return this.end();
  }

  /** A thread is running (tests). */
  get running(): boolean {
    return this.worker !== undefined;
  }
}

/** The process's background thread: reports and score pictures (main.ts, picture/pictures.ts). */
export const background = new BackgroundThread();
