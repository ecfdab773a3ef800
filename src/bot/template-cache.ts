import { str, type ReportModel } from '../report/model.js';
import type { ServedFile } from './bot-types.js';

/** The chat command that asks for the XLSX template: 模板, 下载模板, 要填报模板 … */
export const TEMPLATE_COMMAND = /^(?:下载|获取|领取|发送|发|要)?(?:填报)?模板$/;
/** Templates handed out are kept (in this process) this long, at most this many and bytes. */
const TEMPLATE_KEEP_MS = 3600_000;
const TEMPLATE_KEEP_COUNT = 200;
const TEMPLATE_KEEP_BYTES = 64 * 1024 * 1024;

/** `{年度}年度{单位名称}绩效自评填报模板.xlsx`, safe as a file name (as reportFileName). */
export function templateFileName(model?: ReportModel): string {
  const year = model?.values['unit.year'];
  const unit = model ? Array.from((str(model.values, 'unit.name') ?? '').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')).slice(0, 80).join('') : '';
  return `${year ? `${String(year)}年度` : ''}${unit}绩效自评填报模板.xlsx`;
}

/**
 * Templates handed out (see Bot.template), by file id, with the person they were made for. They
 * are not stored: kept in this process for an hour, at most TEMPLATE_KEEP_COUNT of them and
 * TEMPLATE_KEEP_BYTES together, the oldest dropped first.
 */
export class TemplateCache {
  private readonly templates = new Map<string, { user: string; file: ServedFile }>();

  constructor(private readonly now: () => Date) {}

  /** Whether `fileId` is a template's (kept, or too old to be served but not dropped yet). */
  has(fileId: string): boolean {
    return this.templates.has(fileId);
  }

  /** The template, only for whom it was made and within the hour. */
  get(fileId: string, user: string): ServedFile | undefined {
    const template = this.templates.get(fileId);
    if (!template) return undefined;
    return template.user === user && this.now().getTime() - template.file.createdAt.getTime() <= TEMPLATE_KEEP_MS ? template.file : undefined;
  }

  keep(user: string, file: ServedFile): void {
    this.templates.set(file.id, { user, file });
    const old = this.now().getTime() - TEMPLATE_KEEP_MS;
    let bytes = 0;
    for (const t of this.templates.values()) bytes += t.file.size;
    // oldest first (insertion order)
    for (const [id, t] of this.templates) {
      if (t.file.createdAt.getTime() >= old && this.templates.size <= TEMPLATE_KEEP_COUNT && bytes <= TEMPLATE_KEEP_BYTES) break;
      if (id === file.id) break;
      this.templates.delete(id);
      bytes -= t.file.size;
    }
  }
}
