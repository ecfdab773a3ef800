import { Worker } from 'node:worker_threads';
import { PictureError } from './picture-error.js';
import type { PictureOutcome } from './picture-worker.js';
import type { ScoreChart } from './score-chart.js';

/**
 * Draws score pictures in a worker thread, so fontkit and the font (19 MB), resvg and the
 * drawing itself (the first picture ~0.8 s of CPU, then ~16 ms) never hold up the event loop
 * that answers everyone else, and their memory goes when the thread does: it ends `idleMs`
 * after its last picture. Pictures come one at a time (pictures.ts), so one thread is enough.
 * A picture past `timeoutMs` ends the thread and rejects with PictureError.
 */
export class WorkerRenderer {
  private worker: Worker | undefined;
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly opts: { idleMs?: number; timeoutMs?: number; heapMb?: number } = {}) {}

  readonly render = (chart: ScoreChart): Promise<Buffer> =>
    new Promise<Buffer>((resolve, reject) => {
      clearTimeout(this.idle);
      const worker = (this.worker ??= this.spawn());
      worker.ref(); // keep the process alive while a picture is pending
      const finish = (keep: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (!keep) return void this.end(worker);
        worker.unref();
        this.idle = setTimeout(() => void this.end(worker), this.opts.idleMs ?? 60_000).unref();
      };
      const onMessage = (out: PictureOutcome) => {
        finish(true);
        if ('png' in out) resolve(Buffer.from(out.png.buffer, out.png.byteOffset, out.png.byteLength));
        else reject(new PictureError(out.error.code ?? 'PICTURE_RENDER', out.error.message));
      };
      const onError = (e: Error) => {
        finish(false);
        reject(new PictureError('PICTURE_RENDER', `picture thread failed: ${e.message}`));
      };
      const onExit = (code: number) => {
        finish(false);
        reject(new PictureError('PICTURE_RENDER', `picture thread exited with code ${code}`));
      };
      const timer = setTimeout(() => {
        finish(false);
        reject(new PictureError('PICTURE_RENDER', 'picture took too long'));
      }, this.opts.timeoutMs ?? 30_000);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(chart);
    });

  private spawn(): Worker {
    // Under tsx or vitest the sources are .ts: the thread registers tsx's loader first (as bot/file-reader.ts).
    // A small young generation: a picture's garbage is small, and the default (sized for a main
    // thread) let the thread hold ~30 MB more at the same speed (60 pictures: 127 → 94–107 MB, 28 ms each).
    const resourceLimits = { maxOldGenerationSizeMb: this.opts.heapMb ?? 160, maxYoungGenerationSizeMb: 8 };
    const worker = import.meta.url.endsWith('.ts')
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./picture-worker.ts', import.meta.url).href)}); });`,
          { eval: true, resourceLimits },
        )
      : new Worker(new URL('./picture-worker.js', import.meta.url), { resourceLimits });
    worker.on('error', () => undefined); // an idle thread that fails is dropped (see exit)
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    worker.unref();
    return worker;
  }

  private async end(worker: Worker): Promise<void> {
    if (this.worker === worker) this.worker = undefined;
    await worker.terminate().catch(() => undefined);
  }

  /** A thread is running (tests). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** End the thread (shutdown, tests). */
  async close(): Promise<void> {
    clearTimeout(this.idle);
    if (this.worker) await this.end(this.worker);
  }
}
