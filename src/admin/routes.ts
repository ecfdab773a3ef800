import Router from '@koa/router';
import type Koa from 'koa';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors.js';
import { zh } from '../messages/zh.js';
import { unitStatuses } from '../oversight/status.js';
import { sheetFileName, writeSummarySheet } from '../oversight/sheet.js';
import type { RuleSet } from '../scoring/ruleset-schema.js';
import { checkLoginLink, endSession, redeemLoginLink, sessionUser, SESSION_TTL_MS } from '../store/admin-login.js';
import type { Db } from '../store/db.js';
import { auditRead, orgsOf, readableUnits } from '../store/oversight.js';
import { pageLabels, unitsView, unitView } from './data.js';
import { dashboardPage, loginPage, messagePage } from './pages.js';

/**
 * The web dashboard at /admin (issue 28 item 5). It has its own login (a one-time link from the
 * bot's `后台`), so it is mounted whether or not the web chat is on. Every request checks the
 * session and the person's organisations again: an unlink or a removed member sees nothing more.
 */
export interface AdminOptions {
  db: Db;
  ruleSet: (id: string) => RuleSet;
  now?: () => Date;
}

export const SESSION_COOKIE = 'jx_admin';
const A = zh.admin;
const PUBLIC = join(dirname(fileURLToPath(import.meta.url)), 'public');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The page's own files, and the charting library from node_modules (read once, when first asked for). */
const ASSETS: Record<string, { type: string; path: () => string }> = {
  'admin.js': { type: 'text/javascript; charset=utf-8', path: () => join(PUBLIC, 'admin.js') },
  'admin.css': { type: 'text/css; charset=utf-8', path: () => join(PUBLIC, 'admin.css') },
  'echarts.min.js': { type: 'text/javascript; charset=utf-8', path: () => createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js') },
};

type Ctx = Koa.Context;

const STATUS: Partial<Record<string, number>> = { ADMIN_LINK_OTHER_PERSON: 403, ADMIN_NOT_MEMBER: 403 };

export function adminRouter(opts: AdminOptions): Router {
  const { db, ruleSet } = opts;
  const now = opts.now ?? (() => new Date());
  const router = new Router();
  const assets = new Map<string, string>();

  const headers = (ctx: Ctx) => {
    ctx.set('Content-Security-Policy', CSP);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cache-Control', 'no-store');
  };
  const html = (ctx: Ctx, status: number, body: string) => {
    headers(ctx);
    ctx.status = status;
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = body;
  };
  /** A refusal: an HTML page for the browser's pages, JSON for the page's requests. */
  const refuse = (ctx: Ctx, e: AppError, status = STATUS[e.code] ?? 401) => {
    if (ctx.path.startsWith('/admin/api/')) {
      headers(ctx);
      ctx.status = status;
      ctx.body = { error: status, code: e.code, message: e.message };
    } else html(ctx, status, messagePage(status, e.message, e.code));
  };
  const cookie = (ctx: Ctx) => ctx.cookies.get(SESSION_COOKIE);
  const setCookie = (ctx: Ctx, value: string | null) =>
    ctx.cookies.set(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'strict', secure: ctx.secure, path: '/admin', maxAge: value ? SESSION_TTL_MS : 0, overwrite: true });

  /** The signed-in oversight member, or the refusal sent (401 without a session, 403 for a non-member). */
  const member = async (ctx: Ctx): Promise<string | undefined> => {
    const userId = await sessionUser(db, cookie(ctx), now());
    if (!userId) return void refuse(ctx, new AppError('ADMIN_NO_SESSION', A.noSession));
    if (!(await orgsOf(db, userId)).length) return void refuse(ctx, new AppError('ADMIN_NOT_MEMBER', A.notMember));
    return userId;
  };
  const yearOf = (ctx: Ctx) => {
    const y = Number(ctx.query.year);
    return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : undefined;
  };

  // The link from the chat: GET only shows who is signing in (link previews of chat apps fetch it
  // too and must not use it up); the button POSTs, which uses the link and starts the session.
  router.get('/admin/login', async (ctx) => {
    const token = String(ctx.query.t ?? '');
    try {
      const { userId } = await checkLoginLink(db, token, now(), await sessionUser(db, cookie(ctx), now()));
      const user = await db.user.findUnique({ where: { id: userId }, select: { name: true, externalId: true } });
      html(ctx, 200, loginPage(token, user?.name ?? user?.externalId.replace(/^[a-z]+:/, '') ?? ''));
    } catch (e) {
      if (e instanceof AppError) return refuse(ctx, e);
      throw e;
    }
  });
  router.post('/admin/login', async (ctx) => {
    try {
      const { session } = await redeemLoginLink(db, String(ctx.query.t ?? ''), now(), await sessionUser(db, cookie(ctx), now()));
      setCookie(ctx, session);
      headers(ctx);
      ctx.status = 303;
      ctx.redirect('/admin');
    } catch (e) {
      if (e instanceof AppError) return refuse(ctx, e);
      throw e;
    }
  });
  router.post('/admin/logout', async (ctx) => {
    await endSession(db, cookie(ctx));
    setCookie(ctx, null);
    html(ctx, 200, messagePage(200, A.loggedOut));
  });

  router.get('/admin', async (ctx) => {
    if (await member(ctx)) html(ctx, 200, dashboardPage(pageLabels()));
  });
  router.get('/admin/assets/:file', (ctx) => {
    const asset = ASSETS[ctx.params.file!];
    if (!asset) return;
    let body = assets.get(ctx.params.file!);
    if (body === undefined) assets.set(ctx.params.file!, (body = readFileSync(asset.path(), 'utf8')));
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.type = asset.type;
    ctx.body = body;
  });

  router.get('/admin/api/units', async (ctx) => {
    const userId = await member(ctx);
    if (!userId) return;
    headers(ctx);
    ctx.body = await unitsView(db, userId, ruleSet, yearOf(ctx));
  });
  router.get('/admin/api/units/:id', async (ctx) => {
    const userId = await member(ctx);
    if (!userId) return;
    const view = await unitView(db, userId, ctx.params.id!, ruleSet);
    if (!view) return refuse(ctx, new AppError('FORBIDDEN', A.unitForbidden), 403);
    headers(ctx);
    ctx.body = view;
  });
  // 汇总表: the same workbook as in chat
  router.get('/admin/export.xlsx', async (ctx) => {
    const userId = await member(ctx);
    if (!userId) return;
    const year = yearOf(ctx);
    const units = await readableUnits(db, userId);
    const content = await writeSummarySheet(await unitStatuses(db, units, ruleSet, year));
    await auditRead(db, userId, units.map((u) => u.id), 'admin.sheet');
    headers(ctx);
    ctx.type = XLSX;
    ctx.set('Content-Disposition', `attachment; filename="summary.xlsx"; filename*=UTF-8''${encodeURIComponent(sheetFileName(year))}`);
    ctx.body = Buffer.from(content);
  });
  return router;
}
