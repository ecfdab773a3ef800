/**
 * Characters XML 1.0 cannot hold (its `Char` production): C0 controls other than tab, newline
 * and carriage return, U+FFFE and U+FFFF, and UTF-16 surrogates that are not part of a pair
 * (they have no UTF-8 encoding). One of them in any part makes the DOCX unreadable to Word.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// eslint-disable-next-line no-control-regex
const ANY_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/;

/**
 * `s` without the characters XML 1.0 forbids: controls and U+FFFE/U+FFFF are dropped, a lone
 * surrogate becomes U+FFFD (something was there). Tabs and newlines stay. Clean strings are
 * returned as they are (the common case costs one regex test, no copy).
 */
export function xmlSafe(s: string): string {
  if (!ANY_BAD.test(s)) return s;
  return s.replace(CONTROL, '').replace(LONE_SURROGATE, '\ufffd');
}

/**
 * A copy of plain data (objects, arrays) with every string made `xmlSafe`; copy on write, so
 * clean data comes back as the same objects (a frozen model stays untouched). Keys are left
 * alone: only values are printed. Other objects (Dates, class instances) are returned as is.
 */
export function xmlSafeDeep<T>(x: T): T {
  if (typeof x === 'string') return xmlSafe(x) as T;
  if (x === null || typeof x !== 'object') return x;
  if (Array.isArray(x)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < x.length; i++) {
      const v: unknown = x[i];
      const c = xmlSafeDeep(v);
      if (c !== v) (out ??= x.slice())[i] = c;
    }
    return (out ?? x) as T;
  }
  const proto: unknown = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) return x;
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(x)) {
    const v = (x as Record<string, unknown>)[k];
    const c = xmlSafeDeep(v);
    if (c !== v) (out ??= { ...(x as Record<string, unknown>) })[k] = c;
  }
  return (out ?? x) as T;
}
