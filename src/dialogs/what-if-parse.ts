import { zh } from '../messages/zh.js';
import type { FieldValue, ReportModel } from '../report/model.js';
import type { RuleSet } from '../scoring/ruleset-schema.js';
import type { WhatIfChange } from '../scoring/what-if.js';
import { findRate, solveRate, type TargetProblem } from '../scoring/what-if-target.js';
import { findField } from './commands.js';
import { parseAnswer } from './values.js';

/**
 * The words of a what-if (issue 27 item 6): 「如果 全年执行数 350」「假设全年执行数为350万元，能得几分」
 * 「执行率到95%能得几分」, and the CLI's 「全年执行数=350」. Several figures may be given at once,
 * separated by 、 or ；. Parsing is syntax only; `resolveWhatIf` turns the words into figures.
 */

/** One figure asked about: what is named and the value as typed. */
export interface WhatIfAsk {
  what: string;
  value: string;
}

export interface WhatIfWords {
  asks: WhatIfAsk[];
  /** The message asked for the score (…能得几分): a what-if even when its words resolve to nothing. */
  asked: boolean;
}

/** Longer messages are prose, never a what-if (and the patterns below stay cheap). */
const MAX_LENGTH = 80;
const LEAD = /^(?:如果|假如|假设|要是|若是|若)\s*/;
const ASK = /\s*(?:的话)?\s*[,]?\s*(?:那么|那)?\s*(?:能|会|可以|可|将)?\s*(?:得|拿|是|有)?\s*(?:几分|多少分)\s*(?:呢|啊|呀)?\s*[?]*$/;
const IF_SO = /\s*(?:的话)?\s*[?.!。]*$/;
const CONNECT = '(?:改为|改成|变为|变成|提高到|提高至|提升到|降到|降至|降低到|减少到|增加到|达到|达|到|为|是|=|:)';
const NUMERIC = new RegExp(`^(.+?)\\s*${CONNECT}?\\s*([+-]?\\d[\\d,]*(?:\\.\\d+)?\\s*(?:万元|亿元|万|亿|元|%|‰|人|个|项|次|件|㎡|平方米)?)$`);
const WORDED = new RegExp(`^(.+?)\\s*(?:${CONNECT}|\\s)\\s*(\\S+)$`);

/** Split at 、 ； ; and at commas that are not thousands separators. */
const PARTS = /[、;；]|,(?!\d{3}(?:\D|$))/;

export function parseWhatIfWords(text: string): WhatIfWords | undefined {
  const raw = text.normalize('NFKC').trim();
  if (raw.length > MAX_LENGTH) return undefined;
  const led = LEAD.test(raw);
  const asked = ASK.test(raw);
  if (!led && !asked) return undefined;
  const body = raw.replace(LEAD, '').replace(asked ? ASK : IF_SO, '').trim();
  return parseAsks(body, asked);
}

/** 「全年执行数=350、全年预算数=360」 (the CLI's --what-if, also the body of a chat what-if). */
export function parseAsks(body: string, asked = false): WhatIfWords | undefined {
  const asks: WhatIfAsk[] = [];
  for (const part of body.normalize('NFKC').split(PARTS)) {
    const p = part.trim();
    if (!p) continue;
    const m = p.match(NUMERIC) ?? p.match(WORDED);
    if (!m || !m[1]!.trim()) return undefined;
    asks.push({ what: m[1]!.trim(), value: m[2]!.trim() });
  }
  return asks.length ? { asks, asked } : undefined;
}

export type Resolution = { ok: true; changes: WhatIfChange[] } | { ok: false; code: string; message: string };

const W = zh.whatIf;

function problemText(p: TargetProblem): string {
  switch (p.code) {
    case 'WHATIF_UNKNOWN_RATE':
      return W.unknownRate(p.name);
    case 'WHATIF_AMBIGUOUS_RATE':
      return W.ambiguousRate(p.name, p.names);
    case 'WHATIF_NOT_A_RATE':
      return W.notARate(p.name);
    case 'WHATIF_FORMULA_RATE':
      return W.formulaRate(p.name);
    case 'WHATIF_RATE_INPUTS_MISSING':
      return W.rateInputsMissing(p.name, p.labels);
    case 'WHATIF_RATE_ZERO_BASE':
      return W.rateZeroBase(p.name, p.label);
    case 'WHATIF_RATE_UNREACHABLE':
      return W.rateUnreachable(p.name);
  }
}

/** One ask: a top-level field and its value, or a rate to reach (…%) turned into the figure that gives it. */
function resolveAsk(ask: WhatIfAsk, values: Record<string, FieldValue>, ruleSet: RuleSet): WhatIfChange | { code: string; message: string } {
  const percent = /[%]$/.test(ask.value);
  const f = findField(ask.what);
  if (f && !(percent && f.kind !== 'percent')) {
    if (f.kind === 'text' || f.kind === 'longtext') return { code: 'WHATIF_TEXT_FIELD', message: W.textField(f.label) };
    const parsed = parseAnswer(f, ask.value);
    if (!parsed.ok) return { code: parsed.code, message: parsed.message };
    return { key: f.key, value: parsed.value };
  }
  if (!percent) return { code: 'WHATIF_UNKNOWN_FIELD', message: W.unknownField(ask.what) };
  const n = Number(ask.value.replace(/[%\s,]/g, ''));
  if (!Number.isFinite(n)) return { code: 'WHATIF_UNKNOWN_FIELD', message: W.unknownField(ask.what) };
  const rate = findRate(ask.what, ruleSet);
  if ('code' in rate) return { code: rate.code, message: problemText(rate) };
  const solved = solveRate(rate, n, values);
  return 'code' in solved ? { code: solved.code, message: problemText(solved) } : solved;
}

/** The figures of the asks, each applied before the next is derived (a rate after a figure uses it). */
export function resolveWhatIf(asks: readonly WhatIfAsk[], model: ReportModel, ruleSet: RuleSet): Resolution {
  const values = { ...model.values };
  const changes: WhatIfChange[] = [];
  for (const ask of asks) {
    const r = resolveAsk(ask, values, ruleSet);
    if ('message' in r) return { ok: false, code: r.code, message: r.message };
    values[r.key] = r.value;
    changes.push(r);
  }
  return { ok: true, changes };
}
