import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Deadline, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES } from '../../src/import/limits.js';
import { readImportFile } from '../../src/import/read-file.js';
import { ImportError, MAX_IMPORT_BYTES, type ImportErrorCode } from '../../src/import/types.js';
import { zh } from '../../src/messages/zh.js';
import { gbk } from './gbk.js';

/** The code and message a read fails with. */
async function refusal(name: string, bytes: Uint8Array, deadline?: Deadline): Promise<{ code: ImportErrorCode; message: string }> {
  try {
    await readImportFile(name, bytes, deadline ? { deadline } : {});
  } catch (e) {
    if (e instanceof ImportError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('read without error');
}

const CT = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/x/main.xml" ContentType="${main}"/></Types>`;
const XLSX_CT = CT('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml');
const DOCX_CT = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

async function sheetWith(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  rows.forEach((r) => ws.addRow(r));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * A minimal Compound File (OLE2): header, one FAT sector, one directory sector holding the
 * given stream names, with 512-byte sectors (version 3) or 4096-byte ones (version 4). Enough
 * for the detector, which reads the directory and nothing else.
 */
function cfb(names: string[], shift: 9 | 12 = 9): Uint8Array {
  const size = 1 << shift;
  const b = new Uint8Array(size * 3);
  const v = new DataView(b.buffer);
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].forEach((x, i) => (b[i] = x));
  v.setUint16(0x18, 0x3e, true); // minor version
  v.setUint16(0x1a, shift === 9 ? 3 : 4, true); // major version
  v.setUint16(0x1c, 0xfffe, true); // little endian
  v.setUint16(0x1e, shift, true); // sector shift
  v.setUint16(0x20, 6, true); // mini sector shift
  v.setUint32(0x2c, 1, true); // one FAT sector
  v.setUint32(0x30, 1, true); // directory starts at sector 1
  v.setUint32(0x38, 0x1000, true);
  v.setUint32(0x3c, 0xfffffffe, true);
  v.setUint32(0x44, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) v.setUint32(0x4c + i * 4, i === 0 ? 0 : 0xffffffff, true);
  // FAT (sector 0, after the header's sector): sector 0 is FAT, sector 1 ends the directory chain
  for (let i = 0; i < size / 4; i++) v.setUint32(size + i * 4, i === 0 ? 0xfffffffd : i === 1 ? 0xfffffffe : 0xffffffff, true);
  ['Root Entry', ...names].slice(0, size / 128).forEach((name, e) => {
    const at = 2 * size + e * 128;
    for (let i = 0; i < name.length; i++) v.setUint16(at + i * 2, name.charCodeAt(i), true);
    v.setUint16(at + 64, (name.length + 1) * 2, true);
    b[at + 66] = e === 0 ? 5 : 2; // root storage / stream
  });
  return b;
}

describe('files that are refused, each with its own Chinese reply', () => {
  it('a PNG renamed .xlsx: not a type we read (by content, not by name)', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...new Array(200).fill(7)]);
    const r = await refusal('决算.xlsx', png);
    expect(r.code).toBe('IMPORT_TYPE');
    for (const ext of ['.docx', '.xlsx', '.xls', '.csv']) expect(r.message).toContain(ext);
  });

  it('a corrupt zip: cut short, or with a byte changed inside a compressed part', async () => {
    const good = await sheetWith([['公务接待', 1]]);
    expect((await refusal('a.xlsx', good.slice(0, good.length - 100))).code).toBe('IMPORT_CORRUPT');
    const flipped = good.slice();
    flipped[200]! ^= 0xff;
    expect(await refusal('a.xlsx', flipped)).toEqual({ code: 'IMPORT_CORRUPT', message: zh.import.corrupt });
  });

  it('an OOXML file encrypted with a password (a CFB container with an EncryptionInfo stream)', async () => {
    for (const shift of [9, 12] as const) {
      expect(await refusal('加密.xlsx', cfb(['\u0006DataSpaces', 'EncryptionInfo', 'EncryptedPackage'], shift))).toEqual({ code: 'IMPORT_ENCRYPTED', message: zh.import.encrypted });
    }
  });

  it('a legacy .xls or .doc (CFB with a Workbook / WordDocument stream): asked to save as .xlsx / .docx', async () => {
    expect(await refusal('决算.xls', cfb(['Workbook']))).toEqual({ code: 'IMPORT_TYPE', message: zh.import.xls });
    expect(await refusal('报告.doc', cfb(['WordDocument']))).toEqual({ code: 'IMPORT_TYPE', message: zh.import.doc });
  });

  it('an .xls that is really an HTML table (as some systems export)', async () => {
    const html = new TextEncoder().encode('<html><body><table><tr><td>公务接待</td><td>1</td></tr></table></body></html>');
    expect(await refusal('导出.xls', html)).toEqual({ code: 'IMPORT_TYPE', message: zh.import.htmlSheet });
  });

  it('a presentation: not read', async () => {
    const pptx = zipSync({ '[Content_Types].xml': strToU8(CT('application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml')) });
    expect((await refusal('a.pptx', pptx)).code).toBe('IMPORT_TYPE');
  });

  it('a 21 MB file: refused unread', async () => {
    expect(await refusal('大.xlsx', new Uint8Array(MAX_IMPORT_BYTES + 1024 * 1024))).toEqual({ code: 'IMPORT_TOO_LARGE', message: zh.import.tooLarge });
  });

  it('a zip bomb: entries declaring more than the limit in all are refused before anything is inflated', async () => {
    const zeros = new Uint8Array(30 * 1024 * 1024);
    const files: Record<string, Uint8Array> = { '[Content_Types].xml': strToU8(XLSX_CT) };
    for (let i = 0; i < Math.ceil(MAX_UNZIPPED_BYTES / zeros.length) + 1; i++) files[`xl/pad${i}.bin`] = zeros;
    const bomb = zipSync(files, { level: 9 });
    expect(bomb.length).toBeLessThan(MAX_IMPORT_BYTES);
    expect(await refusal('炸弹.xlsx', bomb)).toEqual({ code: 'IMPORT_TOO_LARGE', message: zh.import.expandsTooMuch });
  });

  it('a zip bomb that lies about its sizes: inflating stops where the declared size ends', async () => {
    const zeros = new Uint8Array(50 * 1024 * 1024);
    const bomb = zipSync({ '[Content_Types].xml': strToU8(XLSX_CT), 'xl/x.bin': zeros }, { level: 9 });
    // declare 1 KB for the 50 MB entry in its local and central headers
    const v = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    for (let i = 0; i + 4 <= bomb.length; i++) {
      const sig = v.getUint32(i, true);
      if (sig === 0x04034b50 && v.getUint32(i + 22, true) === zeros.length) v.setUint32(i + 22, 1024, true);
      if (sig === 0x02014b50 && v.getUint32(i + 24, true) === zeros.length) v.setUint32(i + 24, 1024, true);
    }
    expect((await refusal('炸弹.xlsx', bomb)).code).toBe('IMPORT_CORRUPT');
  });

  it(`a zip of more than ${MAX_ZIP_ENTRIES} entries`, async () => {
    const files: Record<string, Uint8Array> = { '[Content_Types].xml': strToU8(XLSX_CT) };
    for (let i = 0; i <= MAX_ZIP_ENTRIES; i++) files[`x/${i}`] = new Uint8Array(0);
    expect((await refusal('多.xlsx', zipSync(files))).code).toBe('IMPORT_TOO_LARGE');
  });

  it('XML with a document type (entity expansion) is refused, never expanded', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>`;
    const docx = zipSync({ '[Content_Types].xml': strToU8(DOCX_CT), 'word/document.xml': strToU8(laughs) });
    expect((await refusal('报告.docx', docx)).code).toBe('IMPORT_CORRUPT');
    // in a workbook, every XML part is looked at before exceljs reads the file
    const xlsx = zipSync({ '[Content_Types].xml': strToU8(XLSX_CT), 'xl/workbook.xml': strToU8(laughs.replace(/w:document/g, 'workbook')) });
    expect((await refusal('表.xlsx', xlsx)).code).toBe('IMPORT_CORRUPT');
  });

  it('reading past its deadline stops with IMPORT_TIMEOUT', async () => {
    let now = 0;
    const deadline = new Deadline(1000, () => (now += 100));
    const csv = new TextEncoder().encode(`项目,本年决算数\n${'公务接待,1\n'.repeat(5000)}`);
    expect(await refusal('a.csv', csv, deadline)).toEqual({ code: 'IMPORT_TIMEOUT', message: zh.import.timeout });
  });

  it('a sheet with no recognisable row: IMPORT_NOTHING, saying what was looked for', async () => {
    const r = await refusal('名单.xlsx', await sheetWith([['姓名', '电话'], ['张三', 13800000000]]));
    expect(r).toEqual({ code: 'IMPORT_NOTHING', message: zh.import.nothing });
    expect((await refusal('空.docx', zipSync({ '[Content_Types].xml': strToU8(DOCX_CT), 'word/document.xml': strToU8('<w:document><w:body><w:p><w:r><w:t>你好</w:t></w:r></w:p></w:body></w:document>') }))).code).toBe('IMPORT_NOTHING');
  });
});

describe('files that are read', () => {
  it('a CSV in GBK', async () => {
    const p = await readImportFile('决算.csv', gbk('项目,本年决算数\n公务接待费,0.65\n人员经费,160.20'));
    expect(p.values.map((v) => [v.key, v.value])).toEqual([
      ['sanGong.reception.actual', 0.65],
      ['basic.personnel', 160.2],
    ]);
  });

  it('an .xlsx named .csv is read as a workbook (the content decides)', async () => {
    const p = await readImportFile('错名.csv', await sheetWith([['项目', '本年决算数'], ['公务接待', 0.65]]));
    expect(p.values.find((v) => v.key === 'sanGong.reception.actual')?.value).toBe(0.65);
  });
});
