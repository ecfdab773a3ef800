import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { buildReport } from '../../src/export/document.js';
import { Pieces, splice } from '../../src/export/pieces.js';
import type { ReportModel } from '../../src/report/model.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { seedModel } from '../helpers/rulesets.js';
import { reportOfShape } from './at-limits.js';

const ref = loadRuleSet('yueyang-reference');
const createdAt = new Date('2025-03-01T08:00:00Z');
const small = { special: 3, specialIndicator: 4, target: 5, manualScore: 2, textChars: 30, longChars: 300, textLines: 2, longLines: 5 };

const nasty = (): ReportModel => {
  const m = seedModel();
  m.values['narrative.problems'] = `<script>&amp; "引号" 'x' 😀\n\n\t第二段\u0001`;
  m.values['narrative.other'] = '其他\n说明';
  m.groups.special![1]!.values['special.goalActual'] = '一\n\n三 & <四>';
  return m;
};

describe('the report written in pieces', () => {
  it.each([
    ['the seed report', seedModel],
    ['3 专项 × 4 indicators, texts of several lines', () => reportOfShape(small)],
    ['30 专项 × 10 rows added and left empty (the missing list: several pieces)', () => reportOfShape({ ...small, special: 30, specialIndicator: 10, empty: true })],
    ['an empty report', (): ReportModel => ({ ruleSetId: 'yueyang-reference', values: {}, groups: {} })],
    ['markup, quotes, blank lines and controls in the unit’s words', nasty],
    ['all three other fund types (attachments 4–6 with figures)', (): ReportModel => {
      const m = seedModel();
      for (const base of ['govFund', 'stateCapital', 'socialInsurance']) Object.assign(m.values, { [`${base}.has`]: true, [`${base}.budget`]: 12.5, [`${base}.executed`]: 10, [`${base}.purpose`]: '用途\n第二行 & <说明>' });
      return m;
    }],
  ])('%s: every part is byte for byte what docx writes in one go', async (_name, make) => {
    const m = make();
    const score = scoreReport(m, ref);
    const pieces = unzipSync((await buildReport(m, score, { createdAt })).content);
    const inline = unzipSync((await buildReport(m, score, { createdAt, inline: true })).content);
    expect(Object.keys(pieces).sort()).toEqual(Object.keys(inline).sort());
    for (const name of Object.keys(inline)) {
      const [a, b] = [new TextDecoder().decode(pieces[name]), new TextDecoder().decode(inline[name])];
      expect(a === b, name).toBe(true); // not toBe(b): a diff of 400 KB strings is unreadable
    }
    expect(new TextDecoder().decode(pieces['word/document.xml'])).not.toContain('\uffff'); // no placeholder left
  });

  it('a piece is made only when written, after the document is put together, and each in turn', async () => {
    const made: number[] = [];
    const p = new Pieces();
    const blocks = [...p.defer(() => (made.push(1), [new Paragraph('一')])), ...p.defer(() => (made.push(2), [new Paragraph('二'), new Paragraph('三')]))];
    expect(blocks).toHaveLength(2);
    expect(made).toEqual([]);
    const doc = new Document({ sections: [{ children: [new Paragraph('前'), ...blocks, new Paragraph('后')] }] });
    const written = p.write(doc);
    expect(made).toEqual([1, 2]);
    const xml = new TextDecoder().decode(unzipSync(await Packer.toBuffer(doc))['word/document.xml']);
    const out = new TextDecoder().decode(splice(new TextEncoder().encode(xml), written));
    expect(out.replace(/<[^>]+>/g, '')).toBe('前一二三后');
    expect(() => splice(new TextEncoder().encode(xml), written.slice(1))).toThrow(/placeholder/);
  });
});
