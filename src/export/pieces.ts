import { Paragraph, Table, TableCell, TableRow, TextRun, type File, type IContext, type IXmlableObject } from 'docx';
import { table, type Cell } from './layout.js';
import { tableXml } from './table-xml.js';
import { escapeXml } from './xml-text.js';

/**
 * The parts of the report that grow with what the unit enters (one table per 专项, the list of
 * missing answers, the unit's own paragraphs) are written to XML one piece at a time, instead of
 * by docx in one go with the rest of the document.
 *
 * docx holds, for the whole document at once, its objects, the objects its formatter makes of
 * them, the tree its stringifier makes of those, and the strings: ~18 KB of heap for each table
 * cell (~600 bytes of XML). A report of 20 专项 × 30 indicators, left empty, needed ~180 MB of heap
 * that way, 100 × 30 with every text at its maximum ~600 MB; in pieces the latter needs 49 MB
 * (src/report/limits.ts). Written in pieces, a piece's objects are garbage as soon as its
 * XML is encoded (to UTF-8 bytes, off the JS heap), and docx itself only writes a small document
 * with one placeholder table per piece, which `splice` replaces by the piece's XML.
 *
 * Tables skip docx altogether (`table`, table-xml.ts): their XML is written as text at once.
 *
 * The XML is byte for byte what docx writes (the tests compare the two on several reports):
 * `xmlOf` follows docx's own stringifier (src/util/xml/stringify.ts in docx 9, not exported).
 */

export type Block = Paragraph | Table;

/** U+FFFF can be in no text of the document (xmlSafe removes it), so a marker cannot be forged. */
const mark = (n: number): string => `\uffff${n}\uffff`;
const MARK = /\uffff(\d+)\uffff/g;

/** Pieces of the document body written on their own; `inline` makes docx write them in place. */
export class Pieces {
  /** A piece to make when the document is written, or one already written (a table). */
  private makers: ((() => Block[]) | Uint8Array)[] = [];

  constructor(private readonly inline = false) {}

  /** Blocks to write as one piece: a placeholder table now (or the blocks themselves, inline). */
  defer(make: () => Block[]): Block[] {
    if (this.inline) return make();
    return this.placeholder(this.makers.push(make) - 1);
  }

  /** `layout.table` as one piece, its XML written now (inline: docx's table itself). */
  table(widths: number[], rows: (Cell | string)[][], headerRows = 1): Block[] {
    if (this.inline) return [table(widths, rows, headerRows)];
    return this.placeholder(this.makers.push(new TextEncoder().encode(tableXml(widths, rows, headerRows))) - 1);
  }

  private placeholder(n: number): Block[] {
    return [
      new Table({
        rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph({ children: [new TextRun(mark(n))] })] })] })],
      }),
    ];
  }

  /**
   * Make and write each piece in turn, as UTF-8. `file` is the document the pieces go into:
   * its parts are the context docx gives a block of the body when it writes it.
   */
  write(file: File): Uint8Array[] {
    const view = file.Document.View;
    const encoder = new TextEncoder();
    const out = this.makers.map((make) => {
      if (make instanceof Uint8Array) return make;
      const context: IContext = { file, viewWrapper: file.Document, stack: [view as unknown as IXmlableObject, view.Body as unknown as IXmlableObject] };
      const xml: string[] = [];
      for (const block of make()) {
        const obj = block.prepForXml(context);
        if (obj) xml.push(xmlOf(obj));
      }
      return encoder.encode(xml.join(''));
    });
    this.makers = [];
    return out;
  }
}

/**
 * document.xml with each placeholder table replaced by its piece. The placeholders' XML is the
 * only place a marker can be; a marker without its piece, or a piece without its marker, throws.
 */
export function splice(documentXml: string | Uint8Array, pieces: readonly Uint8Array[]): Uint8Array {
  if (pieces.length === 0) return typeof documentXml === 'string' ? new TextEncoder().encode(documentXml) : documentXml;
  const xml = typeof documentXml === 'string' ? documentXml : new TextDecoder().decode(documentXml);
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const used = new Set<number>();
  let from = 0;
  for (const m of xml.matchAll(MARK)) {
    const n = Number(m[1]);
    const start = xml.lastIndexOf('<w:tbl>', m.index);
    const end = xml.indexOf('</w:tbl>', m.index);
    if (start < from || end < 0 || !pieces[n] || used.has(n)) throw new Error(`report pieces: placeholder ${n} out of place`);
    parts.push(encoder.encode(xml.slice(from, start)), pieces[n]);
    used.add(n);
    from = end + '</w:tbl>'.length;
  }
  if (used.size !== pieces.length) throw new Error(`report pieces: ${pieces.length - used.size} placeholders missing`);
  parts.push(encoder.encode(xml.slice(from)));
  const total = parts.reduce((s, p) => s + p.byteLength, 0);
  const joined = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.byteLength;
  }
  return joined;
}

// ---- docx's stringifier, without indentation (what Packer writes) ----

const escapeValue = (value: unknown): unknown => (typeof value === 'string' ? escapeXml(value) : value);

interface Resolved {
  name: string | undefined;
  attributes: string[];
  content: unknown[];
}

function resolve(data: Record<string, unknown>): Resolved {
  const name = Object.keys(data)[0];
  const values = name === undefined ? undefined : data[name];
  const attributes: string[] = [];
  const content: unknown[] = [];
  const addAttributes = (attr: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(attr)) attributes.push(`${key}="${String(escapeValue(value))}"`);
  };
  if (typeof values === 'object') {
    if (values !== null) {
      const { _attr: attr, _cdata: cdata } = values as { _attr?: Record<string, unknown>; _cdata?: string };
      if (attr) addAttributes(attr);
      if (cdata) content.push(`<![CDATA[${cdata.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`);
      if (Array.isArray(values)) {
        let isStringContent = false;
        content.push('');
        for (const value of values as unknown[]) {
          if (typeof value === 'object') {
            if (Object.keys(value as object)[0] === '_attr') addAttributes((value as { _attr: Record<string, unknown> })._attr);
            else content.push(resolve(value as Record<string, unknown>));
          } else {
            content.pop();
            isStringContent = true;
            content.push(escapeValue(value));
          }
        }
        if (!isStringContent) content.push('');
      }
    }
  } else content.push(escapeValue(values));
  return { name, attributes, content };
}

function format(element: unknown): string {
  if (typeof element !== 'object') return String(element);
  const { name, attributes, content } = element as Resolved;
  const { length } = content;
  const open = (name ? `<${name}` : '') + (attributes.length > 0 ? ` ${attributes.join(' ')}` : '') + (length > 0 ? (name ? '>' : '') : '/>');
  if (length === 0) return open;
  return open + content.map((child) => (child === undefined ? '' : format(child))).join('') + (name ? `</${name}>` : '');
}

/** The XML docx writes for an object of its formatter. */
export function xmlOf(obj: IXmlableObject): string {
  return format(resolve(obj));
}
