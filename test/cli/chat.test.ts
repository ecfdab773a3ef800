import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
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
      timeout: 180_000,
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
  }, 180_000);

  it('a line /file <路径> sends that file through Bot.handleFile; a missing path or a file over 20 MB is refused without reading it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'jx-chat-file-'));
    const csv = join(cwd, '决算 表.csv');
    const bytes = Buffer.from('项目,本年决算数\n编制数,12\n实有人数,10\n', 'utf8');
    writeFileSync(csv, bytes);
    const big = join(cwd, 'big.xlsx');
    writeFileSync(big, '');
    truncateSync(big, 20 * 1024 * 1024 + 1); // sparse: nothing to read, only its size
    const input = ['创建单位', '文件单位', '正科级', '2024', `/file "${csv}"`, `/file ${join(cwd, 'nope.xlsx')}`, `/file ${big}`, '/file', '模板', ''].join('\n');
    const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/chat.ts'), '--', '--user', 'u2'], {
      cwd,
      input,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
      timeout: 180_000,
    });
    expect(r.status, r.stderr).toBe(0);
    // the answer to each /file line, up to the next prompt
    const answer = (line: string) => r.stdout.split(`> ${line}\n`)[1]!.split('\n> ')[0]!.trim();
    // read for real (in the reader's thread) and shown for confirmation
    expect(answer(`/file "${csv}"`)).toContain('已读取文件「决算 表.csv」');
    expect(answer(`/file ${join(cwd, 'nope.xlsx')}`)).toBe(`找不到文件：${join(cwd, 'nope.xlsx')}`);
    expect(answer(`/file ${big}`)).toContain('文件太大了（超过 20 MB）');
    expect(answer('/file')).toBe('用法：/file <文件路径>');
    // 模板: the template is written to out/ like a report
    const template = answer('模板').match(/文件已保存：(.+\.xlsx)/)![1]!;
    expect(template).toBe(join(cwd, 'out', '2024年度文件单位绩效自评填报模板.xlsx'));
    expect(existsSync(template)).toBe(true);
    // the file reached the bot (name and size), and only that one
    const database = await openDatabase(`file:${join(cwd, 'data/jixiao.db')}`);
    try {
      const reads = await database.db.auditLog.findMany({ where: { action: 'file.read' } });
      expect(reads.map((a) => JSON.parse(a.detail) as { fileName: string; size: number })).toEqual([expect.objectContaining({ fileName: '决算 表.csv', size: bytes.length, kind: 'sheet' })]);
    } finally {
      await database.close();
    }
  }, 180_000);

  it('explains its usage without --user', () => {
    const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/chat.ts')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('用法：npm run chat -- --user');
  });
});
