import { READ_TIMEOUT_MS } from '../import/limits.js';
import type { readImportFile } from '../import/read-file.js';
import { ImportError, MAX_IMPORT_BYTES, type ImportProposal } from '../import/types.js';
import { zh } from '../messages/zh.js';
import type { ReportModel } from '../report/model.js';
import type { BotOptions } from './bot-types.js';
import { WorkerReader } from './file-reader.js';
import { Limiter } from './limiter.js';

const F = zh.files;

/**
 * Files people send, read into proposals, and templates written: in the file threads
 * (WorkerReader) unless a reader is injected, at most two at a time, each read within
 * `readTimeoutMs`. Reading happens before the turn (outside the bot's turn limiter), so a slow
 * file never holds a turn slot; a spreadsheet unpacked can take many times its size in memory.
 */
export class FileIntake {
  /** Files being read (or templates written) at once. */
  private readonly reads = new Limiter(2);
  private reader: WorkerReader | undefined;

  constructor(private readonly opts: Pick<BotOptions, 'readFile' | 'readTimeoutMs' | 'log'>) {}

  /** A file's proposal, or why it could not be read (never throws). */
  async read(fileName: string, content: Uint8Array): Promise<ImportProposal | ImportError> {
    if (content.byteLength > MAX_IMPORT_BYTES) return new ImportError('IMPORT_TOO_LARGE', F.tooLarge(MAX_IMPORT_BYTES / 1024 / 1024));
    const reader: typeof readImportFile = this.opts.readFile ?? (this.reader ??= new WorkerReader()).read;
    const ms = this.opts.readTimeoutMs ?? READ_TIMEOUT_MS + 10_000;
    return this.reads.run(async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ImportError('IMPORT_TIMEOUT', F.timeout)), ms);
      });
      try {
        return await Promise.race([reader(fileName, content), timeout]);
      } catch (e) {
        if (e instanceof ImportError) {
          if (e.code === 'IMPORT_TIMEOUT') this.opts.log?.('warn', `reading a file took over ${ms} ms: ${fileName}`);
          return e;
        }
        // a reader's bug: the person is told the file could not be read, the operator why
        this.opts.log?.('error', `reading a file failed: ${fileName}: ${e instanceof Error ? e.message : String(e)}`);
        return new ImportError('IMPORT_CORRUPT', F.readFailed);
      } finally {
        clearTimeout(timer);
      }
    });
  }

  /** The XLSX template, pre-filled from `model`: in a file thread, counted with the reads. */
  template(model?: ReportModel): Promise<Uint8Array> {
    return this.reads.run(() => (this.reader ??= new WorkerReader()).template(model));
  }

  /** End the file-reading threads (shutdown; idle ones never keep the process alive). */
  async close(): Promise<void> {
    await this.reader?.close();
  }
}
