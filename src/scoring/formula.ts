import { zh } from '../messages/zh.js';
import { plain } from '../report/format.js';
import { labelOf, type FieldValue } from '../report/model.js';

/**
 * Formulas of a rule set: arithmetic over catalogue field keys with + − × ÷ (or + - * /), numbers
 * and brackets ( ) or （ ）, e.g.
 *   (budget.carryoverPrior + budget.initial + budget.adjustment − budget.yearEndBalance)
 *     ÷ (budget.carryoverPrior + budget.initial + budget.adjustment)
 * Parsed by a small recursive-descent parser of our own (no eval), kept as a tree so it prints
 * with the figures substituted and the author's brackets where they were.
 */

export type Formula =
  | { k: 'num'; v: number }
  | { k: 'field'; key: string }
  | { k: 'group'; e: Formula }
  | { k: 'neg'; e: Formula }
  | { k: 'bin'; op: '+' | '-' | '*' | '/'; l: Formula; r: Formula };

/** A formula that cannot be read; `at` is the 0-based character position. */
export class FormulaError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const M = zh.formula;
const OPS: Record<string, '+' | '-' | '*' | '/'> = { '+': '+', '-': '-', '−': '-', '*': '*', '×': '*', '/': '/', '÷': '/' };
const SHOW = { '+': '+', '-': '−', '*': '×', '/': '÷' } as const;
const OPEN = new Set(['(', '（']);
const CLOSE = new Set([')', '）']);

type Token = { t: 'num'; v: number; at: number } | { t: 'field'; key: string; at: number } | { t: 'op'; op: string; at: number } | { t: 'open' | 'close'; at: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) i++;
    else if (OPS[c]) out.push({ t: 'op', op: OPS[c], at: i++ });
    else if (OPEN.has(c)) out.push({ t: 'open', at: i++ });
    else if (CLOSE.has(c)) out.push({ t: 'close', at: i++ });
    else {
      const m = /^(\d+(?:\.\d+)?)|^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)/.exec(src.slice(i));
      if (!m) throw new FormulaError(M.badChar(c, i + 1), i);
      out.push(m[1] !== undefined ? { t: 'num', v: Number(m[1]), at: i } : { t: 'field', key: m[2]!, at: i });
      i += m[0].length;
    }
  }
  return out;
}

const cache = new Map<string, Formula>();

/** Parse (memoized: rule sets are loaded once, scored often). Throws FormulaError in Chinese. */
export function parseFormula(src: string): Formula {
  const hit = cache.get(src);
  if (hit) return hit;
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const where = () => (peek()?.at ?? src.length) + 1;
  const expr = (): Formula => {
    let l = term();
    for (let t = peek(); t?.t === 'op' && (t.op === '+' || t.op === '-'); t = peek()) {
      pos++;
      l = { k: 'bin', op: t.op, l, r: term() };
    }
    return l;
  };
  const term = (): Formula => {
    let l = factor();
    for (let t = peek(); t?.t === 'op' && (t.op === '*' || t.op === '/'); t = peek()) {
      pos++;
      l = { k: 'bin', op: t.op, l, r: factor() };
    }
    return l;
  };
  const factor = (): Formula => {
    const t = peek();
    if (!t) throw new FormulaError(M.unexpectedEnd(), src.length);
    pos++;
    if (t.t === 'num') return { k: 'num', v: t.v };
    if (t.t === 'field') return { k: 'field', key: t.key };
    if (t.t === 'op' && t.op === '-') return { k: 'neg', e: factor() };
    if (t.t === 'open') {
      const e = expr();
      if (peek()?.t !== 'close') throw new FormulaError(peek() ? M.unclosed(where()) : M.unclosedAtEnd(), peek()?.at ?? src.length);
      pos++;
      return { k: 'group', e };
    }
    throw new FormulaError(M.unexpected(src.slice(t.at, t.at + 1), t.at + 1), t.at);
  };
  const f = expr();
  if (pos < tokens.length) throw new FormulaError(M.unexpected(src.slice(tokens[pos]!.at, tokens[pos]!.at + 1), where()), tokens[pos]!.at);
  cache.set(src, f);
  return f;
}

export function formulaFields(f: Formula): string[] {
  switch (f.k) {
    case 'num':
      return [];
    case 'field':
      return [f.key];
    case 'group':
    case 'neg':
      return formulaFields(f.e);
    case 'bin':
      return [...new Set([...formulaFields(f.l), ...formulaFields(f.r)])];
  }
}

export function hasDivision(f: Formula): boolean {
  return f.k === 'bin' ? f.op === '/' || hasDivision(f.l) || hasDivision(f.r) : f.k === 'group' || f.k === 'neg' ? hasDivision(f.e) : false;
}

/** Print with `field` for each field (labels and figures, or labels only); brackets where written. */
export function printFormula(f: Formula, field: (key: string) => string): string {
  switch (f.k) {
    case 'num':
      return plain(f.v);
    case 'field':
      return field(f.key);
    case 'group':
      return `（${printFormula(f.e, field)}）`;
    case 'neg':
      return `−${printFormula(f.e, field)}`;
    case 'bin':
      return `${printFormula(f.l, field)} ${SHOW[f.op]} ${printFormula(f.r, field)}`;
  }
}

export type Evaluated = { kind: 'value'; value: number } | { kind: 'zero'; numeratorZero: boolean; denominator: string };

/** Evaluate over numeric values (the caller has checked every field is a number). */
export function evaluateFormula(f: Formula, values: Record<string, FieldValue>): Evaluated {
  const zero = (e: Extract<Evaluated, { kind: 'zero' }>) => e;
  const ev = (n: Formula): number | Extract<Evaluated, { kind: 'zero' }> => {
    switch (n.k) {
      case 'num':
        return n.v;
      case 'field':
        return values[n.key] as number;
      case 'group':
        return ev(n.e);
      case 'neg': {
        const v = ev(n.e);
        return typeof v === 'number' ? -v : v;
      }
      case 'bin': {
        const l = ev(n.l);
        if (typeof l !== 'number') return l;
        const r = ev(n.r);
        if (typeof r !== 'number') return r;
        if (n.op === '/' && Math.abs(r) <= 1e-9) return zero({ kind: 'zero', numeratorZero: l === 0, denominator: printFormula(n.r, labelOf) });
        return n.op === '+' ? l + r : n.op === '-' ? l - r : n.op === '*' ? l * r : l / r;
      }
    }
  };
  const v = ev(f);
  return typeof v === 'number' ? { kind: 'value', value: v } : v;
}
