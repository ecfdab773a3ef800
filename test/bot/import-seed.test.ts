import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import type { DialogState, Reply } from '../../src/dialogs/types.js';
import { buildReport } from '../../src/export/document.js';
import { writeTemplate } from '../../src/import/template.js';
import { controlKey } from '../../src/report/catalogue.js';
import type { ReportModel } from '../../src/report/model.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import type { Database } from '../../src/store/db.js';
import { loadConversation, loadReportModel } from '../../src/store/reports.js';
import { testDatabases } from '../helpers/databases.js';
import { documentText } from '../helpers/docx.js';
import { seedModel } from '../helpers/rulesets.js';

/**
 * Issue 24's goal: the seed report from last year's report (DOCX) and one filled template, in at
 * most 40 messages, every imported value shown before it is stored. Last year's report is the seed
 * as the 2023 report of the same unit (the seed's own file, one year earlier); the template is the
 * one the bot sends on 「模板」, filled on a PC with the seed's 2024 figures.
 */
const ruleSet = loadRuleSet('yueyang-reference');
const MAX_MESSAGES = 40;
const [t] = testDatabases();

/** The seed as last year's report: the same unit and texts, the year before. */
function lastYear(): ReportModel {
  const m = seedModel();
  m.values['unit.year'] = 2023;
  return m;
}

