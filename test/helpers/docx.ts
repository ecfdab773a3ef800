import { unzipSync } from 'fflate';

/** The parts of a DOCX as text, by path. */
export function docxParts(content: Uint8Array): Record<string, string> {
  const files = unzipSync(content);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new TextDecoder().decode(v)]));
}

/** The visible text of document.xml, paragraphs separated by newlines. */
export function documentText(content: Uint8Array): string {
  const xml = docxParts(content)['word/document.xml']!;
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
