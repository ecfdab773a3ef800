import { ImportError, type ImportProposal } from './types.js';

/**
 * Read a file a user sent (any channel) into a proposal. STUB: replaced by the readers
 * (docx-report.ts, sheet.ts, template.ts); until then every file is refused.
 */
export async function readImportFile(fileName: string, content: Uint8Array): Promise<ImportProposal> {
  void fileName;
  void content;
  throw new ImportError('IMPORT_TYPE', '暂时还不能读取文件。');
}
