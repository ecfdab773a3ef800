import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReminders, type ReminderDeps, type Sent } from '../../src/oversight/reminders.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { openDatabase, type Database } from '../../src/store/db.js';
import { createOrg, issueCode, linkUnit, setDeadline } from '../../src/store/oversight.js';
import { createInvite, createUnit, ensureUser, redeemInvite } from '../../src/store/people.js';
import { openReport } from '../../src/store/reports.js';
import type { Budget } from '../../src/store/send-budget.js';
import { testDatabases } from '../helpers/databases.js';
import { seedModel } from '../helpers/rulesets.js';
import { storeModel } from '../helpers/store-model.js';

const ruleSet = loadRuleSet('yueyang-reference');
const RS = { id: ruleSet.id, version: ruleSet.version };

/** A budget per person: sends left, counted down by take (as store/send-budget.ts). */
function fakeBudget(left: Map<string, number>): Budget {
  return {
    inbound: async () => undefined,
    left: async (u) => left.get(u) ?? 100,
    take: async (u) => {
      const n = left.get(u) ?? 100;
      if (n <= 0) return false;
      left.set(u, n - 1);
      return true;
    },
  };
}

/**
 * Deadline reminders with a fake clock and two instances on one database (PostgreSQL when
 * TEST_POSTGRES_URL is set): the members of units not done get one message per step (7 and 2 days
 * before) naming what is missing and their score, whichever instance sends it; a complete unit's
 * members get none; the admin gets one digest a week; the send budget is respected.
 */
for (const t of testDatabases()) {
  describe(`reminders on ${t.name}`, () => {
    let one: Database;
    let two: Database;
    const budgetLeft = new Map<string, number>();
    const budget = fakeBudget(budgetLeft);
    beforeAll(async () => {
      one = await t.open();
      two = await openDatabase(await t.url());
      const { db } = one;
      const fin = await ensureUser(db, 'wecom:fin');
      const org = await createOrg(db, { name: '岳阳市财政局', kind: 'finance', adminUserId: fin.id });
      expect(org.kind).toBe('finance');
      const link = (await issueCode(db, { byUserId: fin.id, purpose: 'link', now: new Date('2025-03-01') })).code.code;
      const unit = async (name: string, admin: string, model?: ReturnType<typeof seedModel>) => {
        const a = await ensureUser(db, admin);
        const u = await createUnit(one, { name, rank: '正科级', ruleSetId: ruleSet.id, adminUserId: a.id });
        await linkUnit(db, { code: link, unitId: u.id, byUserId: a.id, now: new Date('2025-03-01') });
        if (model) await storeModel(db, (await openReport(db, u.id, 2024, RS)).id, a.id, { ...model, values: { ...model.values, 'unit.name': name } });
        return { u, a };
      };
      await unit('甲单位', 'wecom:a-admin', seedModel());
      const half = seedModel();
      half.groups = {};
      for (const k of Object.keys(half.values)) if (k.startsWith('narrative.')) delete half.values[k];
      const b = await unit('乙单位', 'wecom:b-admin', half);
      const filler = await ensureUser(db, 'wecom:b-filler');
      await redeemInvite(db, { code: (await createInvite(db, { unitId: b.u.id, byUserId: b.a.id })).code, userId: filler.id });
      const web = await ensureUser(db, 'web:乙的网页用户');
      await redeemInvite(db, { code: (await createInvite(db, { unitId: b.u.id, byUserId: b.a.id })).code, userId: web.id });
      await unit('丙单位', 'wecom:c-admin');
      await setDeadline(db, { byUserId: fin.id, year: 2024, due: '2025-03-31' });
    });
    afterAll(async () => {
      await two.close();
      await one.close();
      await t.cleanup();
    });

    /** Both instances run at once at `at`; what each sent. */
    async function runBoth(at: string): Promise<Sent[]> {
      const outbox: { user: string; text: string }[] = [];
      const deps = (d: Database): ReminderDeps => ({
        db: d.db,
        now: () => new Date(at),
        ruleSet: () => ruleSet,
        budget,
        send: async (user, text) => {
          outbox.push({ user, text });
          return true;
        },
      });
      const [a, b] = await Promise.all([runReminders(deps(one)), runReminders(deps(two))]);
      const sent = [...a, ...b];
      expect(outbox.map((o) => o.user).sort()).toEqual(sent.map((s) => s.user).sort());
      return sent;
    }
    const who = (sent: Sent[], kind: string) => sent.filter((s) => s.key.startsWith(kind)).map((s) => s.user).sort();

    it('nothing before the first step but the weekly digest; 7 days before, each member of an unfinished unit once', async () => {
      budgetLeft.set('wecom:c-admin', 0); // no proactive send left for this person now
      const early = await runBoth('2025-03-20T09:00:00');
      expect(who(early, 'remind')).toEqual([]);
      expect(who(early, 'digest')).toEqual(['wecom:fin']);
      const sent = await runBoth('2025-03-24T09:00:00');
      expect(who(sent, 'remind')).toEqual(['wecom:b-admin', 'wecom:b-filler']); // not 甲 (complete), not the web user, not c-admin (no budget)
      expect(who(sent, 'digest')).toEqual(['wecom:fin']); // a new week (Monday)
      const b = sent.find((s) => s.user === 'wecom:b-admin')!.text;
      expect(b).toContain('【提醒】「乙单位」2024年度绩效自评报告将于 2025-03-31 截止（还有 7 天）');
      expect(b).toMatch(/当前暂估 \d+\.\d\d 分（.+），还缺 \d+ 项。\n缺：专项资金主要用途、/);
      const digest = sent.find((s) => s.user === 'wecom:fin')!.text;
      expect(digest).toContain('【每周汇总】\n【岳阳市财政局汇总】共 3 个单位');
    });

    it('a run again the same week sends nothing; the person whose budget was spent gets it once it allows', async () => {
      expect(await runBoth('2025-03-24T15:00:00')).toEqual([]);
      budgetLeft.set('wecom:c-admin', 5);
      const later = await runBoth('2025-03-25T09:00:00');
      expect(who(later, 'remind')).toEqual(['wecom:c-admin']);
      expect(later[0]!.text).toContain('报告还没有开始填写');
      expect(budgetLeft.get('wecom:c-admin')).toBe(4);
    });

    it('2 days before, the second reminder, once; on the deadline nothing more; the next Monday a digest', async () => {
      const sent = await runBoth('2025-03-29T09:00:00');
      expect(who(sent, 'remind')).toEqual(['wecom:b-admin', 'wecom:b-filler', 'wecom:c-admin']);
      expect(sent[0]!.text).toContain('还有 2 天');
      expect(await runBoth('2025-03-30T09:00:00')).toEqual([]);
      const monday = await runBoth('2025-03-31T09:00:00');
      expect(who(monday, 'remind')).toEqual([]);
      expect(who(monday, 'digest')).toEqual(['wecom:fin']);
    });
  });
}
