import type { Deadline } from './limits.js';
import { attr, scanXml } from './xml.js';
import { textCell, type GridCell } from './grid.js';

/**
 * word/document.xml as the reader needs it: the body's paragraphs (their text) and tables
 * (rows of cells, merged cells repeated in each column and row they cover), in order.
 * Deleted revisions, field codes and the fallback copies of drawings are left out; a table
 * inside a table cell is read as that cell's text.
 */

export type DocBlock = { kind: 'p'; text: string } | { kind: 'table'; rows: GridCell[][] };

interface RawCell {
  paras: string[];
  span: number;
  vMerge?: 'restart' | 'continue';
}

export function docxBlocks(xml: string, deadline: Deadline): DocBlock[] {
  const blocks: DocBlock[] = [];
  const paras: string[][] = []; // open paragraphs (a text box's paragraphs sit inside one)
  const tables: RawCell[][][] = []; // open tables: rows of cells
  let inText = false;
  let skip = 0; // inside w:del, w:moveFrom, w:instrText, mc:Fallback

  const cell = (): RawCell | undefined => {
    const t = tables[tables.length - 1];
    const row = t?.[t.length - 1];
    return row?.[row.length - 1];
  };
  const emit = (text: string) => {
    const c = cell();
    if (c) c.paras.push(text);
    else blocks.push({ kind: 'p', text });
  };

  scanXml(
    xml,
    {
      open(name, attrs, selfClosing) {
        switch (name) {
          case 'w:del':
          case 'w:moveFrom':
          case 'mc:Fallback':
          case 'w:instrText':
            if (!selfClosing) skip++;
            return;
          case 'w:p':
            if (selfClosing) emit('');
            else paras.push([]);
            return;
          case 'w:t':
            inText = !selfClosing;
            return;
          case 'w:tab':
            if (!skip) paras[paras.length - 1]?.push('\t');
            return;
          case 'w:br':
          case 'w:cr':
            if (!skip) paras[paras.length - 1]?.push('\n');
            return;
          case 'w:tbl':
            tables.push([]);
            return;
          case 'w:tr':
            tables[tables.length - 1]?.push([]);
            return;
          case 'w:tc': {
            const t = tables[tables.length - 1];
            t?.[t.length - 1]?.push({ paras: [], span: 1 });
            return;
          }
          case 'w:gridSpan': {
            const c = cell();
            const n = Number(attr(attrs, 'w:val'));
            if (c && Number.isInteger(n) && n > 1 && n <= 64) c.span = n;
            return;
          }
          case 'w:vMerge': {
            const c = cell();
            if (c) c.vMerge = attr(attrs, 'w:val') === 'restart' ? 'restart' : 'continue';
            return;
          }
        }
      },
      close(name) {
        switch (name) {
          case 'w:del':
          case 'w:moveFrom':
          case 'mc:Fallback':
          case 'w:instrText':
            skip = Math.max(0, skip - 1);
            return;
          case 'w:t':
            inText = false;
            return;
          case 'w:p': {
            const p = paras.pop();
            if (p) emit(p.join(''));
            return;
          }
          case 'w:tbl': {
            const t = tables.pop();
            if (!t) return;
            if (tables.length === 0) blocks.push({ kind: 'table', rows: toGrid(t) });
            else for (const row of t) for (const c of row) cell()?.paras.push(...c.paras);
            return;
          }
        }
      },
      text(text) {
        if (inText && !skip) paras[paras.length - 1]?.push(text);
      },
    },
    deadline,
  );
  return blocks;
}

/** Rows of cells by grid column: a gridSpan repeats its text, a vMerge continuation the text above. */
function toGrid(rows: RawCell[][]): GridCell[][] {
  const out: GridCell[][] = [];
  for (const row of rows) {
    const cells: GridCell[] = [];
    for (const c of row) {
      const col = cells.length;
      const above = out[out.length - 1]?.[col];
      const text = c.paras.join('\n').trim();
      const first = c.vMerge === 'continue' && above ? { ...above, merged: true } : textCell(text);
      cells.push(first);
      for (let k = 1; k < Math.min(c.span, 64); k++) cells.push({ ...first, merged: true });
    }
    out.push(cells);
  }
  return out;
}
