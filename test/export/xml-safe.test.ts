import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildReport, reportFileName } from '../../src/export/document.js';
import { xmlSafe, xmlSafeDeep } from '../../src/export/xml-safe.js';
import { deepFreeze } from '../../src/report/deep-freeze.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { documentText } from '../helpers/docx.js';
import { seedModel } from '../helpers/rulesets.js';
import { FORBIDDEN, illFormedParts } from './xml-check.js';

const ref = loadRuleSet('yueyang-reference');
/** Each character XML 1.0 forbids that a user can type or paste: U+FFFE, U+FFFF, a C0 control, a lone surrogate. */
const BAD = 'A\ufffeB\uffffC\u0001D\ud800E';

describe('characters XML 1.0 forbids never reach a DOCX part', () => {
  it('xmlSafe drops controls, U+FFFE and U+FFFF, replaces a lone surrogate, keeps tab, newline, pairs and CJK', () => {
    expect(xmlSafe(BAD)).toBe('ABCD\ufffdE');
    expect(xmlSafe('\udc00x\ud83d')).toBe('\ufffdx\ufffd');
    const fine = '一\t二\n三\r😀 <&>';
    expect(xmlSafe(fine)).toBe(fine);
  });

  it('xmlSafeDeep copies only what changes and leaves a frozen model untouched', () => {
    const m = deepFreeze(seedModel());
    expect(xmlSafeDeep(m)).toBe(m);
    const dirty = seedModel();
    dirty.groups.special![1]!.values['special.name'] = BAD;
    const clean = xmlSafeDeep(deepFreeze(dirty));
    expect(clean.groups.special![1]!.values['special.name']).toBe('ABCD\ufffdE');
    expect(dirty.groups.special![1]!.values['special.name']).toBe(BAD);
    expect(clean.groups.special![0]).toBe(dirty.groups.special![0]); // untouched item shared
    expect(clean.values).toBe(dirty.values);
  });

  it('a unit name, a text field, project and indicator names with U+FFFE, U+FFFF, U+0001 and a lone surrogate: every XML part is well-formed', async () => {
    const m = seedModel();
    m.values['unit.name'] = `岳阳市${BAD}中心`;
    m.values['narrative.problems'] = `问题${BAD}结束`;
    m.values['basic.personnelUse'] = `用途${BAD}`;
    m.groups.special![0]!.values['special.name'] = `项目${BAD}名称`;
    m.groups.special![0]!.children.specialIndicator![0]!.values['specialIndicator.name'] = `指标${BAD}`;
    delete m.groups.special![1]!.values['special.budgetFull']; // listed under 十 with the project's name
    m.groups.special![1]!.values['special.name'] = `第二${BAD}`;
    const built = await buildReport(m, scoreReport(m, ref), { createdAt: new Date('2025-03-01T08:00:00Z') });

    expect(illFormedParts(built.content)).toEqual([]);
    const core = new TextDecoder().decode(unzipSync(built.content)['docProps/core.xml']);
    expect(core).toContain('<dc:title>2024年度岳阳市ABCD\ufffdE中心单位整体支出绩效自评报告</dc:title>');
    const text = documentText(built.content);
    for (const s of ['岳阳市ABCD\ufffdE中心', '问题ABCD\ufffdE结束', '项目ABCD\ufffdE名称', '指标ABCD\ufffdE', '专项资金项目2「第二ABCD\ufffdE」']) expect(text).toContain(s);
    expect(built.fileName).toBe('2024年度岳阳市ABCD\ufffdE中心单位整体支出绩效自评报告.docx');
    expect(built.missing.map((x) => x.where ?? '').join()).not.toMatch(FORBIDDEN);
  });

  it('a long unit name is cut for the title without splitting a surrogate pair', async () => {
    const m = seedModel();
    m.values['unit.name'] = `${'单'.repeat(79)}😀${'位'.repeat(10)}`;
    expect(reportFileName(m)).toBe(`2024年度${'单'.repeat(79)}😀单位整体支出绩效自评报告.docx`);
    const built = await buildReport(m, scoreReport(m, ref), { createdAt: new Date('2025-03-01T08:00:00Z') });
    expect(illFormedParts(built.content)).toEqual([]);
  });
});
