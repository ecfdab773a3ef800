import { zh } from '../messages/zh.js';
import { fixed2, plain, roundTo } from '../report/format.js';
import { showValue } from './inputs.js';
import type { ScoreResult } from './result.js';
import type { WhatIfResult } from './what-if.js';

const W = zh.whatIf;

const gradeOf = (s: ScoreResult) => (s.complete ? s.grade : `${s.grade}，${W.provisional}`);
const pointsOf = (p: number | null) => (p === null ? zh.scoring.pending : fixed2(p));

function delta(before: number, after: number): string {
  // as printed: the difference of the two printed figures
  const d = roundTo(roundTo(after, 2) - roundTo(before, 2), 2);
  return d > 0 ? W.up(fixed2(d)) : d < 0 ? W.down(fixed2(-d)) : W.same;
}

const signed = (before: number | null, after: number | null) => {
  if (before === null || after === null) return '—';
  const d = roundTo(roundTo(after, 2) - roundTo(before, 2), 2);
  return `${d > 0 ? '+' : d < 0 ? '−' : '±'}${fixed2(Math.abs(d))}`;
};

/**
 * A what-if as the chat and the CLI print it: what was assumed (and for a rate, which figure was
 * changed and from what), the total against the current one, and each indicator whose points
 * change with its new formula. `keep`: how to make the change for real (the chat), else the CLI's note.
 */
export function whatIfText(r: WhatIfResult, keep: 'chat' | 'cli'): string {
  const lines = [W.head];
  for (const c of r.changes) {
    const after = showValue(c.key, c.value);
    const before = c.before === undefined ? undefined : showValue(c.key, c.before);
    if (c.target && c.basis) {
      // a count rounds to a whole number: say the rate it then gives
      const reached = fixed2(c.target.reached) === fixed2(c.target.percent) ? '' : W.reached(fixed2(c.target.reached));
      const pct = `${plain(c.target.percent)}%${reached}`;
      lines.push(before === undefined ? W.targetBlank(c.target.name, pct, c.label, after, c.basis) : W.target(c.target.name, pct, c.label, before, after, c.basis));
    } else lines.push(before === undefined ? W.changeBlank(c.label, after) : W.change(c.label, before, after));
  }
  lines.push(W.total(fixed2(r.after.total), gradeOf(r.after), fixed2(r.before.total), gradeOf(r.before), delta(r.before.total, r.after.total)));
  if (r.diffs.length) {
    lines.push(W.diffHead);
    for (const d of r.diffs) {
      const why = d.now.status === 'pending' ? `缺：${d.now.missing.map((m) => m.label).join('、')}` : (d.now.reason ?? d.now.formula);
      lines.push(W.diffLine(d.name, pointsOf(d.before), pointsOf(d.after), signed(d.before, d.after), why));
    }
  } else lines.push(W.noDiff);
  if (r.unread.length) lines.push(W.unread(r.unread));
  const first = r.changes[0];
  lines.push(keep === 'cli' || !first ? W.keepCli : W.keep(`${first.label} 改为 ${showValue(first.key, first.value)}`));
  return lines.join('\n');
}
