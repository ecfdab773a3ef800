import type { OrgKind, OrgRole } from '../store/oversight.js';

/**
 * The oversight commands of the chat (issue 28). Parsed before the dialogs engine; a command that
 * turns out not to be for oversight (加入 with a unit's invite code, 汇总 from someone who is not
 * an oversight member) goes on to the engine unchanged (src/oversight/chat.ts).
 */
export type OversightCommand =
  | { kind: 'createOrg'; orgKind: OrgKind; name: string }
  | { kind: 'help' }
  /** 后台: a one-time login link to the web dashboard (src/admin). */
  | { kind: 'admin' }
  | { kind: 'linkCode' }
  | { kind: 'memberCode'; role: OrgRole }
  | { kind: 'joinOrg'; code: string }
  | { kind: 'link'; code: string }
  | { kind: 'unlink'; orgKind: OrgKind }
  | { kind: 'summary'; year?: number }
  | { kind: 'sheet'; year?: number }
  | { kind: 'unit'; name: string }
  | { kind: 'download'; name: string }
  /** `due`: as written after 截止 (checked when run); `year`: the report year, when given. */
  | { kind: 'deadline'; due: string; year?: number };

const KIND_WORDS: Record<string, OrgKind> = { 财政局: 'finance', 财政: 'finance', 主管部门: 'department', 主管单位: 'department', 部门: 'department' };
const year = (s: string | undefined) => (s ? Number(s) : undefined);

export function parseOversight(text: string): OversightCommand | undefined {
  const raw = text.normalize('NFKC').trim().replace(/[。.!！]+$/, '');
  const s = raw.replace(/\s+/g, '');
  let m = raw.match(/^(?:创建|新建)(财政局|主管部门)\s*[:：]?\s*(.*)$/s);
  if (m) return { kind: 'createOrg', orgKind: KIND_WORDS[m[1]!]!, name: m[2]!.trim() };
  if (/^(?:监管|机构|财政局|主管部门)帮助$/.test(s)) return { kind: 'help' };
  if (/^(?:管理)?后台(?:登录)?$/.test(s)) return { kind: 'admin' };
  if (/^(?:生成|获取|要)?关联码$/.test(s)) return { kind: 'linkCode' };
  if (/^邀请(?:查看员|查看人员)$/.test(s)) return { kind: 'memberCode', role: 'viewer' };
  if (s === '邀请机构管理员') return { kind: 'memberCode', role: 'admin' };
  m = s.match(/^加入([a-z0-9]{4,8})$/i);
  if (m) return { kind: 'joinOrg', code: m[1]!.toUpperCase() };
  m = s.match(/^关联([a-z0-9]{4,8})$/i);
  if (m) return { kind: 'link', code: m[1]!.toUpperCase() };
  m = s.match(/^(?:取消关联|解除关联)(财政局|财政|主管部门|主管单位|部门)$/);
  if (m) return { kind: 'unlink', orgKind: KIND_WORDS[m[1]!]! };
  m = s.match(/^汇总(?:(\d{4})年?度?)?$/);
  if (m) return { kind: 'summary', year: year(m[1]) };
  m = s.match(/^(?:汇总表|下载汇总表|导出汇总表|汇总表格)(?:(\d{4})年?度?)?$/) ?? s.match(/^(\d{4})年?度?汇总表$/);
  if (m) return { kind: 'sheet', year: year(m[1]) };
  m = raw.match(/^(?:设定|设置)?截止(?:日期|时间)?\s*[:：为]?\s*(.*?)(?:\s+(\d{4})\s*年?度?)?$/s);
  if (m) return { kind: 'deadline', due: m[1]!.trim(), year: year(m[2]) };
  m = raw.match(/^单位\s*[:：]?\s*(.+)$/s);
  if (m && !/^(性质|名称|级别|全称)/.test(m[1]!)) return { kind: 'unit', name: m[1]!.trim() };
  m = raw.match(/^下载\s*[:：]?\s*(.+)$/s);
  if (m && !/^(报告|模板|填报模板|汇总表)$/.test(m[1]!.trim())) return { kind: 'download', name: m[1]!.trim() };
  return undefined;
}
