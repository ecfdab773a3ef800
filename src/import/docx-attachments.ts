import { zh } from '../messages/zh.js';
import { FIELDS } from '../report/catalogue.js';
import { halfWidth, parseNumber } from './numbers.js';
import { matchGrid, type Grid, type GridCell } from './grid.js';
import { normalizeLabel } from './labels.js';
import type { Deadline } from './limits.js';
import type { ItemBuilder, ProposalBuilder } from './propose.js';

/**
 * The attachment tables of a report: 附件1 基础数据表 (matched row by row like any sheet),
 * 附件2's budget figures and the inputs its reasons name, 附件3 one 项目支出绩效自评表 per 专项,
 * 附件4–6 the other budgets. Tables are told apart by what they contain, not by position.
 */

const S = zh.import.src;
const T = (c: GridCell | undefined) => c?.text ?? '';
const norm = (s: string) => normalizeLabel(s);

export type TableKind = 'a1' | 'buildings' | 'a2funds' | 'a2' | 'a3' | 'other' | undefined;

export function tableKind(rows: GridCell[][]): TableKind {
  const all = rows.flat().map((c) => norm(c.text));
  const has = (s: string) => all.includes(s);
  if (has('楼堂馆所控制情况')) return 'buildings';
  if (has('项目名称') && all.some((t) => t.startsWith('年度资金总额'))) return 'a3';
  if (has('三级指标') && has('评分标准')) return 'a2';
  if (has('主要用途') && all.some((t) => /政府性基金|国有资本经营|社会保险基金/.test(t))) return 'other';
  if (has('执行率') && has('年初预算数') && has('全年执行数')) return 'a2funds';
  if (has('经费控制情况') || has('预算单位名称') || has('厉行节约保障措施') || has('三公经费')) return 'a1';
  return undefined;
}

const gridOf = (rows: GridCell[][], where: Grid['where'], rowWhere: Grid['rowWhere']): Grid => ({ name: '', rows, where, rowWhere });

/** 附件1: the 基础数据表 and the 厉行节约 table, row labels and column headers as any sheet. */
export function readA1(rows: GridCell[][], out: ProposalBuilder, deadline: Deadline): number | undefined {
  const label = (l: string) => l.trim().replace(/^其中[:：]/, '').replace(/^\d{1,2}[、.．]/, '').replace(/[（(]=[^)）]*[)）]$/, '').trim();
  const grid = gridOf(
    rows,
    (_r, _c, l, column) => S.a1(label(l), column),
    (r) => S.a1(label(rows[r]?.find((c) => c.text && c.num === undefined)?.text ?? ''), ''),
  );
  return matchGrid(grid, out, deadline).year;
}

export function readBuildings(rows: GridCell[][], out: ProposalBuilder, deadline: Deadline): void {
  if (rows.flat().some((c) => /无楼堂馆所/.test(c.text))) {
    out.set('building.has', false, S.a1('楼堂馆所控制情况', ''));
    return;
  }
  const before = out.values.length;
  readA1(rows, out, deadline);
  if (out.values.slice(before).some((v) => v.key.startsWith('building.'))) out.set('building.has', true, S.a1('楼堂馆所控制情况', ''));
}

/** Inputs named in 附件2's reasons: 「重点项目支出 170.00万元」「经济效益达成情况：达成」. */
const NUMERIC = FIELDS.filter((f) => !f.group && ['money', 'integer', 'number', 'percent', 'area'].includes(f.kind));
const CHOICES = FIELDS.filter((f) => !f.group && f.kind === 'choice');
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NUM_RE = new RegExp(`(${[...NUMERIC].sort((a, b) => b.label.length - a.label.length).map((f) => esc(f.label)).join('|')}) ?(-?[\\d,]+(?:\\.\\d+)?)(万元|人|个|次|项|%|㎡|分)?`, 'g');
const CHOICE_RE = new RegExp(`(${CHOICES.map((f) => esc(f.label)).join('|')})[：:]「?(${[...new Set(CHOICES.flatMap((f) => f.choices ?? []))].sort((a, b) => b.length - a.length).map(esc).join('|')})`, 'g');

export function readA2(rows: GridCell[][], out: ProposalBuilder): void {
  const byLabel = new Map(FIELDS.filter((f) => !f.group).map((f) => [f.label, f.key]));
  for (const row of rows) {
    const name = T(row[2]) || T(row[0]);
    for (const cell of row) {
      if (cell.merged || !cell.text) continue;
      for (const m of cell.text.matchAll(NUM_RE)) {
        const key = byLabel.get(m[1]!)!;
        const n = parseNumber(m[2]!);
        if (n) out.set(key, n.value, S.a2(name));
      }
      for (const m of cell.text.matchAll(CHOICE_RE)) out.set(byLabel.get(m[1]!)!, m[2]!, S.a2(name));
    }
  }
}

