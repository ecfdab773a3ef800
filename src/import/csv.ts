import { zh } from '../messages/zh.js';
import { textCell, type GridCell } from './grid.js';
import { MAX_SHEET_COLS, MAX_SHEET_ROWS, type Deadline } from './limits.js';
import { ImportError } from './types.js';

/**
 * CSV as budget systems and Excel write it: UTF-8 with or without a byte-order mark, GBK
 * (GB 18030, what Excel writes on a Chinese Windows), or UTF-16 with a mark; comma, tab or
 * semicolon separated; RFC 4180 quotes. A cell is text: 「=SUM(…)」 stays text, never computed.
 */

export function decodeText(b: Uint8Array): string {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder('utf-8').decode(b.subarray(3));
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    // not UTF-8: GBK, decoded as its superset GB 18030
  }
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(b);
  } catch {
    throw new ImportError('IMPORT_CORRUPT', zh.import.encoding);
  }
}

function delimiter(text: string): string {
  const line = text.slice(0, 4096).split(/\r?\n/).slice(0, 5).join('\n');
  const count = (d: string) => line.split(d).length;
  return [',', '\t', ';'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

export function parseCsv(text: string, deadline: Deadline): GridCell[][] {
  const d = delimiter(text);
  const rows: GridCell[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    if (row.length < MAX_SHEET_COLS) row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row.map((t) => textCell(t.replace(/^="(.*)"$/s, '$1'))));
    row = [];
  };
  for (let i = 0; i < text.length && rows.length < MAX_SHEET_ROWS; i++) {
    deadline.check();
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === d) endField();
    else if (ch === '\n') endRow();
    else if (ch === '\r') {
      if (text[i + 1] !== '\n') endRow();
    } else field += ch;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
