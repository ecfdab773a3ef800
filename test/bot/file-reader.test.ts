import { afterAll, describe, expect, it } from 'vitest';
import { WorkerReader } from '../../src/bot/file-reader.js';
import { buildReport } from '../../src/export/document.js';
import { readImportFile } from '../../src/import/read-file.js';
import { ImportError } from '../../src/import/types.js';
import { zh } from '../../src/messages/zh.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { reportOfShape } from '../export/at-limits.js';
import { seedModel } from '../helpers/rulesets.js';

const ref = loadRuleSet('yueyang-reference');

/** The longest the event loop went without running a 10 ms timer while `work` ran. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 10);
  try {
    const result = await work();
    return { result, stallMs: Math.max(stallMs, performance.now() - last) };
  } finally {
    clearInterval(tick);
  }
}

describe('WorkerReader: files read in worker threads', () => {
  const reader = new WorkerReader();
  afterAll(() => reader.close());

  it('reads the seed report DOCX in a thread exactly as readImportFile does in this one', async () => {
    const m = seedModel();
    const built = await buildReport(m, scoreReport(m, ref), { createdAt: new Date('2025-03-01T08:00:00Z') });
    const there = await reader.read(built.fileName, built.content);
    expect(there).toEqual(await readImportFile(built.fileName, built.content));
    expect(there.kind).toBe('report');
    // the caller's bytes are its own still (the thread got a copy)
    expect(built.content.subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });

  it('a refusal comes back as the reader’s ImportError, code and message', async () => {
    const e = await reader.read('x.pdf', new TextEncoder().encode('%PDF-1.7\n\u0000\u0001\u0002 binary')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ImportError);
    expect((e as ImportError).code).toMatch(/^IMPORT_/);
    expect((e as ImportError).message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a large report DOCX (100 专项 × 30 rows, 5.6 MB) is read while the event loop keeps running; in this thread it stalls', async () => {
    const big = reportOfShape({ special: 100, specialIndicator: 30, target: 100, manualScore: 100, textChars: 200, longChars: 2000, textLines: 1, longLines: 1 });
    // built in this thread: the build thread runs at nice 10 and busy cores would starve it
    const built = await buildReport(big, scoreReport(big, ref), { createdAt: new Date() });
    const here = await longestStall(() => readImportFile(built.fileName, built.content));
    // the reader's own 30 s deadline is for a server; two busy loops on two cores may starve a nice-10 thread longer
    const patient = new WorkerReader({ deadlineMs: 240_000 });
    const there = await longestStall(() => patient.read(built.fileName, built.content)).finally(() => patient.close());
    expect(there.result.items.length).toBe(here.result.items.length);
    expect(here.stallMs).toBeGreaterThan(200);
    expect(there.stallMs).toBeLessThan(Math.max(100, here.stallMs / 4));
    // the deadline is the thread's reader's own: past it, the reader's answer (not the thread's time-out)
    const hasty = new WorkerReader({ deadlineMs: 0 });
    const late = await hasty.read(built.fileName, built.content).catch((x: unknown) => x).finally(() => hasty.close());
    expect((late as ImportError).code).toBe('IMPORT_TIMEOUT');
    expect((late as ImportError).message).toBe(zh.import.timeout);
  }, 300_000);

  it('a read past its time ends its thread and is answered IMPORT_TIMEOUT; past its heap, as too complex', async () => {
    const slow = new WorkerReader({ timeoutMs: 1 });
    const e = await slow.read('a.csv', new TextEncoder().encode('项目,数值\n编制数,12\n')).catch((x: unknown) => x);
    expect((e as ImportError).code).toBe('IMPORT_TIMEOUT');
    // the thread is ended (terminate is asynchronous): wait for it, however busy the machine
    for (const end = Date.now() + 120_000; slow.threads > 0 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
    expect(slow.threads).toBe(0);

    const tiny = new WorkerReader({ heapMb: 8 });
    const big = reportOfShape({ special: 60, specialIndicator: 30, target: 50, manualScore: 10, textChars: 200, longChars: 2000, textLines: 1, longLines: 1 });
    const built = await buildReport(big, scoreReport(big, ref), { createdAt: new Date() });
    const oom = await tiny.read(built.fileName, built.content).catch((x: unknown) => x);
    expect(oom).toBeInstanceOf(ImportError);
    expect((oom as ImportError).message).toContain('超出了内存限制');
    await tiny.close();
  }, 300_000);
});
