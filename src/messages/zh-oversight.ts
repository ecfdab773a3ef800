/**
 * Oversight (issue 28): 财政局 and 主管部门 above the units, their chat commands, the 汇总 and
 * 汇总表, and the reviewer's warnings. Spread into `zh` (zh.ts).
 */
const KINDS = { finance: '财政局', department: '主管部门' } as const;
const ROLES = { admin: '管理员', viewer: '查看员' } as const;

export const zhOversight = {
  oversight: {
    kinds: KINDS,
    roles: ROLES,
    nameInvalid: '机构名称请写 1–60 个字，例如：创建财政局 岳阳市财政局',
    adminOnly: '只有监管机构（财政局或主管部门）的管理员可以这样做。',
    unitAdminOnly: '只有本单位的管理员可以关联或取消关联监管机构。',
    codeInvalid: '关联码或邀请码无效或已过期，请向财政局或主管部门索取新的。',
    alreadyLinked: (org: string, kind: string) => `本单位已关联${kind}「${org}」。一个单位只能关联一个${kind}；如需更换，请先发送「取消关联 ${kind}」。`,
    notMember: '您还不是任何财政局或主管部门的成员。财政局或主管部门的同志可以发送「创建财政局 名称」或「创建主管部门 名称」开始使用，或发送「加入 邀请码」加入已有机构。',
    help: [
      '财政局、主管部门可用的命令：',
      '汇总 / 汇总 2024：各单位进度、暂估分、等级、缺项和审核提示',
      '单位 名称：该单位的得分明细和缺项',
      '下载 名称：该单位最新生成的 Word 报告',
      '汇总表：Excel 汇总表（每个指标一列）',
      '后台：网页后台的登录链接（10 分钟内有效，仅限本人使用一次）',
      '截止 2025-03-31：设定截止日期（管理员），到期前提醒未完成的单位',
      '关联码 / 邀请查看员 / 邀请机构管理员：给单位的关联码、给同事的邀请码（管理员）',
    ].join('\n'),
    noUnitForLink: '请先创建或加入一个单位，再由单位管理员发送「关联 关联码」。',
    created: (name: string, kind: string) =>
      `已创建${kind}「${name}」，您是管理员。\n下一步：发送「关联码」取得给各单位的关联码；发送「邀请查看员」或「邀请机构管理员」邀请同事。各单位关联后，发送「汇总」查看进度和得分。`,
    linkCode: (org: string, code: string, days: number) =>
      `「${org}」的关联码：${code}（${days} 天内有效，可供多个单位使用）\n请各单位管理员向本机器人发送「关联 ${code}」。关联后本机构可以查看该单位的报告、得分和文档，但不能修改。`,
    memberCode: (org: string, code: string, role: string, days: number) => `「${org}」的邀请码：${code}（${role}，${days} 天内有效，仅限一人使用）\n请同事向本机器人发送「加入 ${code}」。`,
    joined: (org: string, kind: string, role: string) => `已加入${kind}「${org}」，角色：${role}。发送「汇总」查看各单位进度和得分。`,
    linked: (unit: string, org: string, kind: string) => `「${unit}」已关联${kind}「${org}」。对方可以查看本单位的报告、得分和文档，不能修改；如需取消，发送「取消关联 ${kind}」。`,
    unlinked: (unit: string, org: string) => `「${unit}」已取消与「${org}」的关联，对方即时不能再查看本单位的报告。`,
    notLinked: (kind: string) => `本单位没有关联${kind}。`,
    unknownUnit: (name: string) => `没有找到您可以查看的单位「${name}」。发送「汇总」查看已关联的单位。`,
    ambiguousUnit: (name: string, names: string[]) => `「${name}」对应多个单位：${names.join('、')}。请写出完整名称。`,
    noUnits: '还没有单位关联到您的机构。请把「关联码」发给各单位管理员，由他们发送「关联 关联码」。',
    noReport: (unit: string) => `「${unit}」还没有开始填写报告。`,
    noFile: (unit: string, year: number) => `「${unit}」${year}年度的报告还没有生成过文档。`,
    file: (unit: string, year: number, fileName: string) => `「${unit}」${year}年度报告的最新文档：${fileName}`,
    sheet: (fileName: string, units: number) => `汇总表：${fileName}（${units} 个单位，每个指标一列）`,
    summaryHead: (orgs: string, units: number, year?: number) => `【${orgs}汇总${year ? ` · ${year}年度` : ''}】共 ${units} 个单位，按需关注程度排列：`,
    summaryLine: (n: number, unit: string, year: string, progress: string, score: string, grade: string, missing: number, last: string) =>
      `${n}. ${unit}｜${year}｜进度 ${progress}｜暂估 ${score} 分 ${grade}｜缺 ${missing} 项｜最近 ${last}`,
    summaryNoReport: (n: number, unit: string) => `${n}. ${unit}｜尚未开始填写`,
    summaryFlags: (messages: string[]) => `   ⚠ ${messages.join('；')}`,
    summaryMore: (n: number) => `……另有 ${n} 个单位，发送「汇总」查看全部。`,
    summaryFoot: '发送「单位 名称」看某单位的得分和缺项，「下载 名称」取其最新文档，「汇总表」取 Excel 汇总表。',
    unitHead: (unit: string, year: number, progress: string, last: string) => `【${unit} · ${year}年度】进度 ${progress}，最近填写 ${last}`,
    unitMissing: (n: number, list: string) => `缺项 ${n} 项：${list}`,
    unitFlagsHead: '审核提示：',
    never: '无',
    sheetTitle: '汇总',
    sheetHeaders: { unit: '单位', year: '年度', progress: '进度', missing: '缺项数', total: '总分', grade: '等级', complete: '是否完整', flags: '审核提示', last: '最近填写' },
    deadlineSet: (org: string, year: number, due: string) => `已设定「${org}」${year}年度自评报告的截止日期：${due}。截止前 7 天和 2 天，未完成的单位会收到提醒；管理员每周收到一次汇总。`,
    deadlineBad: '截止日期请写成「截止 2025-03-31」（可加年度：「截止 2025-03-31 2024年度」）。',
    deadlinePast: (due: string) => `截止日期 ${due} 已经过去，请写一个今天以后的日期。`,
    reminder: (unit: string, year: number, due: string, days: number) =>
      `【提醒】「${unit}」${year}年度绩效自评报告将于 ${due} 截止（${days === 0 ? '今天截止' : `还有 ${days} 天`}）。`,
    reminderNotStarted: '报告还没有开始填写：发送「继续」开始。',
    reminderScore: (score: string, grade: string, missing: number) => `当前暂估 ${score} 分（${grade}），还缺 ${missing} 项。`,
    reminderMissing: (list: string) => `缺：${list}
发送「继续」接着填写。`,
    digestHead: '【每周汇总】',
    yes: '是',
    no: '否',
    flags: {
      highScoreLowExecution: (score: string, rate: string) => `自评 ${score} 分，但预算执行率只有 ${rate}（低于 90%）`,
      targetsFullNoActuals: (where: string, n: number) => `${where}的 ${n} 个指标全部按满分评价，但一个实际完成值也没有填写`,
      unitTargets: '年度整体绩效目标',
      projectTargets: (name: string) => `专项「${name}」`,
      projectLowExecution: (name: string, rate: string) => `专项「${name}」预算执行率只有 ${rate}（低于 60%）`,
      sanGongUp: (actual: string, prior: string) => `三公经费比上年增加：本年决算 ${actual} 万元，上年决算 ${prior} 万元`,
      checksFailing: (n: number) => `还有 ${n} 项数据校验未通过（发送「生成报告」可见明细）`,
      head: (n: number) => `财政审核可能提出的 ${n} 个问题：`,
    },
  },
};
