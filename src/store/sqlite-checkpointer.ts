import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints in a worker thread. With SQLite's automatic checkpoint, the commit that takes
 * the WAL past 1000 pages copies them into the database file and syncs it, in the turn that
 * happened to commit then: on the event loop, a few milliseconds every ~100 turns (the p99).
 * Here a worker thread, on its own connection, runs a PASSIVE checkpoint every `intervalMs`;
 * a PASSIVE checkpoint never blocks the writers, and the next commit after a complete one starts
 * the WAL again from its beginning.
 *
 * The connections raise their own automatic checkpoint to `FALLBACK_AUTOCHECKPOINT_PAGES` rather
 * than switch it off: if the worker dies or falls behind, the WAL stays bounded (~40 MB) and the
 * writers checkpoint it themselves, as before, only later.
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
const DEFAULT_INTERVAL_MS = 250;

/** What `PRAGMA wal_checkpoint` reports: frames in the WAL and frames copied to the database. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

// Plain CommonJS, so the same code runs under tsx, vitest and compiled.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 0 });
const checkpoint = () => {
  try {
    return db.pragma('wal_checkpoint(PASSIVE)')[0];
  } catch (e) {
    return { error: String(e && e.message) };
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m.kind === 'checkpoint') parentPort.postMessage({ id: m.id, result: checkpoint() });
  if (m.kind === 'close') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

export class SqliteCheckpointer {
  private readonly worker: Worker;
  private next = 1;
  private readonly waiting = new Map<number, (r: CheckpointResult | { error: string }) => void>();
  private closed: Promise<void> | undefined;
  private exited = false;

  constructor(file: string, opts: { intervalMs?: number; log?: (msg: string) => void } = {}) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs: opts.intervalMs ?? DEFAULT_INTERVAL_MS } });
    this.worker.unref(); // never keeps the process alive
    this.worker.on('message', (m: { id: number; result: CheckpointResult | { error: string } }) => {
      this.waiting.get(m.id)?.(m.result);
      this.waiting.delete(m.id);
    });
    this.worker.on('error', (e) => opts.log?.(`SQLite checkpoint worker failed: ${e.message}`));
    this.worker.on('exit', () => {
      this.exited = true;
      for (const resolve of this.waiting.values()) resolve({ error: 'checkpoint worker exited' });
      this.waiting.clear();
    });
  }

  /** Checkpoint now (tests, shutdown); resolves with what the worker's checkpoint reported. */
  checkpoint(): Promise<CheckpointResult | { error: string }> {
    if (this.exited) return Promise.resolve({ error: 'checkpoint worker exited' });
    return new Promise((resolve) => {
      const id = this.next++;
      this.waiting.set(id, resolve);
      this.worker.postMessage({ kind: 'checkpoint', id });
    });
  }

  /**
   * Stop the worker and close its connection. The worker is unref'd while it runs; closing refs it
   * again, or a process with nothing else pending would end before the worker exits and this
   * promise (and whatever awaits it, e.g. `database.close()`) would never settle.
   */
  close(): Promise<void> {
    if (this.exited) return Promise.resolve();
    this.closed ??= new Promise<void>((resolve) => {
      this.worker.ref();
      this.worker.once('exit', () => resolve());
      this.worker.postMessage({ kind: 'close' });
    });
    return this.closed;
  }
}
