import Nzh from 'nzh';

/**
 * Numbers as people and budget systems write them: `1,234.00`, `1 234,00`, `(12.00)` for −12,
 * full-width digits, a trailing unit (元/万元/%), Chinese numerals for small counts (三个).
 */

export type MoneyUnit = '元' | '千元' | '万元' | '亿元';

export interface ParsedNumber {
  value: number;
  /** The unit written after the number, if any. */
  unit?: MoneyUnit | '%';
}

/** Full-width forms (０-９，．（）－％) and odd spaces to their ASCII/plain forms. */
export function halfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\u3000\u00a0\u2009\u202f]/g, ' ');
}

/** Convert `10000` of `元` to 万元, without adding binary noise beyond what the division needs. */
export function toWan(value: number, unit: MoneyUnit): number {
  if (unit === '万元') return value;
  if (unit === '元') return Number((value / 10000).toPrecision(15));
  if (unit === '千元') return Number((value / 10).toPrecision(15));
  return Number((value * 10000).toPrecision(15));
}

export function parseNumber(raw: string): ParsedNumber | undefined {
  let s = halfWidth(raw).trim();
  if (s === '' || s.length > 40) return undefined;
  let unit: ParsedNumber['unit'];
  const u = /(万元|千元|亿元|元|%)$/.exec(s);
  if (u) {
    unit = u[1] as ParsedNumber['unit'];
    s = s.slice(0, -u[1]!.length).trim();
  }
  let sign = 1;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    sign = -1;
    s = paren[1]!.trim();
  }
  if (/^[-−–]/.test(s)) {
    sign = -sign;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  let body: string | undefined;
  if (/^\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s) || /^\.\d+$/.test(s)) body = s;
  else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) body = s.replace(/,/g, '');
  else if (/^\d{1,3}( \d{3})+(,\d+)?$/.test(s)) body = s.replace(/ /g, '').replace(',', '.');
  else if (/^\d{1,3}( \d{3})+(\.\d+)?$/.test(s)) body = s.replace(/ /g, '');
  else if (/^\d{1,3}(\.\d{3})+,\d+$/.test(s)) body = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d+,\d{1,2}$/.test(s)) body = s.replace(',', '.');
  if (body === undefined) return undefined;
  const value = sign * Number(body);
  if (!Number.isFinite(value)) return undefined;
  return unit ? { value: value === 0 ? 0 : value, unit } : { value: value === 0 ? 0 : value };
}

/** A count written in digits or Chinese numerals (三, 十二, 两). */
export function parseCount(raw: string): number | undefined {
  const s = halfWidth(raw).trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return undefined;
  const n = Number(Nzh.cn.decodeS(s.replace(/两/g, '二')));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
