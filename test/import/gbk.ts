/** GBK bytes of a text, by inverting Node's GBK decoder (Node has no GBK encoder). For tests. */
let table: Map<string, number[]> | undefined;

export function gbk(text: string): Uint8Array {
  if (!table) {
    table = new Map();
    const dec = new TextDecoder('gbk');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([hi, lo]));
        if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}
