import { Document, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { compileParts, packedParts } from '../../src/export/compile.js';

const bytes = (d: string | Uint8Array) => (typeof d === 'string' ? new TextEncoder().encode(d) : d);
/** core.xml carries the time of packing, which the two ways read at different moments. */
const timeless = (path: string, d: Uint8Array) =>
  path === 'docProps/core.xml' ? new TextDecoder().decode(d).replace(/(<dcterms:(created|modified)[^>]*>)[^<]*/g, '$1') : Buffer.from(d).toString('hex');

describe('compileParts', () => {
  it('gives the parts Packer zips, in its order, byte for byte', async () => {
    const doc = () =>
      new Document({ title: '标题', sections: [{ children: [new Paragraph({ children: [new TextRun('岳阳市法律援助中心 & <预算>')] })] }] });
    const compiled = await compileParts(doc());
    const packed = await packedParts(doc());
    expect([...compiled.keys()]).toEqual([...packed.keys()]);
    expect(compiled.size).toBeGreaterThan(5);
    for (const [path, data] of packed) expect(timeless(path, bytes(compiled.get(path)!)), path).toBe(timeless(path, bytes(data)));
    expect(new TextDecoder().decode(bytes(compiled.get('word/document.xml')!))).toContain('岳阳市法律援助中心 &amp; &lt;预算&gt;');
  });
});