export function readA2Funds(rows: GridCell[][], out: ProposalBuilder, deadline: Deadline): void {
  matchGrid(gridOf(rows, (_r, _c, l) => S.a2(l.replace(/[（(]万元[)）]/, '')), (r) => S.a2(`第${r + 1}行`)), out, deadline);
}

/** Flags the scoring appends to 偏差原因 (messages/zh.ts scoring.overAchievement / levelOutOfBand). */
const FLAG_RE = /「[^」]*」完成 [\d.]+%，指标值设定可能偏低|「[^」]*」的得分比例 [\d.]+% 不在 [^区]*区间内，已按区间边界计/g;

const FUND_PARTS: [RegExp, string][] = [
  [/^当年财政拨款/, 'current'],
  [/^上年结转/, 'carryover'],
  [/^其他资金/, 'other'],
];
const FUND_COLS: [RegExp, string][] = [
  [/年初预算/, 'budgetInitial'],
  [/全年预算/, 'budgetFull'],
  [/全年执行/, 'executed'],
];
const FUND_NAMES: Record<string, string> = { budgetInitial: '年初预算数', budgetFull: '全年预算数', executed: '全年执行数' };
const IND_COLS: [RegExp, string][] = [
  [/^一级指标/, 'level1'],
  [/^二级指标/, 'level2'],
  [/^三级指标/, 'name'],
  [/^年度指标值|^指标值/, 'target'],
  [/^实际完成值|^完成值/, 'actual'],
  [/^分值/, 'weight'],
  [/^偏差原因/, 'deviation'],
];

/** A value after a label cell in the same row (the next cell that is not a copy of it). */
function after(row: GridCell[], c: number): GridCell | undefined {
  for (let k = c + 1; k < row.length; k++) if (!row[k]!.merged && row[k]!.text !== row[c]!.text) return row[k];
  return undefined;
}

/** One 项目支出绩效自评表. */
export function readA3(rows: GridCell[][], n: number, out: ProposalBuilder): ItemBuilder {
  const it = out.item('special', S.a3(n, ''), S.a3(n, ''));
  const src = (what: string) => S.a3(n, what);
  let fundCols: Map<number, string> | undefined;
  let indCols: Map<number, string> | undefined;
  let goalCols: [number, number] | undefined;
  let split = false;
  let splitRows = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const first = norm(T(row[0]));
    if (indCols) {
      if (/^(总分|合计)/.test(first)) {
        indCols = undefined;
        continue;
      }
      readIndicator(row, indCols, it.child('specialIndicator', S.a3Row(n, it.children.length + 1, ''), ''), (what) => S.a3Row(n, it.children.length, what));
      continue;
    }
    row.forEach((cell, c) => {
      if (cell.merged) return;
      const l = norm(cell.text);
      const key = { 项目名称: 'special.name', 主管部门: 'special.department', 实施单位: 'special.implementer' }[l];
      const v = key && after(row, c);
      if (key && v) it.set(key, v.text, src(l));
    });
    if (row.some((c) => /年初预算/.test(c.text)) && row.some((c) => /全年执行/.test(c.text))) {
      fundCols = new Map();
      row.forEach((c, i) => {
        const hit = !c.merged && FUND_COLS.find(([re]) => re.test(c.text));
        if (hit) fundCols!.set(i, hit[1]);
      });
      continue;
    }
    if (fundCols && first.startsWith('年度资金总额')) {
      for (const [c, col] of fundCols) if (row[c]?.num !== undefined) it.set(`special.${col}`, row[c]!.num!, src(`年度资金总额 ${FUND_NAMES[col]}`));
      continue;
    }
    const part = fundCols && FUND_PARTS.find(([re]) => re.test(first));
    if (part && fundCols) {
      splitRows++;
      for (const [c, col] of fundCols) {
        if (row[c]?.num === undefined) continue;
        split = true;
        it.set(`special.${col}.${part[1]}`, row[c]!.num!, src(`${T(row[0]).trim().replace(/^其中[:：]/, '')} ${FUND_NAMES[col]}`));
      }
      continue;
    }
    const planned = row.findIndex((c) => norm(c.text) === '预期目标');
    const achieved = row.findIndex((c) => norm(c.text) === '实际完成情况');
    if (planned >= 0 && achieved >= 0) {
      goalCols = [planned, achieved];
      continue;
    }
    if (goalCols) {
      const [p, a] = goalCols;
      if (row[p]?.text) it.set('special.goalPlanned', row[p]!.text, src('预期目标'));
      if (row[a]?.text) it.set('special.goalActual', row[a]!.text, src('实际完成情况'));
      goalCols = undefined;
      continue;
    }
    if (row.some((c) => norm(c.text) === '三级指标')) {
      indCols = new Map();
      row.forEach((c, i) => {
        const hit = !c.merged && IND_COLS.find(([re]) => re.test(norm(c.text)));
        if (hit) indCols!.set(i, hit[1]);
      });
    }
  }
  if (splitRows > 0) it.set('special.fundSplit', split, src('其中'));
  return it;
}

