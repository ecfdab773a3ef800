import { zh } from '../messages/zh.js';
import { detect } from './detect.js';
import { readDocxReport } from './docx-report.js';
import { Deadline } from './limits.js';
import { readCsv, readXlsx } from './sheet.js';
import { ImportError, MAX_IMPORT_BYTES, type ImportProposal } from './types.js';
import { hasDoctype } from './xml.js';
import { checkZip, inflateEntry } from './zip.js';

/**
 * Read a file a user sent (any channel) into a proposal: a report DOCX, our template, or any
 * other sheet (.xlsx, .csv). The type is told by the content, not the name. Pure: bytes in, a
 * proposal or an ImportError (a Chinese message saying what to do) out; nothing is stored.
 *
 * Untrusted input is bounded everywhere: the size (MAX_IMPORT_BYTES), what a zip may expand to
 * and how many entries it may have (limits.ts, checked on the central directory before anything
 * is inflated and again while inflating), no XML entity is expanded, no formula is evaluated,
 * and reading stops at a deadline.
 */
export async function readImportFile(fileName: string, content: Uint8Array, opts: { deadline?: Deadline } = {}): Promise<ImportProposal> {
  if (content.byteLength > MAX_IMPORT_BYTES) throw new ImportError('IMPORT_TOO_LARGE', zh.import.tooLarge);
  const deadline = opts.deadline ?? new Deadline();
  const found = detect(content, deadline);
  let proposal: ImportProposal;
  if (found.type === 'docx') {
    const main = found.entries.find((e) => e.name === found.main);
    if (!main) throw new ImportError('IMPORT_CORRUPT', zh.import.corrupt);
    const xml = inflateEntry(content, main, deadline);
    if (hasDoctype(xml)) throw new ImportError('IMPORT_CORRUPT', zh.import.corrupt);
    proposal = readDocxReport(fileName, new TextDecoder().decode(xml), deadline);
  } else if (found.type === 'xlsx') {
    // Every entry is inflated once here (sizes, CRC, limits) before exceljs reads the same bytes;
    // its XML parts may declare no document type.
    checkZip(content, deadline, {
      wants: (name) => /\.(xml|rels|vml)$/i.test(name),
      see: (_name, part) => {
        if (hasDoctype(part)) throw new ImportError('IMPORT_CORRUPT', zh.import.corrupt);
      },
    });
    proposal = await readXlsx(fileName, content, deadline);
  } else {
    proposal = readCsv(fileName, content, deadline);
  }
  deadline.checkNow();
  if (proposal.values.length === 0 && proposal.items.length === 0) throw new ImportError('IMPORT_NOTHING', zh.import.nothing);
  return proposal;
}
