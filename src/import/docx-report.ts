import { zh } from '../messages/zh.js';
import { readA1, readA2, readA2Funds, readA3, readBuildings, readOtherFundTable, tableKind } from './docx-attachments.js';
import { isBodyEnd, level1, level2, level3, readBasic, readOtherFund, readProjects, readTitle, readUnit, unplacedFigures, verbatim, type Para, type Section } from './docx-body.js';
import { readEconomyPoints, readUnitWords } from './docx-own-words.js';
import { readA2Inputs } from './docx-scores.js';
import { docxBlocks } from './docx-xml.js';
import type { Deadline } from './limits.js';
import { normalizeLabel } from './labels.js';
import { ProposalBuilder, type ItemBuilder } from './propose.js';
import type { ImportProposal } from './types.js';

/**
 * A self-evaluation report (DOCX) laid out like the seed: this product's own output, or a unit's
 * own Word file with the seed's headings. Values are the file's year's (kind 'report'): the
 * import layer maps them to last year's columns.
 */

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const SUB = ['', '（一）', '（二）', '（三）', '（四）', '（五）'];
const S = zh.import.src;

/** Paragraphs of a section split at headings of one level (from `head`), each with its number. */
function splitAt(paras: Para[], head: (t: string) => number | undefined): { no: number; paras: Para[] }[] {
  const parts: { no: number; paras: Para[] }[] = [{ no: 0, paras: [] }];
  for (const p of paras) {
    const n = head(p.text);
    if (n !== undefined) parts.push({ no: n, paras: [] });
    else parts[parts.length - 1]!.paras.push(p);
  }
  return parts;
}

const part = (parts: { no: number; paras: Para[] }[], no: number) => parts.find((p) => p.no === no)?.paras;

export function readDocxReport(fileName: string, documentXml: string, deadline: Deadline): ImportProposal {
  const out = new ProposalBuilder('report', fileName);
  const blocks = docxBlocks(documentXml, deadline);
  const title: string[] = [];
  const sections: Section[] = [];
  let ended = false;
  let a3 = 0;
  let a1Year: number | undefined;
  let n = 0;
  for (const b of blocks) {
    deadline.check();
    if (b.kind === 'table') {
      const kind = tableKind(b.rows);
      if (kind === 'a1') {
        const y = readA1(b.rows, out, deadline);
        a1Year ??= y;
      }
      else if (kind === 'buildings') readBuildings(b.rows, out, deadline);
      else if (kind === 'a2funds') readA2Funds(b.rows, out, deadline);
      else if (kind === 'a2') {
        readA2(b.rows, out);
        readA2Inputs(b.rows, out);
      }
      else if (kind === 'a3') readA3(b.rows, ++a3, out);
      else if (kind === 'other') readOtherFundTable(b.rows, out);
      continue;
    }
    const text = b.text;
    if (ended || !text.trim()) continue;
    if (isBodyEnd(text)) {
      ended = sections.length > 0;
      continue;
    }
    const l1 = level1(text);
    if (l1 !== undefined && (sections.length === 0 || l1 > sections[sections.length - 1]!.no)) {
      sections.push({ no: l1, heading: `${CN[l1]}、`, paras: [] });
      continue;
    }
    if (sections.length === 0) title.push(text);
    else sections[sections.length - 1]!.paras.push({ text, n: ++n });
  }
  readTitle(title, out);
  // a report without the usual title: the unit and year its 附件1 names
  const unit = out.get('unit.name');
  if (out.unitName === undefined && typeof unit === 'string') out.unitName = unit;
  if (out.year === undefined && a1Year !== undefined) out.year = a1Year;
  for (const sec of sections) readSection(sec, out);
  mergeSpecials(out);
  for (const sec of sections) figuresLeft(sec, out);
  return out.build();
}

