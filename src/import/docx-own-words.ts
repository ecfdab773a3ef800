import { rz } from '../messages/report-zh.js';
import { zh } from '../messages/zh.js';
import { ECONOMY_POINT_KEYS } from '../report/own-words.js';
import type { Para, Section } from './docx-body.js';
import type { ProposalBuilder } from './propose.js';

/**
 * The unit's own words of issue 26 item 6, read back from a report: in 一、 the short name
 * (「市法援中心为正科级…」), the word for the internal units (「内设三个股（室）」) and the 编制
 * wording (「…实有人数9人，全部为行政编制。」); in 六（一） points 1–4 without the sentence this
 * product adds. The generated wordings (本中心, 机构, 编制类型为…, a bare 「预算配置方面，」) are
 * not the unit's words and are not read.
 */
const S = zh.import.src;
/** What this product adds after the unit's words of a point: 「共N项指标，得…分（满分…分）。…」. */
const GENERATED_TAIL = /共\d+项指标，得[\d.]+分（满分[\d.]+分）。.*$/;

export function readUnitWords(sec: Section, out: ProposalBuilder): void {
  const text = sec.paras.map((p) => p.text).join('');
  const src = S.section(sec.heading);
  const subject = /(?:^|[。；])([^。；，,：:]{2,16}?)为(?:正|副)?(?:厅|处|科|股)级/.exec(text);
  if (subject && !/^[本我]/.test(subject[1]!.trim())) out.set('unit.shortName', subject[1]!.trim(), src);
  const noun = /内设(?:机构)?\s*[零〇一二两三四五六七八九十\d０-９]+\s*个([^：:。]{1,12})[：:]/.exec(text);
  if (noun && noun[1]!.trim() !== '机构') out.set('unit.departmentNoun', noun[1]!.trim(), src);
  const wording = /实有(?:人数|人员)?\s*(?:为|共|共有)?\s*[\d０-９]+\s*(?:人|名)[，,]\s*([^。]+)。/.exec(text);
  if (wording && !wording[1]!.startsWith('编制类型为')) out.set('staff.wording', wording[1]!.trim(), src);
}

/** 六（一） points 1–4: the unit's words before the generated sentence. */
export function readEconomyPoints(paras: Para[], heading: string, out: ProposalBuilder): void {
  for (const p of paras) {
    const m = /^\s*([1-4])\s*[、.．]\s*/.exec(p.text);
    if (!m) continue;
    const i = Number(m[1]) - 1;
    const own = p.text.slice(m[0].length).replace(GENERATED_TAIL, '').trim();
    const bare = own.replace(new RegExp(`^${rz.s6.topics[i]}方面[，,：:]?`), '').trim();
    if (bare) out.set(ECONOMY_POINT_KEYS[i]!, own, S.para(heading, p.n));
  }
}
