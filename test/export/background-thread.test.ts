import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundThread } from '../../src/export/background-thread.js';
import { BUILD_HEAP_MB, buildInProcess } from '../../src/export/builder.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { seedModel } from '../helpers/rulesets.js';

const createdAt = new Date('2025-03-01T08:00:00Z');
const model = seedModel();
const score = scoreReport(model, loadRuleSet('yueyang-reference'));

describe('BackgroundThread: reports', () => {
  let builder: BackgroundThread | undefined;
  afterEach(async () => {
    await builder?.close();
    builder = undefined;
  });

  it('builds in a worker thread the same bytes as in process, several jobs at once', async () => {
    builder = new BackgroundThread();
    const local = await buildInProcess(model, score, { createdAt });
    const [a, b] = await Promise.all([builder.build(model, score, { createdAt }), builder.build(model, score, { createdAt })]);
    for (const built of [a, b]) {
      expect(built.fileName).toBe(local.fileName);
      expect(built.missing).toEqual(local.missing);
      expect(Buffer.from(built.content).equals(Buffer.from(local.content))).toBe(true);
    }
  });

  it.runIf(process.platform === 'linux')('the build thread runs at lower priority (nice 10) than the thread answering messages', async () => {
    builder = new BackgroundThread();
    await builder.build(model, score, { createdAt });
    const { readdirSync, readFileSync } = await import('node:fs');
    // field 19 of /proc/<pid>/task/<tid>/stat is the nice value (after the parenthesised name)
    const nice = (tid: string) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
    const values = readdirSync('/proc/self/task').map(nice);
    expect(values).toContain(10);
    expect(nice(String(process.pid))).toBe(0);
  });

  it('a worker that dies fails its pending jobs; the next build starts a new worker', async () => {
    builder = new BackgroundThread();
    await builder.build(model, score, { createdAt }); // worker up
    const pending = builder.build(model, score, { createdAt });
    await (builder as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(pending).rejects.toThrow(/exited/);
    const again = await builder.build(model, score, { createdAt });
    expect(again.content.byteLength).toBeGreaterThan(10_000);
  });

  it('the build thread has a bounded heap; a build that runs out of it fails and the next build gets a new thread', async () => {
    builder = new BackgroundThread();
    await builder.build(model, score, { createdAt });
    const worker = (builder as unknown as { worker: { resourceLimits: { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } } }).worker;
    expect(worker.resourceLimits.maxOldGenerationSizeMb).toBe(BUILD_HEAP_MB);
    expect(worker.resourceLimits.maxYoungGenerationSizeMb).toBe(8);
    await builder.close();

    builder = new BackgroundThread({ heapMb: 4 }); // far below what a build needs
    await expect(builder.build(model, score, { createdAt })).rejects.toThrow(/memory/i);
    await expect(builder.build(model, score, { createdAt })).rejects.toThrow(/memory/i);
  });

  it('a job that throws in the worker rejects with its message and leaves the worker usable', async () => {
    builder = new BackgroundThread();
    const broken = { ...score, indicators: null } as unknown as typeof score;
    await expect(builder.build(model, broken, { createdAt })).rejects.toThrow();
    expect((await builder.build(model, score, { createdAt })).fileName).toMatch(/\.docx$/);
  });
});
