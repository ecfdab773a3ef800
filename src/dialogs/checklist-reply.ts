/**
 * What a reply to a checklist question says (issue 26 item 2), for a list of `n` items:
 * 「全部是」, 「全部是，除了 2、5」 (or 「除了第2、5项都是」), 「全部否，除了 1」, every item in order
 * (「是是否是…」, 「1是 2否 …」), or 「逐项回答」. Pure: no state, no messages.
 */
export type ChecklistReply =
  | { kind: 'values'; values: boolean[] }
  | { kind: 'oneByOne' }
  | { kind: 'badNumber'; number: number }
  | { kind: 'badCount'; got: number }
  | { kind: 'unknown' };

export type ChecklistErrorCode = 'BOT_ERR_CHECKLIST_NUMBER' | 'BOT_ERR_CHECKLIST_COUNT' | 'BOT_ERR_CHECKLIST';

const YES_WORD = '(?:是|有|符合|属实|对|已)';
const NO_WORD = '(?:否|不是|没有|无|不符合|不属实|未)';
const ALL = '(?:全部|全都|全|都|均|其余都|其余|其他都|其它都)';
const NUMS = '((?:第?\\d+项?[、,，和及/]*)+)';
const EXCEPT = '(?:除了|除去|除|但)';
const AFTER = '(?:外|以外|之外|除外)?';

const ALL_ONLY = new RegExp(`^${ALL}(?:为|是)?(${YES_WORD}|${NO_WORD})的?$`);
const ALL_EXCEPT = new RegExp(`^${ALL}(?:为|是)?(${YES_WORD}|${NO_WORD})的?[,，;；]?${EXCEPT}${NUMS}${AFTER}(?:为|是)?(?:${YES_WORD}|${NO_WORD})?$`);
const EXCEPT_ALL = new RegExp(`^${EXCEPT}${NUMS}${AFTER}[,，;；]?${ALL}?(?:为|是)?(${YES_WORD}|${NO_WORD})的?$`);
const ONE_BY_ONE = /^(?:逐项回答|逐项|逐项填写|逐条|一项一项|一项一项答|一条一条)$/;
const MARK_YES = '是有对√✓yY';
const MARK_NO = '否无错×✗xXnN';
const SEQUENCE = new RegExp(`^(?:[${MARK_YES}${MARK_NO}][、,，;；/]*)+$`);
const NUMBERED = new RegExp(`^(?:\\d+[.、:：]?[${MARK_YES}${MARK_NO}][、,，;；/]*)+$`);

const isYes = (word: string): boolean => new RegExp(`^${YES_WORD}$`).test(word);

function numbersOf(s: string): number[] {
  return [...s.matchAll(/\d+/g)].map((m) => Number(m[0]));
}

/** `all` for every item but the numbered ones, which get the opposite. */
function allExcept(n: number, all: boolean, numbers: number[]): ChecklistReply {
  const bad = numbers.find((k) => k < 1 || k > n);
  if (bad !== undefined) return { kind: 'badNumber', number: bad };
  const values = Array.from({ length: n }, () => all);
  for (const k of numbers) values[k - 1] = !all;
  return { kind: 'values', values };
}

export function parseChecklistReply(text: string, n: number): ChecklistReply {
  const s = text
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[。.!！]+$/, '');
  if (s.length > 200) return { kind: 'unknown' };
  if (ONE_BY_ONE.test(s)) return { kind: 'oneByOne' };
  let m = s.match(ALL_ONLY);
  if (m) return allExcept(n, isYes(m[1]!), []);
  m = s.match(ALL_EXCEPT);
  if (m) return allExcept(n, isYes(m[1]!), numbersOf(m[2]!));
  m = s.match(EXCEPT_ALL);
  if (m) return allExcept(n, isYes(m[2]!), numbersOf(m[1]!));
  if (NUMBERED.test(s)) {
    const pairs = [...s.matchAll(new RegExp(`(\\d+)[.、:：]?([${MARK_YES}${MARK_NO}])`, 'g'))].map((x) => [Number(x[1]), MARK_YES.includes(x[2]!)] as const);
    const bad = pairs.find(([k]) => k < 1 || k > n);
    if (bad) return { kind: 'badNumber', number: bad[0] };
    const values: (boolean | undefined)[] = Array.from({ length: n }, () => undefined);
    for (const [k, v] of pairs) values[k - 1] = v;
    if (values.some((v) => v === undefined)) return { kind: 'badCount', got: new Set(pairs.map(([k]) => k)).size };
    return { kind: 'values', values: values as boolean[] };
  }
  if (SEQUENCE.test(s)) {
    const marks = [...s].filter((c) => MARK_YES.includes(c) || MARK_NO.includes(c));
    if (marks.length !== n) return { kind: 'badCount', got: marks.length };
    return { kind: 'values', values: marks.map((c) => MARK_YES.includes(c)) };
  }
  return { kind: 'unknown' };
}
