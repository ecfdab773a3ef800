import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminScenario, UNITS } from '../helpers/admin-scenario.js';
import { testDatabases } from '../helpers/databases.js';
import { ROOT } from '../helpers/process.js';

const CHROMIUM = '/usr/bin/chromium';
/**
 * Screenshots go to out/ (a run must not change tracked files: the dates in them change every
 * day); `UPDATE_DOCS=1` writes the README's copies in docs/ instead.
 */
const SHOTS = join(ROOT, process.env.UPDATE_DOCS === '1' ? 'docs' : 'out');

/**
 * Issue 28 item 5 in a real browser: a 财政局 member opens the link from `后台`, signs in, sees
 * the three units (sortable, filterable), the charts and one unit's score table, at phone width
 * (390 px) and desktop width (1280 px); the screenshots are the README's (docs/admin-*.png, see SHOTS).
 */
describe.runIf(existsSync(CHROMIUM))('the /admin dashboard in Chromium', () => {
  let s: Awaited<ReturnType<typeof adminScenario>>;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    s = await adminScenario(testDatabases()[0]!);
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });

  /** A page whose errors (CSP violations, failed scripts) are collected; the browser's own /favicon.ico aside. */
  const open = async (width: number, signedIn = true): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width, height: 844 } });
    // Playwright's own 30 s per action is too short with both cores busy (issue 29): waits end on the
    // event, this is only the backstop (the tests' limits are above it).
    page.setDefaultTimeout(120_000);
    if (!signedIn) return page;
    page.on('console', (m) => void (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && errors.push(`${m.text()} ${m.location().url}`)));
    page.on('pageerror', (e) => void errors.push(e.message));
    return page;
  };
  const names = (page: Page) => page.locator('#units tbody tr td:first-child').allTextContents();

  it('without a session the page says how to sign in', async () => {
    const page = await open(390, false);
    const r = await page.goto(`${s.url}/admin`);
    expect(r!.status()).toBe(401);
    expect(await page.textContent('.message')).toContain('请先登录');
    await page.close();
  });

  it('signs in by the link at phone width: units in order of attention, sorted and filtered, one unit’s scores', async () => {
    const page = await open(390);
    await page.goto(`${s.url}/admin/login?t=${await s.link()}`);
    expect(await page.textContent('main')).toContain('您将以「王科长」的身份登录后台');
    await page.click('#enter');
    await page.waitForURL(`${s.url}/admin`);
    await page.waitForSelector('body[data-ready="1"]');
    expect(await page.textContent('#orgs')).toBe('所属机构：岳阳市财政局');
    expect(await names(page)).toEqual([UNITS.c, UNITS.b, UNITS.a]);
    // the charts are drawn (SVG from echarts), the score distribution with one unit ≥ 90
    await page.waitForSelector('#dist svg');
    await page.waitForSelector('#time svg');
    // nothing wider than the phone but the scrolling table
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, 'admin-390.png'), fullPage: true });

    await page.click('th[data-key="score"]');
    expect(await names(page)).toEqual([UNITS.b, UNITS.a, UNITS.c]); // lowest score first, no score last
    await page.click('th[data-key="score"]');
    expect(await names(page)).toEqual([UNITS.a, UNITS.b, UNITS.c]);
    await page.check('#open');
    expect(await names(page)).toEqual([UNITS.b, UNITS.c]);
    await page.uncheck('#open');
    await page.selectOption('#year', '2024');
    await page.waitForFunction(() => document.getElementById('export')!.getAttribute('href') === '/admin/export.xlsx?year=2024');
    expect(await names(page)).toEqual([UNITS.a, UNITS.b, UNITS.c]); // the 2024 reports, still by score, highest first
    await page.fill('#filter', '司法');
    expect(await names(page)).toEqual([UNITS.b]);

    await page.click(`#units a:has-text("${UNITS.b}")`);
    await page.waitForSelector('#detail table.score');
    expect(await page.textContent('#detail h2')).toBe(UNITS.b);
    expect(await page.textContent('#detail ul.flags')).toContain('三公经费比上年增加');
    expect(await page.locator('#detail table.score tbody tr').count()).toBeGreaterThan(10);
    expect(await page.locator('#detail table.score tr.pending').count()).toBeGreaterThan(0);
    await page.click('#detail a.back');
    await page.waitForSelector('#list:not([hidden])');
    await page.close();
  }, 300_000);

  it('at 1280 px: the table and both charts side by side; the 汇总表 downloads', async () => {
    const page = await open(1280);
    await page.goto(`${s.url}/admin/login?t=${await s.link()}`);
    await page.click('#enter');
    await page.waitForSelector('body[data-ready="1"]');
    await page.waitForSelector('#time svg');
    const [dist, time] = [await page.locator('#dist').boundingBox(), await page.locator('#time').boundingBox()];
    expect(Math.abs(dist!.y - time!.y)).toBeLessThan(2);
    await page.screenshot({ path: join(SHOTS, 'admin-1280.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    expect(download.suggestedFilename()).toBe('绩效自评汇总表.xlsx');
    await page.close();
    expect(errors).toEqual([]);
  }, 300_000);
});
