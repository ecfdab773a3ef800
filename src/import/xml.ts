import { XMLParser } from 'fast-xml-parser';
import { zh } from '../messages/zh.js';
import type { Deadline } from './limits.js';
import { ImportError } from './types.js';

/**
 * XML of untrusted files. No entity is ever expanded: a document type declaration (where
 * entities are declared) makes the file corrupt for us, and only the five predefined entities
 * and numeric references are decoded. Small parts go through fast-xml-parser with
 * processEntities off (as src/bot/wecom-app.ts does); word/document.xml, which can be tens of
 * megabytes, through `scanXml`, a linear tokenizer that builds no tree.
 */

const corrupt = () => new ImportError('IMPORT_CORRUPT', zh.import.corrupt);

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|lt|gt|amp|quot|apos);/g, (m, e: string) => {
    if (e[0] !== '#') return PREDEFINED[e]!;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** Whether a part declares a document type (the only place entities can be declared). */
export function hasDoctype(bytes: Uint8Array): boolean {
  // "<!DOCTYPE" / "<!ENTITY" in ASCII; UTF-16 parts are not used by Office.
  const pat = [0x3c, 0x21]; // "<!"
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (bytes[i] === pat[0] && bytes[i + 1] === pat[1]) {
      const c = bytes[i + 2]! | 0x20;
      if (c === 0x64 /* d */ || c === 0x65 /* e */) return true;
    }
  }
  return false;
}

export interface XmlHandler {
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

/** Walk a part's tags and text in order, calling the handler; throws IMPORT_CORRUPT on bad XML. */
export function scanXml(xml: string, h: XmlHandler, deadline: Deadline): void {
  let at = 0;
  const n = xml.length;
  while (at < n) {
    deadline.check();
    const lt = xml.indexOf('<', at);
    if (lt < 0) {
      h.text(decodeEntities(xml.slice(at)));
      break;
    }
    if (lt > at) h.text(decodeEntities(xml.slice(at, lt)));
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) throw corrupt();
      at = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) throw corrupt();
      h.text(xml.slice(lt + 9, end));
      at = end + 3;
    } else if (xml[lt + 1] === '!') {
      throw corrupt(); // <!DOCTYPE …>: refused, entities are never expanded
    } else if (xml[lt + 1] === '?') {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw corrupt();
      at = end + 2;
    } else {
      const gt = xml.indexOf('>', lt + 1);
      if (gt < 0) throw corrupt();
      const closing = xml[lt + 1] === '/';
      const selfClosing = xml[gt - 1] === '/';
      const body = xml.slice(lt + (closing ? 2 : 1), selfClosing ? gt - 1 : gt);
      const m = /^[^\s/>]+/.exec(body);
      if (!m) throw corrupt();
      if (closing) h.close(m[0]);
      else h.open(m[0], body.slice(m[0].length), selfClosing);
      at = gt + 1;
    }
  }
}

/** An attribute's value from a tag's raw attribute text, e.g. attr(' w:val="3"', 'w:val'). */
export function attr(attrs: string, name: string): string | undefined {
  const i = attrs.indexOf(`${name}=`);
  if (i < 0) return undefined;
  const q = attrs[i + name.length + 1];
  if (q !== '"' && q !== "'") return undefined;
  const end = attrs.indexOf(q, i + name.length + 2);
  return end < 0 ? undefined : decodeEntities(attrs.slice(i + name.length + 2, end));
}

const parser = new XMLParser({
  processEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  trimValues: true,
});

/** Parse a small part into a plain object; a document type declaration is refused. */
export function parseSmallXml(bytes: Uint8Array): Record<string, unknown> {
  if (hasDoctype(bytes)) throw corrupt();
  try {
    return parser.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    throw corrupt();
  }
}