function readSection(sec: Section, out: ProposalBuilder): void {
  const h = sec.heading;
  switch (sec.no) {
    case 1:
      readUnit(sec, out);
      return readUnitWords(sec, out);
    case 2: {
      const parts = splitAt(sec.paras, level2);
      const basic = part(parts, 1);
      if (basic) readBasic(basic, `${h}${SUB[1]}`, out);
      const projects = part(parts, 2);
      if (!projects) return;
      const subs = splitAt(projects, level3);
      const h2 = `${h}${SUB[2]}`;
      if (subs.length === 1) return readProjects(projects, h2, out);
      readProjects(part(subs, 1) ?? [], `${h2}1、`, out);
      verbatim('narrative.specialUsage', part(subs, 2) ?? [], S.section(`${h2}2、`), out);
      verbatim('narrative.specialManagement', part(subs, 3) ?? [], S.section(`${h2}3、`), out);
      return;
    }
    case 3:
      return readOtherFund('govFund', sec, out);
    case 4:
      return readOtherFund('stateCapital', sec, out);
    case 5:
      return readOtherFund('socialInsurance', sec, out);
    case 6: {
      const parts = splitAt(sec.paras, level2);
      // the unit's overview; a lead-in ending in 如下： belongs to the outline, not to it
      verbatim('narrative.overview', part(parts, 0)!.filter((p) => !/如下[:：]\s*$/.test(p.text)), S.section(h), out);
      readEconomyPoints(part(parts, 1) ?? [], `${h}${SUB[1]}`, out);
      for (const p of part(parts, 1) ?? []) {
        const m = /^\s*\d{1,2}\s*[、.．]\s*社会效益(?:指标)?方面[，,：:]?\s*/.exec(p.text);
        if (!m) continue;
        // what this product adds after the unit's words: 「共N项指标，得…分（满分…分）。…」
        const own = p.text.slice(m[0].length).replace(/共\d+项指标，得[\d.]+分（满分[\d.]+分）。.*$/, '').trim();
        if (own) out.set('narrative.socialBenefit', own, S.para(`${h}${SUB[1]}`, p.n));
      }
      verbatim('narrative.efficiency', part(parts, 2) ?? [], S.section(`${h}${SUB[2]}`), out);
      verbatim('narrative.satisfaction', part(parts, 3) ?? [], S.section(`${h}${SUB[3]}`), out);
      return;
    }
    case 7:
      return verbatim('narrative.problems', sec.paras, S.section(h), out);
    case 8:
      return verbatim('narrative.measures', sec.paras, S.section(h), out);
    case 9:
      return verbatim('narrative.publicity', sec.paras, S.section(h), out);
    case 10: {
      // what this product lists after the unit's words: the answers still missing
      const end = sec.paras.findIndex((p) => /^以下数据尚未填写/.test(p.text));
      return verbatim('narrative.other', end < 0 ? sec.paras : sec.paras.slice(0, end), S.section(h), out);
    }
  }
}

/** Figures of the sentences of 二 that state them (not the unit's own paragraphs) and 三–五. */
function figuresLeft(sec: Section, out: ProposalBuilder): void {
  if (sec.no >= 3 && sec.no <= 5) return unplacedFigures(sec.paras, sec.heading, out);
  if (sec.no !== 2) return;
  const parts = splitAt(sec.paras, level2);
  unplacedFigures(part(parts, 1) ?? [], `${sec.heading}${SUB[1]}`, out);
  const projects = part(parts, 2) ?? [];
  const subs = splitAt(projects, level3);
  unplacedFigures(subs.length === 1 ? projects : (part(subs, 1) ?? []), `${sec.heading}${SUB[2]}`, out);
}

/** 专项 named in 附件1 and in 附件3 are one item: the first absorbs the values of the others. */
function mergeSpecials(out: ProposalBuilder): void {
  const byName = new Map<string, ItemBuilder>();
  for (let i = 0; i < out.items.length; i++) {
    const it = out.items[i]!;
    const name = it.get('special.name');
    if (it.group !== 'special' || typeof name !== 'string') continue;
    const key = normalizeLabel(name);
    const first = byName.get(key);
    if (!first) {
      byName.set(key, it);
      continue;
    }
    for (const v of it.values) first.set(v.key, v.value, v.source);
    first.children.push(...it.children);
    out.items.splice(i--, 1);
  }
}
