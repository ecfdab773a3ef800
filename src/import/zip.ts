import { Inflate } from 'fflate';
import { zh } from '../messages/zh.js';
import { MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, type Deadline } from './limits.js';
import { ImportError } from './types.js';

/**
 * Reading the zip container of a DOCX/XLSX without trusting it. The central directory is read
 * first and its declared sizes and entry count checked against the limits before anything is
 * inflated; then each entry is inflated in small steps, stopping as soon as it produces more
 * than it declared (a lie about the size is a corrupt file) and checking its CRC-32. So the
 * output of a zip bomb is never held: at most the declared total, itself bounded.
 */

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const corrupt = () => new ImportError('IMPORT_CORRUPT', zh.import.corrupt);
const tooLarge = () => new ImportError('IMPORT_TOO_LARGE', zh.import.expandsTooMuch);

const u16 = (b: Uint8Array, o: number): number => {
  if (o + 2 > b.length) throw corrupt();
  return b[o]! | (b[o + 1]! << 8);
};
const u32 = (b: Uint8Array, o: number): number => {
  if (o + 4 > b.length) throw corrupt();
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
};

export const isZip = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The entries the central directory lists, after the limits on their number and declared sizes. */
export function zipEntries(buf: Uint8Array, deadline: Deadline): ZipEntry[] {
  // End of central directory: 22 bytes plus a comment of up to 65 535 bytes, at the very end.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf[i] === 0x50 && buf[i + 1] === 0x4b && buf[i + 2] === 0x05 && buf[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt();
  const count = u16(buf, eocd + 10);
  const cdSize = u32(buf, eocd + 12);
  const cdOffset = u32(buf, eocd + 16);
  // ZIP64 markers: no Office file under 20 MB needs them; a file that uses them is refused.
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw corrupt();
  if (count > MAX_ZIP_ENTRIES) throw tooLarge();
  if (cdOffset + cdSize > eocd) throw corrupt();
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = cdOffset;
  for (let n = 0; n < count; n++) {
    deadline.check();
    if (u32(buf, at) !== 0x02014b50) throw corrupt();
    const nameLen = u16(buf, at + 28);
    const entry: ZipEntry = {
      flags: u16(buf, at + 8),
      method: u16(buf, at + 10),
      crc: u32(buf, at + 16),
      compressedSize: u32(buf, at + 20),
      size: u32(buf, at + 24),
      localOffset: u32(buf, at + 42),
      name: decoder.decode(buf.subarray(at + 46, at + 46 + nameLen)),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) throw corrupt();
    total += entry.size;
    if (total > MAX_UNZIPPED_BYTES) throw tooLarge();
    entries.push(entry);
    at += 46 + nameLen + u16(buf, at + 30) + u16(buf, at + 32);
  }
  return entries;
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c;
  }
  return t;
})();

function crc32(crc: number, data: Uint8Array): number {
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** Compressed bytes pushed per step: deflate expands at most ~1032×, so ≤ 4 MB out per step. */
const STEP = 4096;

/**
 * Inflate one entry, checking its size and CRC. `keep` false only verifies (the bytes are
 * dropped as they come), for entries a library will read again from the original file.
 */
export function inflateEntry(buf: Uint8Array, e: ZipEntry, deadline: Deadline, keep = true): Uint8Array {
  if (e.flags & 1) throw new ImportError('IMPORT_ENCRYPTED', zh.import.encrypted);
  if (u32(buf, e.localOffset) !== 0x04034b50) throw corrupt();
  const start = e.localOffset + 30 + u16(buf, e.localOffset + 26) + u16(buf, e.localOffset + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (data.length !== e.compressedSize) throw corrupt();
  const out = keep ? new Uint8Array(e.size) : undefined;
  let got = 0;
  let crc = 0;
  const take = (chunk: Uint8Array) => {
    if (got + chunk.length > e.size) throw corrupt(); // more than declared: refuse, keep nothing
    out?.set(chunk, got);
    crc = crc32(crc, chunk);
    got += chunk.length;
  };
  if (e.method === 0) take(data);
  else if (e.method === 8) {
    const inflater = new Inflate((chunk) => take(chunk));
    try {
      for (let i = 0; i < data.length || i === 0; i += STEP) {
        deadline.check();
        inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
      }
    } catch (err) {
      if (err instanceof ImportError) throw err;
      throw corrupt();
    }
  } else throw corrupt();
  if (got !== e.size || crc !== e.crc) throw corrupt();
  return out ?? new Uint8Array(0);
}

/**
 * Check every entry of a zip (limits, sizes, CRC) and show the ones `look` wants to it one at a
 * time, each dropped before the next is inflated; the rest are verified and dropped as they
 * come. A library that reads the original bytes afterwards meets nothing this has not seen.
 */
export function checkZip(buf: Uint8Array, deadline: Deadline, look: { wants: (name: string) => boolean; see: (name: string, data: Uint8Array) => void }): void {
  for (const e of zipEntries(buf, deadline)) {
    if (e.name.endsWith('/') && e.size === 0) continue;
    const keep = look.wants(e.name);
    const data = inflateEntry(buf, e, deadline, keep);
    if (keep) look.see(e.name, data);
  }
}
