import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/process.js';
import { HAVE_RENDERER, pageToPng, pdfPages, pdfText, renderPdf } from '../helpers/render.js';

const SEED = readFileSync(join(ROOT, 'test/fixtures/seed-2024-yueyang-legal-aid-center.txt'), 'utf8');
const squash = (s: string) => s.replace(/\s+/g, '');

/** Heading lines of the seed: 一、…十、, （一）…, and short numbered sub-headings. */
const seedHeadings = SEED.split('\n')
  .map((l) => l.trim())
  .filter((l) => /^[一二三四五六七八九十]、/.test(l) || /^（[一二三]）/.test(l) || /^\d、.{2,24}$/.test(l));

describe('the seed report rendered by LibreOffice', () => {
  it('has the renderer installed (.ci/run installs libreoffice-writer-nogui, poppler-utils, fonts-noto-cjk)', () => {
    expect(HAVE_RENDERER, 'install libreoffice-writer-nogui poppler-utils fonts-noto-cjk').toBe(true);
  });

  it.runIf(HAVE_RENDERER)('npm run demo writes the DOCX; its PDF has every heading of the seed, its figures, the score and the attachments', async () => {
    const demo = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/demo.ts'], { cwd: ROOT, encoding: 'utf8' });
    expect(demo.status, demo.stderr).toBe(0);
    const path = demo.stdout.match(/已生成：(.+\.docx)/)![1]!;
    expect(demo.stdout).toContain('自评得分：96.88 分（优）');
    const { pdf } = renderPdf(readFileSync(path));
    const text = squash(pdfText(pdf));

    expect(seedHeadings.length).toBeGreaterThanOrEqual(25);
    for (const h of seedHeadings) expect(text, h).toContain(squash(h));
    for (const fig of ['174.28', '160.20', '14.08', '188.28', '74.06', '编制数11人', '实有人数9人', '362.56', '81.82%']) expect(text).toContain(fig);
    expect(text).toContain('自评得分96.88分');
    for (let n = 1; n <= 6; n++) expect(text).toContain(`附件${n}`);
    expect(text).toContain('部门整体支出绩效评价基础数据表');
    expect(text).toContain('法律援助宣传及业务培训');

    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(12);
    expect(pages).toBeLessThanOrEqual(40);
    expect(squash(pdfText(pdf, 1))).toContain('2024年度岳阳市法律援助中心单位整体支出绩效自评报告');

    // Keep page 1 and the first attachment's page as pictures for a person to look at.
    const first = Array.from({ length: pages }, (_, i) => i + 1).find((p) => squash(pdfText(pdf, p)).startsWith('附件1'))!;
    expect(first).toBeGreaterThan(1);
    const out = join(ROOT, 'out');
    mkdirSync(out, { recursive: true });
    pageToPng(pdf, 1, join(out, 'report-page-1'));
    pageToPng(pdf, first, join(out, 'report-attachment-1'));
    expect(existsSync(join(out, 'report-page-1.png'))).toBe(true);
    expect(existsSync(join(out, 'report-attachment-1.png'))).toBe(true);
  }, 180_000);
});
