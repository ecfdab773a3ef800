import type { Paragraph } from 'docx';
import Nzh from 'nzh';
import { MISSING, rz } from '../messages/report-zh.js';
import { fixed2 } from '../report/format.js';
import { bool, items, num, str, type MissingField, type ReportModel } from '../report/model.js';
import { ECONOMY_POINT_KEYS, ownWords } from '../report/own-words.js';
import type { ScoreResult } from '../scoring/result.js';
import { generatedPoint, pointText } from './economy-points.js';
import { count, rate, selfName, shortSelf, text, wan } from './figures.js';
import { heading, para, paras, title } from './layout.js';
import type { Block, Pieces } from './pieces.js';

/**
 * The ten sections of the seed report (domain §1). Sentences that state figures are generated
 * here; the unit's own words (职能, 成效, 问题, 措施, …) are inserted verbatim.
 */

const H = rz.headings;

/** 六（一）: the unit's own words for a point where it gave them, then what the point scored. */
function economyPoints(model: ReportModel, score: ScoreResult): Paragraph[] {
  const out: Paragraph[] = [];
  rz.s6.topics.forEach((topic, i) => {
    const key = i < ECONOMY_POINT_KEYS.length ? ECONOMY_POINT_KEYS[i]! : 'narrative.socialBenefit';
    const body = pointText(i + 1, topic, ownWords(model.values, key), generatedPoint(score, i));
    if (body) out.push(para(body));
  });
  return out;
}

function otherFund(model: ReportModel, base: string, name: string, year: string, self: string): Paragraph[] {
  const v = model.values;
  const has = bool(v, `${base}.has`);
  if (has === false) return [para(rz.otherFund.none(self, name))];
  if (has === undefined) return [para(MISSING)];
  const out = [para(rz.otherFund.some(year, self, name, wan(v, `${base}.budget`), wan(v, `${base}.executed`), rate(num(v, `${base}.executed`), num(v, `${base}.budget`))))];
  const purpose = str(v, `${base}.purpose`);
  if (purpose) out.push(...paras(purpose));
  return out;
}

function specialsSentence(model: ReportModel, year: string, self: string): string {
  const specials = items(model, 'special');
  if (specials.length === 0) return rz.s2b.total(year, self, wan(model.values, 'spend.project'), rz.s2b.none);
  const bySource = new Map<string, number>();
  for (const s of specials) {
    const src = str(s.values, 'special.source') ?? '专项资金';
    bySource.set(src, (bySource.get(src) ?? 0) + 1);
  }
  const kinds = [...bySource].map(([src, n]) => rz.s2b.kind(src, n)).join('、');
  const amounts = specials.map((s) => num(s.values, 'special.executed'));
  const amount = amounts.some((a) => a === undefined) ? MISSING : fixed2(amounts.reduce((s, a) => s! + a!, 0)!);
  return rz.s2b.total(year, self, wan(model.values, 'spend.project'), rz.s2b.detail(kinds, amount, specials.length));
}

/** Missing answers listed per piece of the document (one line each). */
const MISSING_PER_PIECE = 200;

/**
 * Section 十: the unit's own words, then every input still missing (never printed as 0). The
 * list grows with every item added and left empty, so it is written in pieces.
 */
function otherNotes(model: ReportModel, missing: MissingField[], pieces: Pieces): Block[] {
  const own = str(model.values, 'narrative.other');
  const out: Block[] = [];
  if (own && !(missing.length && own.trim() === rz.none)) out.push(...pieces.defer(() => paras(own)));
  if (missing.length) {
    out.push(para(rz.s10.missingHead));
    for (let from = 0; from < missing.length; from += MISSING_PER_PIECE) {
      out.push(...pieces.defer(() => missing.slice(from, from + MISSING_PER_PIECE).map((m, i) => para(rz.s10.missingItem(from + i + 1, m.where ? `${m.where}：` : '', m.label)))));
    }
  }
  if (out.length === 0) out.push(para(rz.s10.none));
  return out;
}

/** The unit's own paragraphs (up to a long text's lines each), one piece per answer. */
const verbatim = (model: ReportModel, key: string, pieces: Pieces): Block[] => {
  const t = str(model.values, key);
  return t ? pieces.defer(() => paras(t)) : [para(MISSING)];
};

