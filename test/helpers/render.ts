import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './process.js';

export const HAVE_RENDERER = ['soffice', 'pdftotext', 'pdfinfo', 'pdftoppm'].every((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0);

/** DOCX → PDF with LibreOffice, fonts aliased by the project's fontconfig file. */
export function renderPdf(docx: Uint8Array): { dir: string; pdf: string } {
  const dir = mkdtempSync(join(tmpdir(), 'jx-render-'));
  const file = join(dir, 'report.docx');
  writeFileSync(file, docx);
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file], {
    env: { ...process.env, FONTCONFIG_FILE: join(ROOT, 'fonts/fonts.conf') },
    stdio: 'ignore',
    timeout: 120_000,
  });
  return { dir, pdf: join(dir, 'report.pdf') };
}

export const pdfText = (pdf: string, page?: number): string =>
  execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', pdf, '-'], { encoding: 'utf8' });

export const pdfPages = (pdf: string): number => Number(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)![1]);

export function pageToPng(pdf: string, page: number, outBase: string): void {
  execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', '-f', String(page), '-l', String(page), pdf, outBase]);
}