describe('the seed report from last year’s DOCX and a filled template', () => {
  let database: Database;
  let bot: Bot;
  beforeAll(async () => {
    database = await t!.open();
    bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference', now: () => new Date('2025-03-01T09:00:00Z') });
  });
  afterAll(async () => {
    await bot.close();
    await database.close();
    await t!.cleanup();
  });

  it(`takes at most ${MAX_MESSAGES} messages and gives the fixture's figures`, async () => {
    const user = 'wecom:import-seed';
    const transcript: string[] = [];
    let sent = 0;
    let n = 0;
    const show = (replies: Reply[]) => replies.map((r) => r.text).join('\n');
    const say = async (text: string) => {
      sent++;
      const replies = await bot.handleMessage({ channel: 'test', userExternalId: user, text, messageId: `m${++n}` });
      transcript.push(`> ${text}`, show(replies));
      return show(replies);
    };
    const sendFile = async (fileName: string, content: Uint8Array) => {
      sent++;
      const turn = await bot.handleFile({ channel: 'test', userExternalId: user, messageId: `f${++n}`, fileName, content });
      transcript.push(`> [文件] ${fileName}`, show(turn.replies));
      return show(turn.replies);
    };

    for (const m of ['创建单位', '岳阳市法律援助中心', '正科级', '2024']) await say(m);

    const seed = seedModel();
    const docx = await buildReport(lastYear(), scoreReport(lastYear(), ruleSet), { createdAt: new Date('2024-03-01T08:00:00Z') });
    const read = await sendFile(docx.fileName, docx.content);
    expect(read).toContain('从文件读到');
    // nothing is stored before it is confirmed
    const stateOf = async () => {
      const u = await database.db.user.findUnique({ where: { externalId: user } });
      return (await loadConversation(database.db, u!.id, 'test')) as DialogState;
    };
    const reportId = (await stateOf()).reportId!;
    const before = (await loadReportModel(database.db, reportId)).model;
    expect(before.values['unit.functions']).toBeUndefined();
    await say('全部确认');
    const afterDocx = (await loadReportModel(database.db, reportId)).model;
    // last year's 决算 are this year's 上年决算数; facts are proposed, this year's figures are not
    expect(afterDocx.values[controlKey('sanGong.reception', 'prior')]).toBe(seed.values[controlKey('sanGong.reception', 'actual')]);
    expect(afterDocx.values['staff.authorized']).toBe(seed.values['staff.authorized']);
    expect(afterDocx.values['budget.executed']).toBeUndefined();

    // The template the bot sends, filled on a PC with this year's figures (here: written from the seed).
    const tpl = await writeTemplate(seed);
    expect(await sendFile('2024年度岳阳市法律援助中心绩效自评填报模板.xlsx', tpl)).toContain('从文件读到');
    await say('全部确认');

    // Whatever the two files did not hold is answered by chat, each with the seed's value.
    let reply = await say('继续');
    for (let guard = 0; guard < 60 && !/所有问题都已回答|可以回复「生成报告」/.test(reply); guard++) {
      if (/沿用去年表述/.test(reply)) reply = await say('沿用去年表述');
      else break;
    }
    const generated = await bot.handleMessage({ channel: 'test', userExternalId: user, text: '生成报告', messageId: `m${++n}` });
    sent++;
    transcript.push('> 生成报告', show(generated));
    const confirm = await bot.handleMessage({ channel: 'test', userExternalId: user, text: '确认生成', messageId: `m${++n}` });
    sent++;
    transcript.push('> 确认生成', show(confirm));

    const final = (await loadReportModel(database.db, reportId)).model;
    const missing = Object.keys(seed.values).filter((k) => final.values[k] === undefined);
    const wrong = Object.keys(seed.values).filter((k) => final.values[k] !== undefined && final.values[k] !== seed.values[k]);
    // the repeated groups too: every item's values and its rows, in order (ids differ)
    const shape = (m: ReportModel) =>
      Object.fromEntries(
        Object.entries(m.groups).map(([g, list]) => [g, (list ?? []).map((i) => ({ values: i.values, children: Object.fromEntries(Object.entries(i.children).map(([c, rows]) => [c, (rows ?? []).map((r) => r.values)])) }))]),
      );
    expect({ missing, wrong }, transcript.join('\n')).toEqual({ missing: [], wrong: [] });
    // targets come in the order of last year's attachment 2 (by category), not the fixture's
    const byName = (m: ReportModel) => ({ ...shape(m), target: shape(m).target!.sort((a, b) => String(a.values['target.name']).localeCompare(String(b.values['target.name']))) });
    expect(byName(final)).toEqual(byName(seed));
    // and the document says what the fixture's document says
    const file = await bot.file(confirm.find((r) => r.file)!.file!.fileId, user);
    const expected = await buildReport(seed, scoreReport(seed, ruleSet), { createdAt: new Date('2025-03-01T09:00:00Z') });
    expect(documentText(file!.content)).toBe(documentText(expected.content));
    expect(confirm.some((r) => r.file), transcript.join('\n')).toBe(true);
    expect(sent, transcript.join('\n')).toBeLessThanOrEqual(MAX_MESSAGES);
  }, 300_000);

  it('the seed (2024) as last year’s report of a 2025 report: says what it prefills, stores it only on 确认', async () => {
    const user = 'wecom:import-2025';
    let n = 0;
    const say = async (text: string) =>
      (await bot.handleMessage({ channel: 'test', userExternalId: user, text, messageId: `y${++n}` })).map((r) => r.text).join('\n');
    for (const m of ['创建单位', '岳阳市法律援助中心', '正科级', '2025']) await say(m);
    const seed = seedModel();
    const docx = await buildReport(seed, scoreReport(seed, ruleSet), { createdAt: new Date('2025-01-10T08:00:00Z') });
    const turn = await bot.handleFile({ channel: 'test', userExternalId: user, messageId: 'y-file', fileName: docx.fileName, content: docx.content });
    const summary = turn.replies.map((r) => r.text).join('\n');
    // which sections and how many values, the first section's values by name, and what is not taken
    expect(summary).toMatch(/2024 年度报告/);
    expect(summary).toMatch(/基本情况：\d+ 项/);
    expect(summary).toMatch(/经费控制：\d+ 项/);
    expect(summary).toContain('编制数 11人');
    expect(summary).toMatch(/不作为 2025 年度的数据导入/);
    const u = await database.db.user.findUnique({ where: { externalId: user } });
    const reportId = ((await loadConversation(database.db, u!.id, 'test')) as DialogState).reportId!;
    expect((await loadReportModel(database.db, reportId)).model.values['staff.authorized']).toBeUndefined();
    await say('全部确认');
    const { model } = await loadReportModel(database.db, reportId);
    for (const base of ['sanGong.total', 'sanGong.reception', 'spend.project', 'basic.public', 'procurement']) {
      expect(model.values[controlKey(base, 'prior')], base).toBe(seed.values[controlKey(base, 'actual')]);
      expect(model.values[controlKey(base, 'budget')], base).toBeUndefined();
    }
    for (const key of ['unit.functions', 'unit.departments', 'staff.authorized', 'staff.type']) expect(model.values[key], key).toEqual(seed.values[key]);
    for (const key of ['budget.initial', 'budget.executed', 'basic.personnel', 'staff.actual']) expect(model.values[key], key).toBeUndefined();
    expect(model.groups.special!.map((s) => [s.values['special.name'], s.values['special.priorFinal']])).toEqual(
      seed.groups.special!.map((s) => [s.values['special.name'], s.values['special.executed']]),
    );
  }, 300_000);

  it('a file waiting for 确认 survives a restart: a new process stores it on 全部确认, once', async () => {
    const user = 'wecom:import-restart';
    let n = 0;
    const say = async (b: Bot, text: string) => (await b.handleMessage({ channel: 'test', userExternalId: user, text, messageId: `r${++n}` })).map((r) => r.text).join('\n');
    for (const m of ['创建单位', '岳阳市法律援助中心', '正科级', '2025']) await say(bot, m);
    const seed = seedModel();
    const docx = await buildReport(seed, scoreReport(seed, ruleSet), { createdAt: new Date('2025-01-10T08:00:00Z') });
    await bot.handleFile({ channel: 'test', userExternalId: user, messageId: 'r-file', fileName: docx.fileName, content: docx.content });
    // the process goes away; another one on the same database picks the conversation up
    const next = new Bot({ database, defaultRuleSetId: 'yueyang-reference', now: () => new Date('2025-03-01T09:00:00Z') });
    try {
      // a repeated delivery of the file to the new process does nothing
      expect((await next.handleFile({ channel: 'test', userExternalId: user, messageId: 'r-file', fileName: docx.fileName, content: docx.content })).replies).toEqual([]);
      expect(await say(next, '全部确认')).toContain('导入完成');
      const u = await database.db.user.findUnique({ where: { externalId: user } });
      const reportId = ((await loadConversation(database.db, u!.id, 'test')) as DialogState).reportId!;
      const { model } = await loadReportModel(database.db, reportId);
      expect(model.values['staff.authorized']).toBe(seed.values['staff.authorized']);
      expect(model.values[controlKey('procurement', 'prior')]).toBe(seed.values[controlKey('procurement', 'actual')]);
      expect(await say(next, '全部确认')).toContain('当前没有需要确认的内容');
    } finally {
      await next.close();
    }
  }, 300_000);
});
