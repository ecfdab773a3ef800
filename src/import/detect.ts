import { zh } from '../messages/zh.js';
import { cfbNames, isCfb } from './cfb.js';
import type { Deadline } from './limits.js';
import { ImportError } from './types.js';
import { inflateEntry, isZip, zipEntries, type ZipEntry } from './zip.js';
import { parseSmallXml } from './xml.js';

/**
 * What a file is, by its content (the name is only a hint people get wrong): a zip whose
 * [Content_Types].xml names a Word or Excel main part, a CFB container (legacy .xls/.doc, or an
 * OOXML file encrypted with a password), or text (CSV). Anything else is refused.
 */

const M = zh.import;

export type Detected =
  | { type: 'docx'; entries: ZipEntry[]; main: string }
  | { type: 'xlsx'; entries: ZipEntry[] }
  | { type: 'csv' };

const WORD = /wordprocessingml\.(document|template)\.main\+xml|ms-word\.(document|template)\.macroEnabled\.main\+xml/;
const EXCEL = /spreadsheetml\.(sheet|template)\.main\+xml|ms-excel\.(sheet|template)\.macroEnabled\.main\+xml/;

function overrides(ct: Record<string, unknown>): { part: string; type: string }[] {
  const types = (ct.Types ?? {}) as Record<string, unknown>;
  const list = types.Override === undefined ? [] : Array.isArray(types.Override) ? types.Override : [types.Override];
  return (list as Record<string, string>[]).map((o) => ({ part: String(o.PartName ?? ''), type: String(o.ContentType ?? '') }));
}

export function detect(content: Uint8Array, deadline: Deadline): Detected {
  if (isZip(content)) {
    const entries = zipEntries(content, deadline);
    const ctEntry = entries.find((e) => e.name === '[Content_Types].xml');
    if (!ctEntry) {
      if (entries.some((e) => e.name === 'mimetype')) throw new ImportError('IMPORT_TYPE', M.otherOffice);
      throw new ImportError('IMPORT_TYPE', M.type);
    }
    const parts = overrides(parseSmallXml(inflateEntry(content, ctEntry, deadline)));
    const word = parts.find((p) => WORD.test(p.type));
    if (word) return { type: 'docx', entries, main: word.part.replace(/^\//, '') };
    if (parts.some((p) => EXCEL.test(p.type))) return { type: 'xlsx', entries };
    throw new ImportError('IMPORT_TYPE', parts.some((p) => /presentationml/.test(p.type)) ? M.otherOffice : M.type);
  }
  if (isCfb(content)) {
    const names = cfbNames(content, deadline);
    if (names.includes('EncryptionInfo') || names.includes('EncryptedPackage')) throw new ImportError('IMPORT_ENCRYPTED', M.encrypted);
    if (names.includes('Workbook') || names.includes('Book')) throw new ImportError('IMPORT_TYPE', M.xls);
    if (names.includes('WordDocument')) throw new ImportError('IMPORT_TYPE', M.doc);
    throw new ImportError('IMPORT_TYPE', M.type);
  }
  if (looksLikeText(content)) {
    const head = new TextDecoder('utf-8').decode(content.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
    if (/^<(!doctype html|html|table|\?xml|meta|head|body)/.test(head) || head.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
      throw new ImportError('IMPORT_TYPE', M.htmlSheet);
    }
    return { type: 'csv' };
  }
  throw new ImportError('IMPORT_TYPE', M.type);
}

/** Text: a UTF-16 byte-order mark, or no NUL and few control bytes in the first 64 KB. */
function looksLikeText(b: Uint8Array): boolean {
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return true;
  const n = Math.min(b.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0) return false;
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return n > 0 && control <= n / 100;
}
