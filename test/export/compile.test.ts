import { Document, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { compileParts, compilerOfDocx, packedParts } from '../../src/export/compile.js';
import { zipDocx } from '../../src/export/zip.js';

const bytes = (d: string | Uint8Array | ArrayBuffer) => (typeof d === 'string' ? new TextEncoder().encode(d) : new Uint8Array(d as ArrayBuffer));
/** core.xml carries the time of packing, which the two ways read at different moments. */
const timeless = (path: string, d: Uint8Array) =>
  path === 'docProps/core.xml' ? new TextDecoder().decode(d).replace(/(<dcterms:(created|modified)[^>]*>)[^<]*/g, '$1') : Buffer.from(d).toString('hex');

describe('compileParts', () => {
  it('gives the parts Packer zips, in its order, byte for byte', async () => {
    expect(compilerOfDocx()).toBeDefined(); // else the parts come the slow way, and the comparison below is of Packer with itself
    const doc = () =>
      new Document({ title: '标题', sections: [{ children: [new Paragraph({ children: [new TextRun('岳阳市法律援助中心 & <预算>')] })] }] });
    const compiled = await compileParts(doc());
    const packed = await packedParts(doc());
    expect([...compiled.keys()]).toEqual([...packed.keys()]);
    expect(compiled.size).toBeGreaterThan(5);
    for (const [path, data] of packed) expect(timeless(path, bytes(compiled.get(path)!)), path).toBe(timeless(path, bytes(data)));
    expect(new TextDecoder().decode(bytes(compiled.get('word/document.xml')!))).toContain('岳阳市法律援助中心 &amp; &lt;预算&gt;');
  });

  it('zipDocx: every kind of part is a file (text, Buffer, ArrayBuffer), core.xml carries the given time', () => {
    const core = '<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">2020-01-01T00:00:00Z</dcterms:created></cp:coreProperties>';
    const parts = new Map<string, string | Uint8Array | ArrayBuffer>([
      ['docProps/core.xml', core],
      ['word/media/a.png', Buffer.from([1, 2, 3])],
      ['word/media/b.png', new Uint8Array([4, 5]).buffer],
    ]);
    const files = unzipSync(zipDocx(parts, new Date(Date.UTC(2025, 2, 3, 4, 5, 6))));
    expect(Object.keys(files)).toEqual(['docProps/core.xml', 'word/media/a.png', 'word/media/b.png']);
    expect([...files['word/media/a.png']!]).toEqual([1, 2, 3]);
    expect([...files['word/media/b.png']!]).toEqual([4, 5]);
    expect(new TextDecoder().decode(files['docProps/core.xml'])).toContain('>2025-03-03T04:05:06Z<');
  });
});
