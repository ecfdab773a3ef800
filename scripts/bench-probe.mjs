// Preloaded (`node --import ./scripts/bench-probe.mjs`) into the bench's bot and echo processes:
// records what the process itself spent, so the bench can tell the bot's own cost from the
// transport and the load generator sharing the machine. Written to $BENCH_PROBE_FILE at exit.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

const file = process.env.BENCH_PROBE_FILE;
if (file) {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const gc = { count: 0, totalMs: 0, maxMs: 0, majorCount: 0, majorMs: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.count++;
      gc.totalMs += e.duration;
      gc.maxMs = Math.max(gc.maxMs, e.duration);
      // kind 4 = major (mark-sweep-compact) in perf_hooks' constants
      if (e.detail?.kind === 4) {
        gc.majorCount++;
        gc.majorMs += e.duration;
      }
    }
  }).observe({ entryTypes: ['gc'] });
  // What the resident memory held when it peaked: this thread's V8 heap, memory outside the
  // heap (Buffers, ArrayBuffers), and the rest (worker threads' heaps, SQLite, code, Node itself).
  // Of the heap: what live and not-yet-collected objects took, and the young generation's share.
  const memory = { rssMb: 0, heapTotalMb: 0, heapUsedMb: 0, newSpaceMb: 0, externalMb: 0 };
  const mb = (bytes) => Math.round(bytes / 1048576);
  setInterval(() => {
    const m = process.memoryUsage();
    if (mb(m.rss) <= memory.rssMb) return;
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
    Object.assign(memory, { rssMb: mb(m.rss), heapTotalMb: mb(m.heapTotal), heapUsedMb: mb(m.heapUsed), newSpaceMb: mb(young), externalMb: mb(m.external) });
  }, 100).unref();
  const cpu0 = process.cpuUsage();
  process.on('exit', () => {
    const cpu = process.cpuUsage(cpu0);
    const ms = (ns) => ns / 1e6;
    writeFileSync(
      file,
      JSON.stringify({
        cpuMs: (cpu.user + cpu.system) / 1000,
        loopDelayMs: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
        gc,
        memory,
      }),
    );
  });
}
