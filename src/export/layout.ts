import {
  AlignmentType,
  Footer,
  LineRuleType,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx';

/**
 * GB/T 9704-2012 body rules (domain §6): A4, margins 37/35/28/26 mm, 3号仿宋 body at a fixed
 * 28 pt line, headings by level, "— N —" page numbers outside (odd right, even left).
 * Every run names all four font slots: without `eastAsia`, Word ignores the font for Chinese.
 * The 公文 fonts are not on Linux; a render check aliases them (fonts/fonts.conf).
 */

export const FONT = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

/** Sizes in half-points (docx `size`). */
export const SIZE = { title: 44, body: 32, pageNumber: 28, table: 21 } as const;

const LINE = 560; // 28 pt, exact
/** Millimetres to twips, rounded (docx's helper truncates: 37 mm would become 2097, not 2098). */
const mm = (x: number): number => Math.round((x * 1440) / 25.4);
const A4 = { width: 11906, height: 16838 };
const MARGIN = {
  top: mm(37),
  bottom: mm(35),
  left: mm(28),
  right: mm(26),
};
/** Width of the text block in twips, portrait and landscape. */
export const TEXT_WIDTH = {
  portrait: A4.width - MARGIN.left - MARGIN.right,
  landscape: A4.height - MARGIN.left - MARGIN.right,
};

/** A run of text. `text` is already fit for XML: buildReport cleans the model and score first. */
export function run(text: string, opts: { font?: string; size?: number; bold?: boolean } = {}): TextRun {
  const east = opts.font ?? FONT.body;
  return new TextRun({
    text,
    font: { ascii: FONT.latin, hAnsi: FONT.latin, cs: FONT.latin, eastAsia: east },
    size: opts.size ?? SIZE.body,
    bold: opts.bold ?? false,
  });
}

const bodySpacing = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/** A body paragraph: 3号仿宋, first line indented two characters. */
export function para(text: string): Paragraph {
  return new Paragraph({ children: [run(text)], spacing: bodySpacing, indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED });
}

/** Several paragraphs from the unit's own text, one per line, verbatim. */
export function paras(text: string): Paragraph[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => para(l));
}

/** "一、" headings in 黑体, "（一）" in 楷体, "1、" in 仿宋 (domain §6). */
export function heading(text: string, level: 1 | 2 | 3): Paragraph {
  const font = level === 1 ? FONT.heading1 : level === 2 ? FONT.heading2 : FONT.body;
  return new Paragraph({ children: [run(text, { font })], spacing: bodySpacing, indent: { firstLine: 640 }, keepNext: true });
}

export function title(lines: string[]): Paragraph[] {
  return lines.map(
    (l) =>
      new Paragraph({
        children: [run(l, { font: FONT.title, size: SIZE.title })],
        alignment: AlignmentType.CENTER,
        spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      }),
  );
}

export function blank(): Paragraph {
  return new Paragraph({ children: [run('')], spacing: bodySpacing });
}

/** "附件N" label, 3号黑体 top-left, then the table title centred. */
export function attachmentHead(n: number, name: string): Paragraph[] {
  return [
    new Paragraph({ children: [run(`附件${n}`, { font: FONT.heading1 })], spacing: bodySpacing }),
    new Paragraph({
      children: [run(name, { font: FONT.title, size: 36 })],
      alignment: AlignmentType.CENTER,
      spacing: { line: 640, lineRule: LineRuleType.EXACT, before: 120, after: 240 },
    }),
  ];
}

export interface Cell {
  text: string;
  span?: number;
  rowSpan?: number;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
}

/**
 * A table with explicit widths on the table, the grid and every cell (otherwise LibreOffice
 * and WPS draw equal columns) and `headerRows` repeated on every page.
 */
export function table(widths: number[], rows: (Cell | string)[][], headerRows = 1): Table {
  const total = widths.reduce((s, w) => s + w, 0);
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: rows.map((cells, r) => {
      // Column position must skip cells covered by a rowSpan from above.
      let col = 0;
      const covered = coveredColumns(rows, widths.length, r);
      return new TableRow({
        tableHeader: r < headerRows,
        cantSplit: true,
        children: cells.map((c0) => {
          const c: Cell = typeof c0 === 'string' ? { text: c0 } : c0;
          while (covered.has(col)) col++;
          const span = c.span ?? 1;
          const width = widths.slice(col, col + span).reduce((s, w) => s + w, 0);
          col += span;
          const align = c.align === 'left' ? AlignmentType.LEFT : c.align === 'right' ? AlignmentType.RIGHT : AlignmentType.CENTER;
          return new TableCell({
            width: { size: width, type: WidthType.DXA },
            columnSpan: span > 1 ? span : undefined,
            rowSpan: c.rowSpan && c.rowSpan > 1 ? c.rowSpan : undefined,
            verticalAlign: VerticalAlignTable.CENTER,
            margins: { left: 60, right: 60, top: 20, bottom: 20 },
            children: (c.text === '' ? [''] : c.text.split(/\r?\n/)).map(
              (line) =>
                new Paragraph({
                  alignment: align,
                  spacing: { line: 300, lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 },
                  children: [run(line, { size: SIZE.table, bold: c.bold ?? r < headerRows })],
                }),
            ),
          });
        }),
      });
    }),
  });
}

/** Grid columns of row `r` still covered by a cell with rowSpan from an earlier row. */
function coveredColumns(rows: (Cell | string)[][], ncols: number, r: number): Set<number> {
  const remaining = new Array<number>(ncols).fill(0); // further rows each column stays covered
  for (let i = 0; ; i++) {
    const covered = new Set<number>();
    remaining.forEach((n, c) => n > 0 && covered.add(c));
    if (i === r) return covered;
    let col = 0;
    for (const c0 of rows[i]!) {
      const c: Cell = typeof c0 === 'string' ? { text: c0 } : c0;
      while (covered.has(col)) col++;
      const span = c.span ?? 1;
      if ((c.rowSpan ?? 1) > 1) for (let k = col; k < col + span; k++) remaining[k] = c.rowSpan!;
      col += span;
    }
    for (let c = 0; c < ncols; c++) if (remaining[c]! > 0) remaining[c]!--;
  }
}

function pageNumberFooter(align: 'left' | 'right'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: 280 } : { left: 280 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: { ascii: FONT.latin, hAnsi: FONT.latin, cs: FONT.latin, eastAsia: FONT.pageNumber },
            size: SIZE.pageNumber,
          }),
        ],
      }),
    ],
  });
}

/** A section: A4 with the 公文 margins, page numbers outside, optionally landscape. */
export function section(children: ISectionOptions['children'], opts: { landscape?: boolean; first?: boolean } = {}): ISectionOptions {
  return {
    properties: {
      type: opts.first ? undefined : SectionType.NEXT_PAGE,
      page: {
        size: { width: A4.width, height: A4.height, orientation: opts.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: { ...MARGIN, header: mm(15), footer: mm(20) },
      },
    },
    footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
    children,
  };
}
