import { Document } from 'docx';
import { describe, expect, it } from 'vitest';
import { table, type Cell } from '../../src/export/layout.js';
import { xmlOf } from '../../src/export/pieces.js';
import { tableXml } from '../../src/export/table-xml.js';

/** What docx writes for `layout.table` in a document body. */
function docxXml(widths: number[], rows: (Cell | string)[][], headerRows?: number): string {
  const t = table(widths, rows, headerRows);
  const file = new Document({ sections: [{ children: [t] }] });
  const view = file.Document.View;
  const ctx = { file, viewWrapper: file.Document, stack: [view, view.Body] } as unknown as Parameters<typeof t.prepForXml>[0];
  return xmlOf(t.prepForXml(ctx)!);
}

const W = [900, 1100, 1300, 1500, 1700];

describe('a table written as text', () => {
  it.each<[string, (Cell | string)[][], number | undefined]>([
    ['plain rows, one header row', [['甲', '乙', '丙', '丁', '戊'], ['1', '2', '3', '4', '5']], undefined],
    ['no header row, bold and alignments, empty cells, several lines', [[{ text: '左', align: 'left', bold: true }, { text: '右', align: 'right' }, '', { text: '一\n二\r\n三' }, { text: '', bold: false }]], 0],
    ['two header rows', [['a', 'b', 'c', 'd', 'e'], ['f', 'g', 'h', 'i', 'j'], ['k', 'l', 'm', 'n', 'o']], 2],
    ['a column span, and a span to the end of the row', [[{ text: '合计', span: 4 }, 'x'], ['a', { text: 'b', span: 4 }]], 1],
    [
      'rows spanned from the first column, and inside a spanned block',
      [
        [{ text: '一级', rowSpan: 3 }, { text: '二级', rowSpan: 2 }, 'a', 'b', 'c'],
        ['d', 'e', 'f'],
        [{ text: '二级乙', align: 'left' }, 'g', 'h', 'i'],
        ['j', 'k', 'l', 'm', 'n'],
      ],
      1,
    ],
    [
      'a cell spanning rows and columns, one in the last column, one reaching past the last row',
      [
        ['h1', { text: '宽高', span: 2, rowSpan: 3, align: 'right' }, 'h4', { text: '末列', rowSpan: 2 }],
        ['a', 'b'],
        ['c', 'd', { text: '超出', rowSpan: 5 }],
      ],
      0,
    ],
    ['markup, quotes and controls', [[`<a href="x">&amp;'y'\u0001\t</a>`, '😀', '', '', '']], 1],
  ])('%s: byte for byte what docx writes', (_name, rows, headerRows) => {
    expect(tableXml(W, rows, headerRows)).toBe(docxXml(W, rows, headerRows));
  });

  it('continuation cells carry the spanning cell’s width, columns and alignment', () => {
    const xml = tableXml(W, [[{ text: 'x', span: 2, rowSpan: 2, align: 'right' }, 'a', 'b', 'c'], ['d', 'e', 'f']], 0);
    expect(xml).toContain('<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2000"/><w:gridSpan w:val="2"/><w:vMerge w:val="continue"/>');
    expect(xml).toContain('<w:p><w:pPr><w:jc w:val="right"/></w:pPr></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1300"/>');
  });
});
