import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { issueLoginLink } from '../../src/store/admin-login.js';
import { loadReportModel } from '../../src/store/reports.js';
import { adminScenario, UNITS } from '../helpers/admin-scenario.js';
import { testDatabases } from '../helpers/databases.js';

const ruleSet = loadRuleSet('yueyang-reference');

/**
 * Issue 28 item 5 at the HTTP level: `后台` in chat gives a one-time link; its GET only shows who
 * signs in, its POST starts a session (cookie HttpOnly, SameSite=Strict, /admin only) and sends
 * to /admin; the dashboard's data are those of 汇总; every bad input gets a Chinese 401/403 and
 * never any data; an organisation without links sees nothing; an unlink stops access at once.
 */
for (const t of testDatabases()) {
  describe(`the /admin dashboard's login and data on ${t.name}`, () => {
    let s: Awaited<ReturnType<typeof adminScenario>>;
    let cookie = '';
    beforeAll(async () => {
      s = await adminScenario(t);
    });
    afterAll(async () => {
      await s?.stop();
    });

    const get = (path: string, cookieHeader?: string) => fetch(s.url + path, { redirect: 'manual', headers: cookieHeader ? { cookie: cookieHeader } : {} });
    const post = (path: string, cookieHeader?: string) => fetch(s.url + path, { method: 'POST', redirect: 'manual', headers: cookieHeader ? { cookie: cookieHeader } : {} });
    const sessionOf = (r: Response) => (r.headers.get('set-cookie') ?? '').match(/jx_admin=([^;]*)/)?.[1];
    const userId = async (ext: string) => (await s.database.db.user.findUniqueOrThrow({ where: { externalId: ext } })).id;

    it('后台: a link for oversight members only, on PUBLIC_URL when set, else its path', async () => {
      expect(await s.say('wecom:a-admin', '后台')).toContain('您还不是任何财政局或主管部门的成员');
      const text = await s.say('wecom:fin', '后台');
      expect(text).toMatch(/^后台登录链接（10 分钟内有效，只能使用一次，仅限您本人）：\nhttps:\/\/jx\.example\.gov\.cn\/admin\/login\?t=[A-Za-z0-9_-]{43}\n/);
      const plain = new Bot({ database: s.database, defaultRuleSetId: 'yueyang-reference' });
      const reply = (await plain.handleMessage({ channel: 'test', userExternalId: 'wecom:fin', text: '后台', messageId: 'plain-1' }))[0]!.text;
      expect(reply).toMatch(/^后台登录路径.*\n\/admin\/login\?t=[A-Za-z0-9_-]{43}\n请在本服务的网址后加上此路径打开/);
      // stored hashed: the token itself is nowhere in the table
      const token = text.match(/t=([A-Za-z0-9_-]{43})/)![1]!;
      const rows = await s.database.db.adminLoginLink.findMany();
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.some((r) => r.tokenHash.includes(token) || r.tokenHash === token)).toBe(false);
    });

    it('without a session: every page and API answers 401 in Chinese with no data', async () => {
      for (const c of [undefined, 'jx_admin=not-a-token', `jx_admin=${'A'.repeat(43)}`]) {
        const page = await get('/admin', c);
        expect(page.status).toBe(401);
        const html = await page.text();
        expect(html).toContain('请先登录：在企业微信中向机器人发送「后台」');
        expect(html).not.toContain(UNITS.a);
        const api = await get('/admin/api/units', c);
        expect(api.status).toBe(401);
        expect(await api.json()).toEqual({ error: 401, code: 'ADMIN_NO_SESSION', message: expect.stringContaining('请先登录') });
        expect((await get(`/admin/api/units/${s.units.a}`, c)).status).toBe(401);
        const sheet = await get('/admin/export.xlsx', c);
        expect(sheet.status).toBe(401);
        expect(sheet.headers.get('content-type')).toContain('text/html');
      }
    });

    it('the link: GET shows who signs in and uses nothing; POST starts the session and sends to /admin', async () => {
      const token = await s.link();
      for (let i = 0; i < 2; i++) {
        const r = await get(`/admin/login?t=${token}`);
        expect(r.status).toBe(200);
        expect(r.headers.get('referrer-policy')).toBe('no-referrer');
        const html = await r.text();
        expect(html).toContain('您将以「王科长」的身份登录后台。');
        expect(html).toContain(`<form method="post" action="/admin/login?t=${token}">`);
        expect(sessionOf(r)).toBeUndefined();
      }
      const r = await post(`/admin/login?t=${token}`);
      expect(r.status).toBe(303);
      expect(r.headers.get('location')).toBe('/admin');
      const set = r.headers.get('set-cookie')!;
      expect(set).toMatch(/^jx_admin=[A-Za-z0-9_-]{43}; path=\/admin; expires=[^;]+; samesite=strict; httponly$/i);
      expect(set).not.toMatch(/secure/i); // plain HTTP here
      const expires = new Date(set.match(/expires=([^;]+)/)![1]!).getTime();
      expect(expires - Date.now()).toBeGreaterThan(7 * 3600_000);
      expect(expires - Date.now()).toBeLessThanOrEqual(8 * 3600_000 + 60_000);
      cookie = `jx_admin=${sessionOf(r)}`;
      const page = await get('/admin', cookie);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await page.text()).toContain('<script src="/admin/assets/admin.js"></script>');
      expect((await get('/admin/assets/echarts.min.js')).status).toBe(200);
    });

    it('a link used twice, expired, garbled or missing: 401 with the reason, and no session', async () => {
      const token = await s.link();
      expect((await post(`/admin/login?t=${token}`)).status).toBe(303);
      for (const r of [await get(`/admin/login?t=${token}`), await post(`/admin/login?t=${token}`)]) {
        expect(r.status).toBe(401);
        expect(sessionOf(r)).toBeUndefined();
        const html = await r.text();
        expect(html).toContain('登录链接已经使用过，每个链接只能使用一次');
        expect(html).toContain('data-code="ADMIN_LINK_USED"');
      }
      const old = await issueLoginLink(s.database.db, await userId('wecom:fin'), new Date(Date.now() - 11 * 60_000));
      for (const r of [await get(`/admin/login?t=${old}`), await post(`/admin/login?t=${old}`)]) {
        expect(r.status).toBe(401);
        expect(sessionOf(r)).toBeUndefined();
        expect(await r.text()).toContain('登录链接已过期（10 分钟内有效）');
      }
      for (const q of ['?t=x', `?t=${'B'.repeat(43)}`, '']) {
        const r = await post(`/admin/login${q}`);
        expect(r.status).toBe(401);
        expect(sessionOf(r)).toBeUndefined();
        expect(await r.text()).toContain('登录链接无效');
      }
    });

    it('a link of another person cannot be used in a browser signed in as somebody else (403); its person still can', async () => {
      const others = await s.link('wecom:other');
      for (const r of [await get(`/admin/login?t=${others}`, cookie), await post(`/admin/login?t=${others}`, cookie)]) {
        expect(r.status).toBe(403);
        expect(sessionOf(r)).toBeUndefined();
        expect(await r.text()).toContain('此登录链接属于另一个人');
      }
      expect((await post(`/admin/login?t=${others}`)).status).toBe(303);
    });

    it('the data are those of 汇总: the three units in order of attention, one unit’s score table and warnings, the 汇总表', async () => {
      const r = await get('/admin/api/units', cookie);
      expect(r.status).toBe(200);
      const body = (await r.json()) as { orgs: string[]; units: { id: string; name: string; score: number | null; complete: boolean; flags: string[]; progress: number }[]; history: { days: string[]; series: { name: string; values: number[] }[] } };
      expect(body.orgs).toEqual(['岳阳市财政局']);
      expect(body.units.map((u) => u.name)).toEqual([UNITS.c, UNITS.b, UNITS.a]);
      const total = scoreReport((await loadReportModel(s.database.db, s.reports.a)).model, ruleSet).total;
      expect(body.units[2]).toMatchObject({ id: s.units.a, complete: true, progress: 1, score: Math.round(total * 100) / 100 });
      expect(body.units[1]!.flags.join()).toContain('三公经费比上年增加');
      expect(body.units[0]).toMatchObject({ id: s.units.c, score: null, progress: 0 });
      expect(body.history.series.map((x) => x.name)).toEqual([UNITS.b, UNITS.a]);
      // A filled over five days, B over three: each day's count of answers given by then, ending at all of them
      expect(body.history.days).toHaveLength(5);
      expect(body.history.series[1]!.values.at(-1)).toBe(await s.database.db.answer.count({ where: { reportId: s.reports.a } }));
      expect(body.history.series[0]!.values.slice(0, 2)).toEqual([0, 0]);
      for (const x of body.history.series) expect(x.values).toEqual([...x.values].sort((p, q) => p - q));
      // another year: nobody has started it; the 汇总表 of that year is named for it
      const y2023 = (await (await get('/admin/api/units?year=2023', cookie)).json()) as { year: number; years: number[]; units: { score: number | null }[] };
      expect(y2023).toMatchObject({ year: 2023, years: [2024] });
      expect(y2023.units.map((u) => u.score)).toEqual([null, null, null]);
      expect((await get('/admin/export.xlsx?year=2023', cookie)).headers.get('content-disposition')).toContain(encodeURIComponent('2023年度绩效自评汇总表.xlsx'));

      const b = (await (await get(`/admin/api/units/${s.units.b}`, cookie)).json()) as { name: string; indicators: { name: string; points: number | null }[]; missingItems: string[]; flags: string[] };
      expect(b.name).toBe(UNITS.b);
      expect(b.indicators.length).toBe(scoreReport((await loadReportModel(s.database.db, s.reports.b)).model, ruleSet).indicators.length);
      expect(b.indicators.some((i) => i.points === null)).toBe(true);
      expect(b.missingItems.length).toBeGreaterThan(0);
      expect(b.flags.join()).toContain('三公经费比上年增加');

      const x = await get('/admin/export.xlsx', cookie);
      expect(x.status).toBe(200);
      expect(x.headers.get('content-disposition')).toContain(encodeURIComponent('绩效自评汇总表.xlsx'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await x.arrayBuffer()) as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect([2, 3, 4].map((i) => ws.getRow(i).getCell(1).value)).toEqual([UNITS.c, UNITS.b, UNITS.a]);
      expect(ws.getRow(4).getCell(ws.getRow(1).cellCount - 4).value).toBe(Math.round(total * 100) / 100);
      // every read is in the audit log
      const audit = await s.database.db.auditLog.findMany({ where: { action: 'oversight.read', userId: await userId('wecom:fin') } });
      expect(new Set(audit.map((a) => JSON.parse(a.detail).what))).toEqual(new Set(['admin.units', 'admin.unit', 'admin.sheet']));
    });

    it('an organisation without links sees nothing: no units, 403 for a unit of another, an empty 汇总表', async () => {
      const r = await post(`/admin/login?t=${await s.link('wecom:other')}`);
      const other = `jx_admin=${sessionOf(r)}`;
      const units = (await (await get('/admin/api/units', other)).json()) as { units: unknown[]; history: { series: unknown[] } };
      expect(units.units).toEqual([]);
      expect(units.history.series).toEqual([]);
      for (const id of Object.values(s.units)) {
        const u = await get(`/admin/api/units/${id}`, other);
        expect(u.status).toBe(403);
        const text = await u.text();
        expect(text).toContain('没有找到您可以查看的这个单位');
        expect(text).not.toContain('单位法律援助中心');
      }
      const x = await get('/admin/export.xlsx', other);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await x.arrayBuffer()) as ArrayBuffer);
      expect(wb.worksheets[0]!.rowCount).toBe(1);
      // no longer a member of any organisation: the session opens nothing (403)
      await s.database.db.oversightMember.deleteMany({ where: { userId: await userId('wecom:other') } });
      const page = await get('/admin', other);
      expect(page.status).toBe(403);
      expect(await page.text()).toContain('您已不是任何财政局或主管部门的成员');
      expect((await get('/admin/api/units', other)).status).toBe(403);
      expect((await get('/admin/export.xlsx', other)).status).toBe(403);
    });

    it('unlinking stops access at once; logging out ends the session', async () => {
      expect(await s.say('wecom:b-admin', '取消关联 财政局')).toContain('岳阳市财政局');
      const units = (await (await get('/admin/api/units', cookie)).json()) as { units: { name: string }[] };
      expect(units.units.map((u) => u.name)).toEqual([UNITS.c, UNITS.a]);
      expect((await get(`/admin/api/units/${s.units.b}`, cookie)).status).toBe(403);
      const out = await post('/admin/logout', cookie);
      expect(out.status).toBe(200);
      expect(await out.text()).toContain('已退出后台');
      expect((await get('/admin/api/units', cookie)).status).toBe(401);
    });
  });
}

describe('the session cookie behind HTTPS', () => {
  it('is Secure when the proxy (trusted) says the request came over HTTPS', async () => {
    const s = await adminScenario(testDatabases()[0]!, { TRUST_PROXY: 'on' });
    try {
      const r = await fetch(`${s.url}/admin/login?t=${await s.link()}`, { method: 'POST', redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } });
      expect(r.status).toBe(303);
      expect(r.headers.get('set-cookie')).toMatch(/; secure; /i);
    } finally {
      await s.stop();
    }
  });
});
