import { XMLValidator } from 'fast-xml-parser';
import { unzipSync } from 'fflate';

/** A character XML 1.0 forbids: a C0 control but tab/newline/CR, U+FFFE, U+FFFF, a lone surrogate. */
// eslint-disable-next-line no-control-regex
export const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Every XML part of a DOCX, checked as an XML 1.0 parser would: valid UTF-8 (a lone surrogate
 * has no UTF-8 form), only characters of the `Char` production (XMLValidator does not check
 * characters: it accepts U+FFFE and U+0001), and well-formed markup (XMLValidator). Returns
 * what is wrong, part by part; [] when every part is fine.
 */
export function illFormedParts(content: Uint8Array): string[] {
  const bad: string[] = [];
  const files = unzipSync(content);
  const xmlParts = Object.keys(files).filter((n) => /\.(xml|rels)$/.test(n));
  if (!xmlParts.includes('docProps/core.xml') || !xmlParts.includes('word/document.xml')) bad.push('parts missing');
  for (const name of xmlParts) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(files[name]);
    } catch {
      bad.push(`${name}: not UTF-8`);
      continue;
    }
    if (FORBIDDEN.test(text)) bad.push(`${name}: character XML 1.0 forbids`);
    const v = XMLValidator.validate(text);
    if (v !== true) bad.push(`${name}: ${v.err.msg}`);
  }
  return bad;
}
