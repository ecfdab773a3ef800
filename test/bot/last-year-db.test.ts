import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import type { Reply } from '../../src/dialogs/types.js';
import type { Database } from '../../src/store/db.js';
import { loadReportModel } from '../../src/store/reports.js';
import { testDatabases } from '../helpers/databases.js';
import { seedModel } from '../helpers/rulesets.js';
import { Walker } from '../helpers/walker.js';

/**
 * Issue 26 item 4 through the bot: the unit's 2024 report is in the database; opening 2025 offers
 * its facts and texts through the confirm flow, and then last year's answers (实有人数, the
 * checklists) as one-tap 「去年：…」 choices that are stored only when taken.
 */
const [sqlite] = testDatabases();

describe('last year’s answers from the database', () => {
  let database: Database;
  beforeAll(async () => {
    database = await sqlite!.open();
  });
  afterAll(async () => {
    await database.close();
    await sqlite!.cleanup();
  });

  it('a 2025 report of a unit with a 2024 report offers 「去年：9」 for 实有人数 and stores it on the tap', async () => {
    const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference', now: () => new Date('2026-03-01T09:00:00Z') });
    const user = 'wecom:last-year';
    const walker = new Walker(database, bot, seedModel(), user, 'test', 'row');
    await walker.walk(); // the seed, filled as the unit's 2024 report
    const say = async (text: string): Promise<Reply[]> => walker.send(text);
    const text = (r: Reply[]) => r.map((x) => x.text).join('\n');

    const opened = await say('年度 2025');
    expect(text(opened)).toContain('2024 年度报告');
    await say('全部确认');
    const state = await walker.state();
    const model = (await loadReportModel(database.db, state.reportId!)).model;
    expect(model.values['unit.year']).toBe(2025);
    expect(model.values['staff.authorized']).toBe(11); // a fact, proposed and confirmed
    expect(model.values['staff.actual']).toBeUndefined(); // not this year's data: only offered
    // walk on to 实有人数 (facts answered; 单位性质 etc. are confirmed already)
    let reply = await say('继续');
    for (let guard = 0; guard < 10 && !/实有人数/.test(text(reply)); guard++) reply = await say('跳过');
    const q = reply.at(-1)!;
    expect(q.text).toContain('去年填的是「9」');
    expect(q.choices).toEqual(['去年：9']);
    await say('去年：9');
    const after = (await loadReportModel(database.db, state.reportId!)).model;
    expect(after.values['staff.actual']).toBe(9);
  }, 300_000);
});