const DIRECTIONS: [RegExp, string][] = [
  [/^(≥|>=|不低于|不少于|大于等于)/, '≥'],
  [/^(≤|<=|不高于|不超过|小于等于)/, '≤'],
  [/^(=|＝|等于)/, '='],
];

function readIndicator(row: GridCell[], cols: Map<number, string>, it: ItemBuilder, src: (what: string) => string): void {
  const cellOf = (what: string) => {
    for (const [c, w] of cols) if (w === what) return row[c];
    return undefined;
  };
  const text = (what: string) => T(cellOf(what)).trim();
  if (!text('name')) return;
  for (const what of ['level1', 'level2', 'name'] as const) if (text(what)) it.set(`specialIndicator.${what}`, text(what), src(what === 'name' ? '三级指标' : what === 'level1' ? '一级指标' : '二级指标'));
  const weight = cellOf('weight');
  if (weight?.num !== undefined) it.set('specialIndicator.weight', weight.num, src('分值'));
  const target = halfWidth(text('target'));
  if (target === '定性') {
    it.set('specialIndicator.direction', '定性', src('年度指标值'));
    if (text('actual')) it.set('specialIndicator.level', text('actual'), src('实际完成值'));
  } else if (target) {
    const dir = DIRECTIONS.find(([re]) => re.test(target));
    const rest = dir ? target.replace(dir[0], '').trim() : target;
    const t = /^(-?[\d,]+(?:\.\d+)?)\s*(.*)$/.exec(rest);
    it.set('specialIndicator.direction', dir?.[1] ?? '≥', src('年度指标值'));
    if (t) {
      it.set('specialIndicator.target', parseNumber(t[1]!)?.value ?? t[1]!, src('年度指标值'));
      if (t[2]) it.set('specialIndicator.measureUnit', t[2], src('年度指标值'));
    }
    const a = /^(-?[\d,]+(?:\.\d+)?)\s*(.*)$/.exec(halfWidth(text('actual')));
    if (a) {
      it.set('specialIndicator.actual', parseNumber(a[1]!)?.value ?? a[1]!, src('实际完成值'));
      if (a[2] && !t?.[2]) it.set('specialIndicator.measureUnit', a[2], src('实际完成值'));
    }
  }
  const deviation = text('deviation').replace(FLAG_RE, '').replace(/^[；;\s]+|[；;\s]+$/g, '').replace(/[；;]{2,}/g, '；');
  if (deviation) it.set('specialIndicator.deviation', deviation, src('偏差原因分析及改进措施'));
}

/** 附件4–6 with figures: 项目 | 预算数 | 执行数 | 执行率 | 主要用途. */
export function readOtherFundTable(rows: GridCell[][], out: ProposalBuilder): void {
  const bases: [RegExp, string, number][] = [
    [/政府性基金/, 'govFund', 4],
    [/国有资本经营/, 'stateCapital', 5],
    [/社会保险基金/, 'socialInsurance', 6],
  ];
  const head = rows[0] ?? [];
  const col = (re: RegExp) => head.findIndex((c) => re.test(c.text));
  const [b, e, p] = [col(/预算数/), col(/执行数/), col(/主要用途/)];
  for (const row of rows.slice(1)) {
    const hit = bases.find(([re]) => re.test(T(row[0])));
    if (!hit) continue;
    const [, base, n] = hit;
    out.set(`${base}.has`, true, S.other(n, T(row[0])));
    if (b >= 0 && row[b]?.num !== undefined) out.set(`${base}.budget`, row[b]!.num!, S.other(n, '预算数'));
    if (e >= 0 && row[e]?.num !== undefined) out.set(`${base}.executed`, row[e]!.num!, S.other(n, '执行数'));
    if (p >= 0 && T(row[p])) out.set(`${base}.purpose`, T(row[p]), S.other(n, '主要用途'));
  }
}
