import { TOP_FIELDS } from '../report/catalogue.js';
import type { FieldDef, GroupId } from '../report/fields.js';
import { parseWhatIfWords, type WhatIfWords } from './what-if-parse.js';

/**
 * What a message asks for when it is not an answer. Single-word commands must be the whole
 * message (so an answer that starts with 继续… is still an answer); commands with an argument
 * are commands only when the argument resolves (修改 <a real field>, 查看 <a real section>).
 */
export type Command =
  | { kind: 'help' }
  | { kind: 'continue' }
  | { kind: 'progress' }
  | { kind: 'score'; detail?: boolean }
  | { kind: 'view'; what: string }
  | { kind: 'edit'; what: string }
  | { kind: 'set'; what: string; value: string }
  | { kind: 'back' }
  | { kind: 'skip' }
  | { kind: 'later' }
  | { kind: 'cancel' }
  | { kind: 'generate' }
  | { kind: 'confirmGenerate' }
  | { kind: 'confirm' }
  | { kind: 'invite' }
  | { kind: 'join'; code: string }
  | { kind: 'year'; year: number }
  | { kind: 'useDefault' }
  | { kind: 'addItem'; group: GroupId }
  | { kind: 'listItems'; group: GroupId }
  | { kind: 'deleteItem'; group: GroupId; n: number }
  | { kind: 'editItem'; group: GroupId; n: number }
  | ({ kind: 'whatIf' } & WhatIfWords);

const WORDS: [Command['kind'], string[]][] = [
  ['help', ['帮助', 'help', '?', '？', '怎么用', '使用说明', '菜单', '说明']],
  ['continue', ['继续', '下一个', '下一步', '接着填', '开始', '开始填写', '继续填写']],
  ['progress', ['进度', '完成情况', '填了多少', '查看进度']],
  ['score', ['得分', '分数', '现在多少分', '多少分', '当前得分', '评分', '打分', '看分', '现在几分', '几分', '查看得分', '自评得分']],
  ['back', ['上一步', '返回', '后退', '上一个', '上一题']],
  ['skip', ['跳过', '不填', '略过', '下一项']],
  ['later', ['稍后再填', '稍后', '以后再填', '待会再填', '先不填']],
  ['cancel', ['取消', '算了', '退出', '不要了']],
  ['generate', ['生成报告', '导出报告', '出报告', '生成', '导出', '生成word', '生成文档']],
  ['confirmGenerate', ['确认生成', '确定生成', '仍然生成', '直接生成']],
  ['confirm', ['确认', '确定', '确认删除', '全部确认']],
  ['invite', ['邀请', '邀请同事', '邀请码', '生成邀请码']],
  ['useDefault', ['用默认', '默认', '使用默认', '用默认的', '默认表述']],
];

/** 得分 详细 (the whole score, issue 26): a score word and 详细, either way round. */
const SCORE_DETAIL = /^(?:(?:查看)?(?:得分|分数|评分)(?:详细|详情|明细)|详细(?:得分|分数|评分))$/;

const GROUP_WORDS: [GroupId, string[]][] = [
  ['special', ['项目', '专项', '专项资金项目']],
  ['target', ['目标', '绩效目标', '年度绩效目标']],
];

/**
 * `s` without the characters of `chars` at its end. A loop, not `/[…]+$/`: an unanchored run
 * followed by `$` is tried from every start of a long run that is not at the end (quadratic).
 */
