import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/export/document.js';
import type { ReportModel } from '../../src/report/model.js';
import { ECONOMY_POINT_KEYS, GENERATED } from '../../src/report/own-words.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { documentText } from '../helpers/docx.js';
import { seedModel } from '../helpers/rulesets.js';

/** Issue 26 item 6: the seed's own words in 一、 and 六（一）1–4, where the unit gave them. */
const ref = loadRuleSet('yueyang-reference');
const textOf = async (m: ReportModel) => documentText((await buildReport(m, scoreReport(m, ref), { createdAt: new Date('2025-03-01T08:00:00Z') })).content);
const OWN_KEYS = ['unit.shortName', 'unit.departmentNoun', 'staff.wording', ...ECONOMY_POINT_KEYS];

describe('the unit’s own words in the document', () => {
  it('一、 with the seed’s short name, 股（室） and 编制 wording', async () => {
    const text = await textOf(seedModel());
    expect(text).toContain('市法援中心为正科级行政机构，内设三个股（室）：业务股、财务股、办公室。我中心共有人员编制数11人，实有人数9人，全部为行政编制。');
  });

  it('六（一）1–4 in the seed’s words, each followed by what the point scored', async () => {
    const text = await textOf(seedModel());
    expect(text).toContain('1、本年预算配置控制较好，财政供养人员控制在预算编制以内,三公经费控制得较好。共3项指标');
    expect(text).toContain('2、预算执行方面，支出总额控制在预算总额以内，年中追加了专项预算和政策性工资绩效预算；');
    expect(text).toContain('3、预算管理方面，制度执行总体较好，仍需进一步强化；资金使用管理需进一步加强。共5项指标');
    expect(text).toContain('4、资产管理方面，建立了资产管理制度，做好了资产台账，加强了对资产的管理。8月进行了全面的资产清查工作');
    expect(text).not.toContain('预算执行方面，预算执行方面');
  });

  it('the generated default (taken or never answered) prints the generated wording, never the marker', async () => {
    for (const value of [GENERATED, undefined]) {
      const m = seedModel();
      for (const k of OWN_KEYS) {
        if (value === undefined) delete m.values[k];
        else m.values[k] = value;
      }
      const text = await textOf(m);
      expect(text).not.toContain(GENERATED);
      expect(text).toContain('本中心为正科级行政机构，内设三个机构：业务股、财务股、办公室。我中心共有人员编制数11人，实有人数9人，编制类型为行政编制。');
      expect(text).toContain('1、预算配置方面，共3项指标，得15.00分（满分15.00分）。各项指标均得满分。');
    }
  });

  it('a generated point follows the figures after the default was taken', async () => {
    const m = seedModel();
    m.values['narrative.execution'] = GENERATED;
    expect(await textOf(m)).toContain('预算调整率得1.00分（满分3.00分）');
    m.values['budget.adjustment'] = 0;
    const after = await textOf(m);
    expect(after).not.toContain('预算调整率得1.00分');
    expect(after).toMatch(/2、预算执行方面，共4项指标，得[\d.]+分（满分15.00分）。/);
  });
});
