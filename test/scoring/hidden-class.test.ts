import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/process.js';

/**
 * Node 20's V8 gives an object built as `{ ...x, newProperty }` a hidden class of its own every
 * time: slow to build (~1 µs a property), and every function that reads such objects goes
 * megamorphic. The scorer builds one result per indicator and one missing field per gap on every
 * answer, so those must share a class. Checked in a child process with V8's natives syntax.
 */
describe('objects the scorer builds in numbers', () => {
  const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', 'test/helpers/shapes.ts'], { cwd: ROOT, encoding: 'utf8' });

  it('share one hidden class: indicator results (scored and pending) and located missing fields', () => {
    expect(run.status, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout) as { indicators: number; pending: number; indicatorsShare: boolean; located: number; locatedShare: boolean };
    expect(r.pending).toBeGreaterThan(0);
    expect(r.indicators).toBeGreaterThan(r.pending);
    expect(r.located).toBeGreaterThan(1);
    expect(r.indicatorsShare).toBe(true);
    expect(r.locatedShare).toBe(true);
  });
});
