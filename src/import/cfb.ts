import type { Deadline } from './limits.js';

/**
 * The names in a Compound File Binary (OLE2) container: a legacy .xls/.doc, or an OOXML file
 * Office encrypted with a password (its package is then the stream `EncryptedPackage`, its key
 * data the stream `EncryptionInfo`). Only the directory is read: the header, the FAT sectors it
 * names, and the chain of directory sectors. Anything out of bounds ends the walk; the caller
 * decides from what was found.
 */

export const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

export const isCfb = (b: Uint8Array): boolean => b.length >= 512 && CFB_MAGIC.every((x, i) => b[i] === x);

const END = 0xfffffffe;

export function cfbNames(buf: Uint8Array, deadline: Deadline): string[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return [];
  const size = 1 << shift;
  // sector n starts at (n + 1) × sector size: the header fills sector −1 (512 or 4096 bytes)
  const sectors = Math.floor(buf.length / size) - 1;
  const sectorAt = (n: number) => (n + 1) * size;
  // FAT sector numbers: 109 in the header, then chained DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) fatSectors.push(view.getUint32(0x4c + i * 4, true));
  let difat = view.getUint32(0x44, true);
  for (let hops = 0; difat < sectors && hops < sectors; hops++) {
    deadline.check();
    const at = sectorAt(difat);
    for (let i = 0; i < size / 4 - 1; i++) fatSectors.push(view.getUint32(at + i * 4, true));
    difat = view.getUint32(at + size - 4, true);
  }
  const perSector = size / 4;
  const next = (n: number): number => {
    const fs = fatSectors[Math.floor(n / perSector)];
    if (fs === undefined || fs >= sectors) return END;
    return view.getUint32(sectorAt(fs) + (n % perSector) * 4, true);
  };
  const names: string[] = [];
  let dir = view.getUint32(0x30, true);
  for (let hops = 0; dir < sectors && hops < sectors; hops++) {
    deadline.check();
    const at = sectorAt(dir);
    for (let e = 0; e < size / 128; e++) {
      const entry = at + e * 128;
      const len = view.getUint16(entry + 64, true);
      if (len < 2 || len > 64) continue;
      let name = '';
      for (let i = 0; i < len - 2; i += 2) name += String.fromCharCode(view.getUint16(entry + i, true));
      names.push(name);
    }
    dir = next(dir);
  }
  return names;
}
