import { FONT, SIZE, type Cell } from './layout.js';
import { escapeXml } from './xml-text.js';

/**
 * The XML of `layout.table`, written as text instead of through docx's objects.
 *
 * Tables are most of a report (attachments 1–3), and docx spends ~18 KB of heap and most of a
 * build's CPU on each cell: its objects, its formatter's copies, its stringifier's tree. Written
 * here, a seed report builds in about half the time (docs/performance.md), which is what keeps 50
 * reports pressed at once under 5 s on a 2-core machine. The output is byte for byte what docx
 * writes for the same table (docx is pinned; test/export/pieces.test.ts compares whole reports
 * built both ways, test/export/table-xml.test.ts single tables), including the empty
 * `vMerge="continue"` cells docx adds below a cell that spans rows.
 */
export function tableXml(widths: readonly number[], rows: readonly (readonly (Cell | string)[])[], headerRows = 1): string {
  const total = widths.reduce((s, w) => s + w, 0);
  const out: string[] = [
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${total}"/><w:tblBorders>${BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`,
    ...widths.map((w) => `<w:gridCol w:w="${w}"/>`),
    '</w:tblGrid>',
  ];
  // Cells spanning rows, by the grid column they start at: what still covers the rows below.
  const spanning = new Map<number, { left: number; span: number; width: number; align: string }>();
  rows.forEach((cells, r) => {
    out.push(`<w:tr><w:trPr><w:cantSplit/>${r < headerRows ? '<w:tblHeader/>' : '<w:tblHeader w:val="off"/>'}</w:trPr>`);
    let col = 0;
    const continued = () => {
      for (let c = spanning.get(col); c; c = spanning.get(col)) {
        out.push(`<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${c.width}"/>${c.span > 1 ? `<w:gridSpan w:val="${c.span}"/>` : ''}<w:vMerge w:val="continue"/>${MARGINS}</w:tcPr><w:p><w:pPr><w:jc w:val="${c.align}"/></w:pPr></w:p></w:tc>`);
        if (--c.left === 0) spanning.delete(col);
        col += c.span;
      }
    };
    for (const c0 of cells) {
      continued();
      const c: Cell = typeof c0 === 'string' ? { text: c0 } : c0;
      const span = c.span ?? 1;
      const width = widths.slice(col, col + span).reduce((s, w) => s + w, 0);
      const align = c.align ?? 'center';
      const rowSpan = c.rowSpan && c.rowSpan > 1 ? c.rowSpan : 0;
      if (rowSpan) spanning.set(col, { left: rowSpan - 1, span, width, align });
      const bold = c.bold ?? r < headerRows;
      const run = `<w:r><w:rPr>${FONTS}${bold ? '<w:b/><w:bCs/>' : '<w:b w:val="false"/><w:bCs w:val="false"/>'}${SIZES}</w:rPr><w:t xml:space="preserve">`;
      out.push(`<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${rowSpan ? '<w:vMerge w:val="restart"/>' : ''}${MARGINS}</w:tcPr>`);
      for (const line of c.text === '' ? [''] : c.text.split(/\r?\n/)) {
        out.push(`<w:p><w:pPr><w:spacing w:after="0" w:before="0" w:line="300" w:lineRule="atLeast"/><w:jc w:val="${align}"/></w:pPr>${run}${escapeXml(line)}</w:t></w:r></w:p>`);
      }
      out.push('</w:tc>');
      col += span;
    }
    continued();
    out.push('</w:tr>');
  });
  out.push('</w:tbl>');
  return out.join('');
}

/** The run properties `layout.run` gives a table's text (its fonts and size come from there). */
const FONTS = `<w:rFonts w:ascii="${escapeXml(FONT.latin)}" w:cs="${escapeXml(FONT.latin)}" w:eastAsia="${escapeXml(FONT.body)}" w:hAnsi="${escapeXml(FONT.latin)}"/>`;
const SIZES = `<w:sz w:val="${SIZE.table}"/><w:szCs w:val="${SIZE.table}"/>`;
const BORDERS = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} w:val="single" w:color="auto" w:sz="4"/>`).join('');
const MARGINS =
  '<w:tcMar><w:top w:type="dxa" w:w="20"/><w:left w:type="dxa" w:w="60"/><w:bottom w:type="dxa" w:w="20"/><w:right w:type="dxa" w:w="60"/></w:tcMar><w:vAlign w:val="center"/>';
