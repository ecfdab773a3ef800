import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/process.js';

const TSX = import.meta.resolve('tsx');

describe('npm run chat (terminal chat on the same bot)', () => {
  it('piped input completes onboarding, prints a score, and writes the generated report to out/', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'jx-chat-'));
    const input = ['创建单位', '测试单位', '正科级', '确定', '编制数 10 实有人数 9', '得分', '生成报告', '确认生成', ''].join('\n');
    const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/chat.ts'), '--', '--user', 'u1'], {
      cwd,
      input,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('已创建单位「测试单位」');
    expect(r.stdout).toContain('已为「测试单位」新建');
    expect(r.stdout).toContain('已记录：编制数 10人；实有人数 9人');
    expect(r.stdout).toMatch(/当前暂估 \d+\.\d\d 分/);
    const saved = r.stdout.match(/文件已保存：(.+\.docx)/)![1]!;
    expect(saved.startsWith(join(cwd, 'out'))).toBe(true);
    expect(existsSync(saved)).toBe(true);
    expect(existsSync(join(cwd, 'data/jixiao.db'))).toBe(true);
  }, 90_000);

  it('explains its usage without --user', () => {
    const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/chat.ts')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('用法：npm run chat -- --user');
  });
});
