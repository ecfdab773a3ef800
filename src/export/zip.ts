import { strToU8, zipSync, type Zippable } from 'fflate';

/** A DOCX package's parts by path, in the order they are zipped (what docx's compiler gives). */
export type Parts = Map<string, string | Uint8Array | ArrayBuffer>;

/**
 * Zip the parts as one DOCX, deflated once. docx would stamp the current time into
 * docProps/core.xml and into every zip entry, so two builds of the same model would differ in
 * bytes: here every time is the given one, so the same model and time give the same bytes and
 * only `createdAt` changes them. fflate is the zip library docx itself uses.
 */
export function zipDocx(parts: Parts, createdAt: Date): Uint8Array {
  const stamp = createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  // DOS zip times have no zone and start in 1980; use the same instant for every entry.
  const mtime = createdAt.getTime() < Date.UTC(1980, 0, 2) ? new Date(Date.UTC(1980, 0, 2)) : createdAt;
  const zippable: Zippable = {};
  for (const [name, data] of parts) {
    let bytes = typeof data === 'string' ? strToU8(data) : bytesOf(data);
    if (name === 'docProps/core.xml') {
      const xml = new TextDecoder().decode(bytes).replace(
        /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
        (_m, open: string, _n: string, close: string) => `${open}${stamp}${close}`,
      );
      bytes = strToU8(xml);
    }
    zippable[name] = [bytes, { mtime }];
  }
  return zipSync(zippable, { level: 6 });
}

/** A part's bytes as fflate needs them: it takes anything but a Uint8Array for a folder (a Buffer is one; media may be an ArrayBuffer). */
const bytesOf = (data: Uint8Array | ArrayBuffer): Uint8Array => (data instanceof Uint8Array ? data : new Uint8Array(data));