/** 一、's staff sentence, ending in the unit's own 编制 wording (「全部为行政编制」) where it gave one. */
function staffSentence(v: ReportModel['values'], self: string): string {
  const wording = ownWords(v, 'staff.wording')?.replace(/[。；;.]$/, '');
  return wording
    ? rz.s1.staffOwn(self, count(v, 'staff.authorized'), count(v, 'staff.actual'), wording)
    : rz.s1.staff(self, count(v, 'staff.authorized'), count(v, 'staff.actual'), text(v, 'staff.type'));
}

export function bodyParagraphs(model: ReportModel, score: ScoreResult, missing: MissingField[], pieces: Pieces): Block[] {
  const v = model.values;
  const unit = str(v, 'unit.name');
  const year = count(v, 'unit.year');
  const self = selfName(unit);
  const n = num(v, 'unit.departmentCount');
  const out: Block[] = [...title(rz.title(year, unit ?? MISSING))];

  out.push(heading(H.s1, 1));
  out.push(
    para(
      rz.s1.functions(unit ?? MISSING, text(v, 'unit.functions')) +
        rz.s1.setup(ownWords(v, 'unit.shortName') ?? shortSelf(self), text(v, 'unit.rank'), text(v, 'unit.nature'), n === undefined ? MISSING : Nzh.cn.encodeS(n), text(v, 'unit.departments'), ownWords(v, 'unit.departmentNoun')) +
        staffSentence(v, self),
    ),
  );

  out.push(heading(H.s2, 1), heading(H.s2a, 2));
  const use = (key: string) => (str(v, key) ?? MISSING).replace(/[。；;]$/, '');
  out.push(para(rz.s2a(year, self, wan(v, 'basic.total'), wan(v, 'basic.personnel'), use('basic.personnelUse'), wan(v, 'basic.public'), use('basic.publicUse'))));
  out.push(heading(H.s2b, 2), heading(H.s2b1, 3));
  const purpose = str(v, 'narrative.specialPurpose');
  out.push(para(specialsSentence(model, year, self) + (purpose ? rz.s2b.purpose(purpose) : '')));
  out.push(heading(H.s2b2, 3), ...verbatim(model, 'narrative.specialUsage', pieces));
  out.push(heading(H.s2b3, 3), ...verbatim(model, 'narrative.specialManagement', pieces));

  out.push(heading(H.s3, 1), ...otherFund(model, 'govFund', '政府性基金', year, self));
  out.push(heading(H.s4, 1), ...otherFund(model, 'stateCapital', '国有资本经营', year, self));
  out.push(heading(H.s5, 1), ...otherFund(model, 'socialInsurance', '社会保险基金', year, self));

  out.push(heading(H.s6, 1), ...verbatim(model, 'narrative.overview', pieces), para(rz.s6.lead));
  out.push(heading(H.s6a, 2), ...economyPoints(model, score));
  out.push(
    para(
      score.complete
        ? rz.s6.score(self, year, fixed2(score.total), score.grade)
        : rz.s6.provisional(self, year, fixed2(score.total), fixed2(score.maxReachable)),
    ),
  );
  out.push(heading(H.s6b, 2), ...verbatim(model, 'narrative.efficiency', pieces));
  out.push(heading(H.s6c, 2), ...verbatim(model, 'narrative.satisfaction', pieces));
  out.push(heading(H.s7, 1), ...verbatim(model, 'narrative.problems', pieces));
  out.push(heading(H.s8, 1), ...verbatim(model, 'narrative.measures', pieces));
  out.push(heading(H.s9, 1), ...verbatim(model, 'narrative.publicity', pieces));
  out.push(heading(H.s10, 1), ...otherNotes(model, missing, pieces));

  out.push(para(rz.attachmentsHead));
  const none = [false, false, items(model, 'special').length === 0, ...['govFund', 'stateCapital', 'socialInsurance'].map((b) => bool(v, `${b}.has`) === false)];
  rz.attachments.forEach((name, i) => out.push(para(`${i + 1}.${name}${none[i] ? rz.noneSuffix : ''}`)));
  return out;
}
