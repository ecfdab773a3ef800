import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * docx stamps the current time into docProps/core.xml and into every zip entry, so two builds of
 * the same model differ in bytes. Re-pack with one given timestamp: the same model and time give
 * the same bytes, and only `createdAt` changes them. fflate is the zip library docx itself uses.
 * `documentXml` changes word/document.xml on the way (the report splices its pieces in).
 */
export function normalizeDocx(buffer: Uint8Array, createdAt: Date, documentXml?: (xml: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>): Uint8Array {
  const files = unzipSync(buffer);
  if (documentXml && files['word/document.xml']) files['word/document.xml'] = documentXml(files['word/document.xml']);
  const stamp = createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core = files['docProps/core.xml'];
  if (core) {
    const xml = new TextDecoder().decode(core).replace(
      /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
      (_m, open: string, _n: string, close: string) => `${open}${stamp}${close}`,
    );
    files['docProps/core.xml'] = strToU8(xml);
  }
  // DOS zip times have no zone and start in 1980; use the same instant for every entry.
  const mtime = createdAt.getTime() < Date.UTC(1980, 0, 2) ? new Date(Date.UTC(1980, 0, 2)) : createdAt;
  const zippable: Zippable = {};
  for (const name of Object.keys(files)) zippable[name] = [files[name]!, { mtime }];
  return zipSync(zippable, { level: 6 });
}
