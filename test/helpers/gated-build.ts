import { buildInProcess, type BuildReport } from '../../src/export/builder.js';
import type { ReportModel } from '../../src/report/model.js';

/**
 * A report build that waits until the test calls `release()`, then builds in this thread, or throws
 * for a model `fails` picks. `started()` counts the builds begun.
 */
export function gatedBuild(fails: (model: ReportModel) => boolean = () => false): { build: BuildReport; release: () => void; started: () => number } {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let started = 0;
  const build: BuildReport = async (model, score, opts) => {
    started++;
    await gate;
    if (fails(model)) throw new Error('build broke');
    return buildInProcess(model, score, opts);
  };
  return { build, release, started: () => started };
}
