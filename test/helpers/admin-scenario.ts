import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Bot } from '../../src/bot/bot.js';
import { readConfig } from '../../src/config.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { createApp } from '../../src/server.js';
import type { Database } from '../../src/store/db.js';
import { createUnit, ensureUser } from '../../src/store/people.js';
import { openReport } from '../../src/store/reports.js';
import type { TestDb } from './databases.js';
import { seedModel } from './rulesets.js';
import { storeModel } from './store-model.js';

const ruleSet = loadRuleSet('yueyang-reference');
const RS = { id: ruleSet.id, version: ruleSet.version };
export const UNITS = { a: '甲单位法律援助中心', b: '乙单位司法所', c: '丙单位公证处' } as const;

/**
 * Issue 28's scenario for the dashboard: 岳阳市财政局 (wecom:fin) with three linked units at
 * different stages — A complete, B half filled with 三公经费 up, C not started — and another
 * 财政局 (wecom:other) with no units. The real app listens with the web chat off.
 */
export async function adminScenario(t: TestDb, env: Record<string, string> = {}) {
  const database: Database = await t.open();
  const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference', publicUrl: 'https://jx.example.gov.cn/' });
  const { db } = database;
  let n = 0;
  const say = async (user: string, text: string) => (await bot.handleMessage({ channel: 'test', userExternalId: user, userName: user === 'wecom:fin' ? '王科长' : undefined, text, messageId: `m${++n}` })).map((r) => r.text).join('\n');

  const adminA = await ensureUser(db, 'wecom:a-admin');
  const unitA = await createUnit(database, { name: UNITS.a, rank: '正科级', ruleSetId: ruleSet.id, adminUserId: adminA.id });
  const reportA = (await openReport(db, unitA.id, 2024, RS)).id;
  await storeModel(db, reportA, adminA.id, { ...seedModel(), values: { ...seedModel().values, 'unit.name': UNITS.a } });
  const adminB = await ensureUser(db, 'wecom:b-admin');
  const unitB = await createUnit(database, { name: UNITS.b, rank: '正科级', ruleSetId: ruleSet.id, adminUserId: adminB.id });
  const reportB = (await openReport(db, unitB.id, 2024, RS)).id;
  const half = seedModel();
  half.values = Object.fromEntries(Object.entries(half.values).filter(([k]) => k.startsWith('unit.') || k.startsWith('staff.') || k.startsWith('budget.') || k.startsWith('sanGong.')));
  half.values['sanGong.total.prior'] = 1.5;
  half.groups = {};
  await storeModel(db, reportB, adminB.id, half, ['unit.name']);
  const adminC = await ensureUser(db, 'wecom:c-admin');
  const unitC = await createUnit(database, { name: UNITS.c, rank: '正科级', ruleSetId: ruleSet.id, adminUserId: adminC.id });

  // filled over some days (A over five, B over the last three), so that the chart of progress over time has a course
  const spread = async (reportId: string, days: number) => {
    const ids = (await db.answerHistory.findMany({ where: { reportId }, select: { id: true }, orderBy: { id: 'asc' } })).map((r) => r.id);
    const per = Math.ceil(ids.length / days);
    for (let d = 0; d < days; d++) {
      await db.answerHistory.updateMany({ where: { id: { in: ids.slice(d * per, (d + 1) * per) } }, data: { createdAt: new Date(Date.now() - (days - d) * 86_400_000) } });
    }
  };
  await spread(reportA, 5);
  await spread(reportB, 3);
  await say('wecom:fin', '创建财政局 岳阳市财政局');
  const code = (await say('wecom:fin', '关联码')).match(/关联码：([A-Z0-9]{8})/)![1]!;
  for (const who of ['a', 'b', 'c']) await say(`wecom:${who}-admin`, `关联 ${code}`);
  await say('wecom:other', '创建财政局 别的财政局');

  const server: Server = createApp({ config: readConfig({ WEB_CHAT: 'off', ...env }), database }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  /** The token of a fresh login link from `后台` in chat. */
  const link = async (user = 'wecom:fin') => (await say(user, '后台')).match(/\/admin\/login\?t=([A-Za-z0-9_-]{43})/)![1]!;
  return {
    database,
    bot,
    say,
    url,
    link,
    units: { a: unitA.id, b: unitB.id, c: unitC.id },
    reports: { a: reportA, b: reportB },
    stop: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await database.close();
      await t.cleanup();
    },
  };
}
