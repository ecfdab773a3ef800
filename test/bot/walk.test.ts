import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import type { Database } from '../../src/store/db.js';
import { loadReportModel } from '../../src/store/reports.js';
import { testDatabases } from '../helpers/databases.js';
import { seedModel } from '../helpers/rulesets.js';
import { Walker, newBot, stripIds } from '../helpers/walker.js';


const [sqlite] = testDatabases();

describe('the whole seed report, by chat', () => {
  let database: Database;
  beforeAll(async () => {
    database = await sqlite!.open();
  });
  afterAll(async () => {
    await database.close();
    await sqlite!.cleanup();
  });

  it('from onboarding to 生成报告, answering every question from the fixture: stored answers equal the fixture', async () => {
    const fixture = seedModel();
    const walker = new Walker(database, newBot(database), fixture);
    const last = await walker.walk();
    const file = last.find((r) => r.file);
    expect(file?.text).toContain('报告已生成：2024年度岳阳市法律援助中心单位整体支出绩效自评报告.docx');
    expect(file?.text).toContain('自评得分 96.88 分（优）');
    const state = await walker.state();
    const { model } = await loadReportModel(database.db, state.reportId!);
    expect(stripIds(model)).toEqual(stripIds(fixture));
    // every message got at least one reply, and no reply is an internal error
    for (const t of walker.transcript) {
      expect(t.replies.length, t.sent).toBeGreaterThan(0);
      for (const r of t.replies) expect(r.text).not.toMatch(/Error|undefined|NaN|\[object/);
    }
    // the generated file is stored and readable by the member, not by a stranger
    const bot = newBot(database);
    expect((await bot.file(file!.file!.fileId, 'wecom:walker'))?.size).toBeGreaterThan(10_000);
    expect(await bot.file(file!.file!.fileId, 'wecom:stranger')).toBeUndefined();
  }, 300_000);

  it('stops in the middle, resumes on a new bot instance with nothing lost, and the pending question is asked again', async () => {
    const fixture = seedModel();
    const user = 'wecom:resumer';
    const first = new Walker(database, newBot(database), fixture, user);
    await first.walk({ until: (s) => s.step.kind === 'field' && s.step.ref.key === 'sanGong.total.prior' });
    const before = await first.state();
    const answeredBefore = (await loadReportModel(database.db, before.reportId!)).model;
    expect(Object.keys(answeredBefore.values).length).toBeGreaterThan(20);

    // "lunch": a new Bot over a freshly opened database (as after a restart)
    const reopened = await sqlite!.open();
    const bot = newBot(reopened);
    const welcome = await bot.enter({ channel: 'test', userExternalId: user });
    expect(welcome.map((r) => r.text).join('\n')).toMatch(/【第\d+\/\d+项 · 经费控制】请输入 三公经费（上年决算数）（万元）/);
    const afterRestart = (await loadReportModel(reopened.db, before.reportId!)).model;
    expect(afterRestart).toEqual(answeredBefore);

    const second = new Walker(reopened, bot, fixture, user);
    const last = await second.walk();
    expect(last.some((r) => r.file)).toBe(true);
    const { model } = await loadReportModel(reopened.db, before.reportId!);
    expect(stripIds(model)).toEqual(stripIds(fixture));
    await reopened.close();
  }, 300_000);
});