function dropTrailing(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** Normalised for matching: full-width folded, spaces and brackets removed, trailing punctuation dropped. */
export function squash(s: string): string {
  const folded = s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[()（）【】\[\]「」“”"']/g, '');
  return dropTrailing(folded, '。.!！~～').toLowerCase();
}

function groupOf(word: string): GroupId | undefined {
  return GROUP_WORDS.find(([, ws]) => ws.includes(word))?.[0];
}

export function parseCommand(text: string): Command | undefined {
  const s = squash(text);
  // "现在多少分？" and "进度呢" are the commands too; a lone "?" stays help.
  const bare = s.length > 1 ? dropTrailing(s, '?？').replace(/(了吗|吗|呢|啊|了)$/, '') : s;
  for (const [kind, words] of WORDS) if (words.includes(s) || words.includes(bare)) return { kind } as Command;
  if (SCORE_DETAIL.test(bare)) return { kind: 'score', detail: true };
  let m = s.match(/^加入([a-z0-9]{4,8})$/i);
  if (m) return { kind: 'join', code: m[1]!.toUpperCase() };
  m = s.match(/^(?:切换)?(?:年度|自评年度)(\d{4})$/) ?? s.match(/^(\d{4})年度$/);
  if (m) return { kind: 'year', year: Number(m[1]) };
  m = s.match(/^(?:添加|新增|增加)(.+)$/);
  if (m && groupOf(m[1]!)) return { kind: 'addItem', group: groupOf(m[1]!)! };
  m = s.match(/^(.+?)(?:列表|清单)$/) ?? s.match(/^查看(?:所有|全部)?(.+)$/);
  if (m && groupOf(m[1]!)) return { kind: 'listItems', group: groupOf(m[1]!)! };
  // \D+? (not .+?): a digit run that fails the end anchor is not retried from every start.
  m = s.match(/^删除(\D+?)第?(\d+)个?$/);
  if (m && groupOf(m[1]!.replace(/第$/, ''))) return { kind: 'deleteItem', group: groupOf(m[1]!.replace(/第$/, ''))!, n: Number(m[2]) };
  m = s.match(/^修改(\D+?)第?(\d+)个?$/);
  if (m && groupOf(m[1]!.replace(/第$/, ''))) return { kind: 'editItem', group: groupOf(m[1]!.replace(/第$/, ''))!, n: Number(m[2]) };
  const raw = text.normalize('NFKC').trim();
  // 如果 全年执行数 350 / 执行率到95%能得几分 (before 改为: 「如果 X 改为 Y」 is a what-if)
  const whatIf = parseWhatIfWords(raw);
  if (whatIf) return { kind: 'whatIf', ...whatIf };
  const set = splitSet(raw);
  if (set) return { kind: 'set', ...set };
  m = raw.match(/^(?:修改|更改|改)\s*(.+)$/s);
  if (m) return { kind: 'edit', what: m[1]!.trim() };
  m = raw.match(/^(?:查看|看看|显示)\s*(.+)$/s);
  if (m) return { kind: 'view', what: m[1]!.trim() };
  return undefined;
}

const SET_WORD = /改为|改成|更正为|更改为|修改为/;

/**
 * "人员经费 改为 160.2" → what and value, split at the first 改为-word after the first character.
 * A search, not a lazy `^(.+?)\s*…` match: that retried the whitespace run from every start,
 * quadratic in a long message.
 */
function splitSet(raw: string): { what: string; value: string } | undefined {
  const m = SET_WORD.exec(raw.slice(1));
  if (!m) return undefined;
  const at = m.index + 1;
  const what = raw.slice(0, at).trim();
  const value = raw.slice(at + m[0].length).trim();
  return what && value ? { what, value } : undefined;
}

/** Labels people may use for a field: the official label, squashed. */
const LABELS = TOP_FIELDS.map((f) => ({ field: f, label: squash(f.label) })).sort((a, b) => b.label.length - a.label.length);

/** The top-level field a person names, or undefined when none or several match. */
export function findField(text: string): FieldDef | undefined {
  const s = squash(text);
  if (!s) return undefined;
  const exact = LABELS.find((l) => l.label === s);
  if (exact) return exact.field;
  const within = LABELS.filter((l) => l.label.includes(s));
  if (within.length === 1) return within[0]!.field;
  const starts = within.filter((l) => l.label.startsWith(s));
  return starts.length === 1 ? starts[0]!.field : undefined;
}

/** Labels that fast entry recognises: short answers only (no paragraphs, no yes/no checklists). */

export interface FastEntry {
  /** `itemId`: a field of the item the pending question is in (dialogs/scoped-entry.ts). */
  pairs: { field: FieldDef; value: string; itemId?: string }[];
  /** Text that matched no label. */
  leftover: string[];
}

/** A question about the pending item rather than an answer to it. */
export function isSideQuestion(text: string): boolean {
  const t = text.trim();
  return /[?？]$/.test(t) || /^(什么是|什么叫|怎么|为什么|如何|哪些|哪个|是什么|能不能|可以.*吗)/.test(t);
}
