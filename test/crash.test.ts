import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DialogState } from '../src/dialogs/types.js';
import { openDatabase } from '../src/store/db.js';
import { loadConversation, loadReportModel } from '../src/store/reports.js';
import { testDatabases } from './helpers/databases.js';
import { startServer } from './helpers/process.js';

/** The real server process is killed with SIGKILL mid-conversation and started again. */
for (const t of testDatabases()) {
  describe(`crash and restart on ${t.name}`, () => {
    afterAll(() => t.cleanup());

    it('every answer acknowledged before kill -9 is there after restart, and the pending question is asked again', async () => {
      const url = await t.url();
      const cwd = mkdtempSync(join(tmpdir(), 'jx-crash-'));
      const env = { DATABASE_URL: url };
      const first = startServer({ cwd, env });
      const base = (await first.waitFor(/已启动/)).match(/http:\/\/\S+/)![0].replace(/\/$/, '').replace('localhost', '127.0.0.1');
      const say = async (b: string, text: string) => {
        const res = await fetch(`${b}/api/chat/message`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: '陈七', text }) });
        expect(res.status).toBe(200);
        return ((await res.json()) as { replies: { text: string }[] }).replies.map((r) => r.text).join('\n');
      };
      for (const m of ['创建单位', '崩溃测试中心', '正科级', '2024', '行政机构', '负责测试', '完成', '用默认', '3', '跳过', '甲股、乙股、丙股', '11', '9', '行政编制', '用默认', '330', '365万', '3,625,600元']) await say(base, m);
      const pendingBefore = await say(base, '继续');
      expect(pendingBefore).toMatch(/请输入 基本支出合计（万元）/);

      first.child.kill('SIGKILL');
      expect(await first.exited).toBeNull(); // killed by a signal, no clean exit

      const second = startServer({ cwd, env });
      const base2 = (await second.waitFor(/已启动/)).match(/http:\/\/\S+/)![0].replace(/\/$/, '').replace('localhost', '127.0.0.1');
      expect(second.output()).toContain('结构已是最新');
      const enter = await fetch(`${base2}/api/chat/enter`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: '陈七' }) });
      const welcome = ((await enter.json()) as { replies: { text: string }[] }).replies.map((r) => r.text).join('\n');
      expect(welcome).toMatch(/请输入 基本支出合计（万元）/);
      expect(await say(base2, '174.28')).toContain('已记录 基本支出合计 174.28万元');
      await second.stop();

      const d = await openDatabase(url);
      const user = await d.db.user.findUnique({ where: { externalId: 'web:陈七' } });
      const state = (await loadConversation(d.db, user!.id, 'web')) as DialogState;
      const { model } = await loadReportModel(d.db, state.reportId!);
      expect(model.values).toMatchObject({
        'unit.name': '崩溃测试中心',
        'unit.rank': '正科级',
        'unit.year': 2024,
        'unit.nature': '行政机构',
        'unit.functions': '负责测试',
        'unit.departmentCount': 3,
        'unit.departments': '甲股、乙股、丙股',
        'staff.authorized': 11,
        'staff.actual': 9,
        'staff.type': '行政编制',
        'budget.initial': 330,
        'budget.full': 365,
        'budget.executed': 362.56,
        'basic.total': 174.28,
      });
      await d.close();
    }, 300_000);
  });
}
