import Nzh from 'nzh';

/**
 * Numbers as people type them on a phone: 174.28, 174.28万, 1,742,800元, 0.017428亿, full-width
 * １７４．２８, 一百七十四点二八万, 81.82%, 百分之八十一点八二, 3260件. The result keeps the unit the
 * person wrote, so the caller converts to the field's unit and can tell when none was given.
 */

/**
 * `万`/`亿` alone are kept apart from `万元`/`亿元`: in a money field they mean the same, in a count
 * they multiply (`10万人次`, `1.5万`). `count` is one of COUNT_UNITS and `word` any other unit
 * written after the number (`元/件`, `公里`); both carry the word as written in `word`.
 */
export type WrittenUnit = '元' | '万' | '万元' | '亿' | '亿元' | '%' | 'count' | 'word' | '㎡' | '分' | null;

export interface ParsedNumber {
  /** The number, with a 万/亿 before a count or word unit already applied (`1.5万人次` → 15000). */
  value: number;
  /** Unit written by the person (null = a bare number). */
  unit: WrittenUnit;
  /** The unit word for `count` and `word` units: 人次, 件, 元/件. */
  word?: string;
}

export type NumberError = 'NOT_A_NUMBER' | 'TOO_LARGE' | 'SCIENTIFIC';

const COUNT_UNITS = ['人次', '件', '人', '名', '个', '项', '次', '份', '期', '篇', '场', '户', '条', '天', '小时'];
const SUFFIXES: [RegExp, WrittenUnit][] = [
  [/亿元$/, '亿元'],
  [/亿$/, '亿'],
  [/万元$/, '万元'],
  [/万$/, '万'],
  [/(人民币)?元$/, '元'],
  [/(平方米|平米|㎡|m2)$/i, '㎡'],
  [/分$/, '分'],
];
/**
 * Arabic digits followed by a unit word that is none of the suffixes above (元/件, 人次, 公里),
 * with a 万/亿 between them. Chinese numerals are left to the suffix list: 一 or 十 may begin a word.
 */
const UNIT_WORD = /^([+-]?[\d.,，]*\d)(万|亿)?([^\d.,，%][^\d%]*)$/u;
/** Words UNIT_WORD must leave to SUFFIXES. */
const SUFFIX_WORD = /^(亿元|亿|万元|万|(人民币)?元|平方米|平米|㎡|m2|分)$/i;
const CN_DIGITS = '零〇一二两三四五六七八九十百千万亿点';
// Financial (大写) numerals and 两 are not understood by nzh's decodeS; map them first.
const CN_MAP: Record<string, string> = { 壹: '一', 贰: '二', 叁: '三', 肆: '四', 伍: '五', 陆: '六', 柒: '七', 捌: '八', 玖: '九', 拾: '十', 佰: '百', 仟: '千', 两: '二', 〇: '零' };

function decodeChinese(s: string): number | undefined {
  const t = [...s].map((c) => CN_MAP[c] ?? c).join('');
  if (!t || ![...t].every((c) => CN_DIGITS.includes(c))) return undefined;
  if (/点.*点/.test(t) || t.startsWith('点') || t.endsWith('点')) return undefined;
  const v = Number(Nzh.cn.decodeS(t)); // typed as string, returns a number
  // nzh answers 0 for text it cannot read; only 零 itself is really zero.
  if (v === 0 && !/^零+(点零+)?$/.test(t)) return undefined;
  return Number.isFinite(v) ? v : undefined;
}

/** Full-width to half-width, and the separators people use. */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[－—–]/g, '-')
    .replace(/。$/, '');
}

/**
 * No number people type is longer (一百七十四点二八万, 1,742,800,000.00元 …). Longer text is not
 * one, and is refused before the Chinese-numeral decoder, whose time grows faster than the text.
 */
const MAX_NUMBER_CHARS = 64;

export function parseNumber(input: string): ParsedNumber | NumberError {
  let s = normalize(input);
  if (!s || s.length > MAX_NUMBER_CHARS) return 'NOT_A_NUMBER';
  let unit: WrittenUnit = null;
  let percent = false;

  const pct = s.match(/^百分之(.+)$/);
  if (pct) {
    s = pct[1]!;
    percent = true;
  }
  if (/%$/.test(s)) {
    s = s.slice(0, -1);
    percent = true;
  }
  if (percent) unit = '%';

  let word: string | undefined;
  let scale = 1;
  if (!percent) {
    const m = s.match(UNIT_WORD);
    if (m && !SUFFIX_WORD.test(m[3]!)) {
      // digits, then 万/亿 and a unit word: 1,500元/件, 1.5万人次, 3公里
      s = m[1]!;
      scale = m[2] === '万' ? 1e4 : m[2] === '亿' ? 1e8 : 1;
      word = m[3]!;
      unit = COUNT_UNITS.includes(word) ? 'count' : 'word';
    } else {
      for (const [re, u] of SUFFIXES) {
        if (re.test(s)) {
          s = s.replace(re, '');
          unit = u;
          break;
        }
      }
      if (unit === null) {
        const cu = COUNT_UNITS.find((u) => s.endsWith(u));
        if (cu) {
          s = s.slice(0, -cu.length);
          unit = 'count';
          word = cu;
        }
      }
      // 三万人次, 1.2万平方米: the 万 multiplies the count or area
      if (unit === 'count' || unit === '㎡') {
        const sc = s.match(/^(.+?)(万|亿)$/);
        if (sc) {
          s = sc[1]!;
          scale = sc[2] === '万' ? 1e4 : 1e8;
        }
      }
    }
  }
  s = s.replace(/^[¥￥]/, '');

  if (/^[+-]?(\d+(\.\d*)?|\.\d+)e[+-]?\d+$/i.test(s)) return 'SCIENTIFIC';
  // Thousands separators only where they separate groups of three digits.
  if (/^-?\d{1,3}([,，]\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/[,，]/g, '');
  let value: number | undefined;
  if (/^[+-]?(\d+(\.\d+)?|\.\d+)$/.test(s)) value = Number(s);
  else value = decodeChinese(s);
  if (value === undefined || Number.isNaN(value)) return 'NOT_A_NUMBER';
  // 1.1 × 10 000 is 11000.000000000002 in binary: scaled values keep 15 significant digits
  if (scale !== 1) value = Number((value * scale).toPrecision(15));
  if (!Number.isFinite(value) || Math.abs(value) > 1e15) return 'TOO_LARGE';
  return word ? { value, unit, word } : { value, unit };
}
