import { describe, expect, it } from 'vitest';
import { parseOversight } from '../../src/oversight/commands.js';

describe('oversight commands in chat', () => {
  it('reads the commands of issue 28', () => {
    expect(parseOversight('创建财政局 岳阳市财政局')).toEqual({ kind: 'createOrg', orgKind: 'finance', name: '岳阳市财政局' });
    expect(parseOversight('创建主管部门：岳阳市司法局')).toEqual({ kind: 'createOrg', orgKind: 'department', name: '岳阳市司法局' });
    expect(parseOversight('关联码')).toEqual({ kind: 'linkCode' });
    expect(parseOversight('监管帮助')).toEqual({ kind: 'help' });
    expect(parseOversight('邀请查看员')).toEqual({ kind: 'memberCode', role: 'viewer' });
    expect(parseOversight('邀请机构管理员')).toEqual({ kind: 'memberCode', role: 'admin' });
    expect(parseOversight('关联 abcd2345')).toEqual({ kind: 'link', code: 'ABCD2345' });
    expect(parseOversight('加入 ABCD2345')).toEqual({ kind: 'joinOrg', code: 'ABCD2345' });
    expect(parseOversight('取消关联 财政局')).toEqual({ kind: 'unlink', orgKind: 'finance' });
    expect(parseOversight('汇总')).toEqual({ kind: 'summary' });
    expect(parseOversight('汇总 2024')).toEqual({ kind: 'summary', year: 2024 });
    expect(parseOversight('汇总表')).toEqual({ kind: 'sheet' });
    expect(parseOversight('2024年度汇总表')).toEqual({ kind: 'sheet', year: 2024 });
    expect(parseOversight('单位 岳阳市法律援助中心')).toEqual({ kind: 'unit', name: '岳阳市法律援助中心' });
    expect(parseOversight('下载 岳阳市法律援助中心')).toEqual({ kind: 'download', name: '岳阳市法律援助中心' });
    for (const t of ['后台', '后台登录', '管理后台', ' 后台。']) expect(parseOversight(t), t).toEqual({ kind: 'admin' });
    expect(parseOversight('截止 2025-03-31')).toEqual({ kind: 'deadline', due: '2025-03-31' });
    expect(parseOversight('截止日期：2025年3月31日 2024年度')).toEqual({ kind: 'deadline', due: '2025年3月31日', year: 2024 });
  });

  it('leaves the unit’s own commands and answers alone', () => {
    for (const text of ['下载报告', '下载 报告', '下载模板', '单位性质', '单位名称', '邀请', '邀请管理员', '进度', '汇总了全年的工作', '关联单位较多', '后台服务器']) {
      expect(parseOversight(text), text).toBeUndefined();
    }
  });
});
