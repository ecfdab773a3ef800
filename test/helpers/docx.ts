import { unzipSync } from 'fflate';

/** The parts of a DOCX as text, by path. */
export function docxParts(content: Uint8Array): Record<string, string> {
  const files = unzipSync(content);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new TextDecoder().decode(v)]));
}

/** The visible text of document.xml, paragraphs separated by newlines. */
export function documentText(content: Uint8Array): string {
  return xmlText(docxParts(content)['word/document.xml']!);
}

/** The visible text of a piece of document.xml, paragraphs separated by newlines. */
export function xmlText(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

const decodeXml = (s: string): string =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** A cell covered by the cell above it (a vertical merge) reads as this mark. */
export const MERGED_ABOVE = '↑';

/**
 * The tables of a piece of document.xml: rows of cells, each cell its paragraphs' text joined by
 * newlines (a cell spanning columns is one cell; a cell continuing a vertical merge is MERGED_ABOVE).
 */
export function docxTables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) =>
        /<w:vMerge(?: w:val="continue")?\/>/.test(c[1]!)
          ? MERGED_ABOVE
          : [...c[1]!.matchAll(/<w:p[ >]([\s\S]*?)<\/w:p>/g)].map((p) => decodeXml(p[1]!)).join('\n'),
      ),
    ),
  );
}

/**
 * document.xml cut into its sections (body, then one per attachment). A section ends with the
 * paragraph whose properties hold its sectPr (that paragraph may carry text), the last one with
 * the body's own sectPr.
 */
export function docxSections(content: Uint8Array): string[] {
  const xml = docxParts(content)['word/document.xml']!;
  const out: string[] = [];
  let from = 0;
  for (const m of xml.matchAll(/<\/w:sectPr>/g)) {
    const end = m.index + m[0].length;
    const rest = xml.slice(end);
    // inside a paragraph's properties: the section ends with that paragraph
    const to = rest.startsWith('</w:pPr>') ? end + rest.indexOf('</w:p>') + '</w:p>'.length : end;
    out.push(xml.slice(from, to));
    from = to;
  }
  return out;
}
