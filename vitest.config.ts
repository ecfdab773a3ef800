import { defineConfig } from 'vitest/config';

/** What every test file gets, shared and isolated alike. */
const common = {
  environment: 'node',
  // Sized for a loaded 2-core machine, not an idle one: a build thread at nice 10 starved by two
  // busy loops took over vitest's default 5 s (issue 29). Tests wait for events, not clocks.
  testTimeout: 180_000,
  hookTimeout: 300_000,
} as const;

/**
 * Test files that replace a module with vi.mock: they need a module graph of their own, so they run
 * isolated. Every other file shares its worker's modules (project `shared` below).
 */
const OWN_MODULES = ['test/bot/files.test.ts', 'test/web/picture-not-drawn.test.ts'];

export default defineConfig({
  test: {
    // once per run, here only: a project that extended the root would run it again
    globalSetup: ['test/helpers/global-setup.ts'],
    // vitest's default is one worker per CPU minus one: a single worker on a 2-core machine, so the
    // files ran one after another while many of them wait on a child process, a browser, LibreOffice
    // or PostgreSQL. Two files at a time keep both cores busy (issue 29 item 2); VITEST_MAX_WORKERS
    // overrides it.
    maxWorkers: 2,
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
    projects: [
      {
        // Re-importing the bot, Prisma and the exporters for each of ~135 files was over half the
        // suite's CPU (41 files: 80 s user isolated, 38 s shared). Tests keep no state in modules:
        // each opens its own database, server and fakes, and restores the spies it sets.
        test: { ...common, name: 'shared', include: ['test/**/*.test.ts'], exclude: OWN_MODULES, isolate: false },
      },
      { test: { ...common, name: 'own-modules', include: OWN_MODULES, isolate: true } },
    ],
  },
});
