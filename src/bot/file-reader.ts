import { Worker } from 'node:worker_threads';
import { READ_TIMEOUT_MS } from '../import/limits.js';
import type { readImportFile } from '../import/read-file.js';
import { ImportError, type ImportErrorCode, type ImportProposal } from '../import/types.js';
import { zh } from '../messages/zh.js';
import type { ReportModel } from '../report/model.js';

/** Read a file into a proposal, or write the XLSX template (pre-filled from `model`). */
export type ReadJob = { kind: 'read'; fileName: string; content: Uint8Array; deadlineMs: number } | { kind: 'template'; model?: ReportModel };

export type ReadOutcome = { proposal: ImportProposal } | { template: Uint8Array } | { error: { code?: ImportErrorCode; message: string } };

/**
 * Heap limit of a reading thread. A file is at most 20 MB and expands to at most 200 MB
 * (import/limits.ts); a spreadsheet library holds a workbook several times over. A file that
 * needs more is refused as too complex, and the server's own heap is never at stake.
 */
export const READ_HEAP_MB = 384;

/**
 * Reads files in worker threads (readImportFile there), one file per thread at a time, so a large
 * file — a 5.6 MB report DOCX takes ~1.3 s of CPU, a 5 000-row workbook as long, and the reader's
 * own deadline allows 30 s — never holds up the event loop that answers everyone else. The
 * template (writeTemplate: ~2 s for a report at the limits) is written there too. A thread is
 * started for a job when none is idle; up to `keepIdle` are kept for the next ones. A job past
 * `timeoutMs` (the reader checks its own deadline, `deadlineMs`; this is for one stuck where it
 * cannot) or past the heap limit ends its thread and is answered as an ImportError.
 */
export class WorkerReader {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();

  /** `deadlineMs`: the reader's own wall-clock deadline (READ_TIMEOUT_MS; tests on a busy machine give more). */
  constructor(private readonly opts: { heapMb?: number; deadlineMs?: number; timeoutMs?: number; keepIdle?: number } = {}) {}

  readonly read: typeof readImportFile = async (fileName, content) => {
    // the thread gets its own copy of the file's bytes (of the view only), the caller keeps its own
    const copy = new Uint8Array(content);
    const out = await this.run({ kind: 'read', fileName, content: copy, deadlineMs: this.deadlineMs }, [copy.buffer]);
    if (!('proposal' in out)) throw new Error('file reader answered without a proposal');
    return out.proposal;
  };

  /** The XLSX template, pre-filled from `model` (import/template.ts writeTemplate). */
  async template(model?: ReportModel): Promise<Uint8Array> {
    const out = await this.run({ kind: 'template', ...(model ? { model } : {}) });
    if (!('template' in out)) throw new Error('file reader answered without a template');
    return out.template;
  }

  private get deadlineMs(): number {
    return this.opts.deadlineMs ?? READ_TIMEOUT_MS;
  }

  private run(job: ReadJob, transfer: ArrayBuffer[] = []): Promise<ReadOutcome> {
    return new Promise<ReadOutcome>((resolve, reject) => {
      const worker = this.idle.pop() ?? this.spawn();
      worker.ref(); // keep the process alive while a read is pending
      let settled = false;
      const finish = (reuse: boolean) => {
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (reuse && this.idle.length < (this.opts.keepIdle ?? 2)) {
          worker.unref();
          this.idle.push(worker);
        } else void this.end(worker);
      };
      const onMessage = (out: ReadOutcome) => {
        finish(true);
        if ('error' in out) reject(out.error.code ? new ImportError(out.error.code, out.error.message) : new Error(out.error.message));
        else resolve(out);
      };
      const onError = (e: Error) => {
        finish(false);
        const oom = (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
        reject(oom ? new ImportError('IMPORT_TOO_LARGE', zh.files.tooComplex) : e);
      };
      const onExit = (code: number) => {
        if (settled) return;
        finish(false);
        reject(new Error(`file reader exited with code ${code}`));
      };
      const timer = setTimeout(() => {
        finish(false);
        reject(new ImportError('IMPORT_TIMEOUT', zh.files.timeout));
      }, this.opts.timeoutMs ?? this.deadlineMs + 5_000);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(job, transfer);
    });
  }

  private spawn(): Worker {
    // Under tsx or vitest (development, tests) the sources are .ts: the thread registers tsx's
    // loader first, then imports the entry. Compiled, it is plain JavaScript (as export/builder.ts).
    const resourceLimits = { maxOldGenerationSizeMb: this.opts.heapMb ?? READ_HEAP_MB };
    const worker = import.meta.url.endsWith('.ts')
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./file-read-worker.ts', import.meta.url).href)}); });`,
          { eval: true, resourceLimits },
        )
      : new Worker(new URL('./file-read-worker.js', import.meta.url), { resourceLimits });
    // an idle thread that fails is simply dropped (a read in progress has its own listeners)
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      this.all.delete(worker);
      const i = this.idle.indexOf(worker);
      if (i >= 0) this.idle.splice(i, 1);
    });
    worker.unref();
    this.all.add(worker);
    return worker;
  }

  private async end(worker: Worker): Promise<void> {
    this.all.delete(worker);
    await worker.terminate().catch(() => undefined);
  }

  /** Threads started and not ended (tests). */
  get threads(): number {
    return this.all.size;
  }

  /** End every thread (shutdown); reads in progress fail. */
  async close(): Promise<void> {
    this.idle.length = 0;
    await Promise.all([...this.all].map((w) => this.end(w)));
  }
}
