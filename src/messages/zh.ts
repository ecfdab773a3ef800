/**
 * Every user-visible sentence, in one place, so wording can be fixed without touching logic.
 * Functions take already formatted figures (see src/report/format.ts).
 */

export const zh = {
  ruleSet: {
    unreadable: (file: string, why: string) => `无法读取评分规则集文件 ${file}：${why}。请检查文件路径和 YAML/JSON 格式。`,
    notFound: (id: string, known: string[]) =>
      `找不到评分规则集「${id}」。可用的规则集：${known.join('、') || '（无）'}。`,
    invalid: (id: string, problems: string[]) =>
      `评分规则集「${id}」有 ${problems.length} 处错误，已拒绝加载，请修改后重试：\n- ${problems.join('\n- ')}`,
    top: (path: string, problem: string) => `规则集 ${path}：${problem}`,
    indicator: (name: string, id: string, problem: string) => `指标「${name}」（${id}）：${problem}`,
    missingProp: (prop: string) => `缺少 ${prop}`,
    badProp: (prop: string, detail: string) => `${prop} 不正确（${detail}）`,
    unknownRuleType: (type: string, known: string[]) => `未知的评分规则类型「${type}」，可用类型：${known.join('、')}`,
    unknownField: (key: string) => `引用的字段「${key}」不在字段目录中`,
    needsZeroDenominator: () => `按比率计算，必须写明分母为 0 时的处理规则 zeroDenominator`,
    checklistSum: (sum: string, weight: string) => `清单各项分值合计 ${sum}，与指标分值 ${weight} 不一致`,
    pointsOverWeight: (what: string, points: string, weight: string) => `${what} ${points} 分超过指标分值 ${weight} 分`,
    duplicateId: () => `指标编号重复`,
    nodeSum: (name: string, sum: string, weight: string) => `「${name}」下级分值合计 ${sum}，与其分值 ${weight} 不一致`,
    totalSum: (sum: string) => `一级指标分值合计 ${sum}，应为 100`,
    projectSum: (sum: string) => `项目支出评分：预算执行分值与各指标组分值合计 ${sum}，应为 100`,
    gradesOrder: () => `等级 grades 须按分数线从高到低排列，最后一档分数线为 0`,
  },

  dataset: {
    unreadable: (file: string, why: string) => `无法读取数据文件 ${file}：${why}。请检查文件路径和格式。`,
    invalid: (problems: string[]) => `数据文件有 ${problems.length} 处错误，请修改后重试：\n- ${problems.join('\n- ')}`,
    unknownField: (key: string, where: string) => `${where}未知字段「${key}」，字段目录中没有这一项`,
    wrongKind: (label: string, where: string, expected: string, got: string) =>
      `${where}「${label}」应为${expected}，实际是 ${got}`,
    outOfBounds: (label: string, where: string, value: string, min: string, max: string) =>
      `${where}「${label}」为 ${value}，超出允许范围 ${min} ~ ${max}`,
    notAChoice: (label: string, where: string, value: string, choices: readonly string[]) =>
      `${where}「${label}」为「${value}」，只能是：${choices.join(' / ')}`,
    notAnObject: (where: string) => `${where}应为一组“字段: 值”`,
    kindNames: {
      money: '金额数字（万元）',
      integer: '整数',
      number: '数字',
      percent: '百分数（0~100 的数字）',
      area: '面积数字（㎡）',
      text: '文字',
      longtext: '文字',
      choice: '选项文字',
      boolean: '是/否（true 或 false）',
    } as Record<string, string>,
  },

  checks: {
    sum: (parts: string, sum: string, totalLabel: string, total: string, diff: string) =>
      `${parts} = ${sum}，与${totalLabel} ${total} 相差 ${diff}，请核对。`,
    partsExceed: (parts: string, sum: string, totalLabel: string, total: string) =>
      `其中项 ${parts} 合计 ${sum}，超过${totalLabel} ${total}，请核对。`,
    notGreater: (aLabel: string, a: string, bLabel: string, b: string, hint: string) =>
      `${aLabel} ${a} 大于${bLabel} ${b}${hint}，请核对。`,
    overStaff: '，超编人员须说明原因',
    overBudget: '，超预算支出须说明原因',
    period: (label: string, period: string) => `${label}（${period}）`,
    projectWeights: (project: string, group: string, sum: string, weight: string) =>
      `${project}：${group}各指标分值合计 ${sum}，应为 ${weight} 分，请调整该组指标分值。`,
    projectLevel1: (project: string, row: number, level1: string, known: string[]) =>
      `${project}：第 ${row} 个指标的一级指标「${level1}」不在评分规则的指标组中（${known.join('、')}）。`,
  },

  scoring: {
    fullMarks: '得满分',
    noDeduction: '未扣分',
    ratio: (num: string, den: string, value: string) => `${num} ÷ ${den} = ${value}`,
    change: (cur: string, prev: string, value: string) => `（${cur} − ${prev}）÷ ${prev} = ${value}`,
    capOk: (value: string, cap: string) => `${value} ≤ ${cap}，得满分`,
    capOver: (value: string, cap: string, steps: string, per: string, deduct: string) =>
      `${value} 超过 ${cap}，按 ${steps} 个百分点 × ${per} 分扣 ${deduct} 分`,
    capReason: (name: string, value: string, cap: string, deduct: string) =>
      `${name}为 ${value}，超过 ${cap}，扣 ${deduct} 分`,
    bandHit: (value: string, band: string, points: string) => `${value} 属于「${band}」，得 ${points} 分`,
    bandReason: (name: string, value: string, band: string, lost: string) =>
      `${name}为 ${value}（${band}），扣 ${lost} 分`,
    bandOtherwise: '其他情形',
    stepOk: (value: string, target: string, step: string) => `${value} 距 ${target} 不足一档（${step}），得满分`,
    stepBelow: (value: string, target: string, steps: string, step: string, per: string, deduct: string) =>
      `${value} 低于 ${target} 满 ${steps} 档（每档 ${step}），每档扣 ${per} 分，共扣 ${deduct} 分`,
    stepReason: (name: string, value: string, deduct: string) => `${name}为 ${value}，扣 ${deduct} 分`,
    caseHit: (value: string, label: string, points: string) => `${value}：${label}，得 ${points} 分`,
    caseReason: (name: string, label: string, lost: string) => `${name}：${label}，扣 ${lost} 分`,
    occurrence: (label: string, n: string, per: string, deduct: string) => `${label} ${n} × ${per} 分 = 扣 ${deduct} 分`,
    occurrenceReason: (label: string, n: string, deduct: string) => `${label} ${n}，扣 ${deduct} 分`,
    checklist: (hit: string[], missed: string[]) =>
      [hit.length ? `符合：${hit.join('；')}` : '', missed.length ? `不符合：${missed.join('；')}` : '']
        .filter(Boolean)
        .join('；'),
    checklistReason: (missed: string[]) => `未达到：${missed.join('；')}`,
    proportional: (value: string, target: string, share: string) =>
      `${value} ÷ 目标 ${target} = ${share}（超过 100% 按 100% 计）`,
    proportionalReason: (name: string, value: string, target: string) => `${name}为 ${value}，未达到 ${target}`,
    targets: (count: number, mean: string) => `${count} 项目标的平均完成程度 ${mean}`,
    targetLine: (name: string, text: string) => `${name}：${text}`,
    targetsReason: (names: string[]) => `未完全达成的目标：${names.join('、')}`,
    noTargets: (categories: string) => `年度绩效目标中没有「${categories}」类目标`,
    missingTargets: (categories: string) => `年度绩效目标（${categories}类）`,
    achievementGe: (actual: string, target: string, share: string) => `实际 ${actual} / 目标 ${target} = ${share}`,
    achievementLe: (actual: string, target: string, share: string) =>
      `实际 ${actual}，目标 ≤ ${target}，完成程度 ${share}`,
    achievementEq: (actual: string, target: string, share: string) =>
      `实际 ${actual}，目标 = ${target}，完成程度 ${share}`,
    achievementQualitative: (level: string, share: string) => `定性评价「${level}」，按 ${share} 计`,
    levelOutOfBand: (level: string, pct: string, band: string) =>
      `「${level}」的得分比例 ${pct} 不在 ${band} 区间内，已按区间边界计`,
    overAchievement: (name: string, share: string) => `「${name}」完成 ${share}，指标值设定可能偏低`,
    qualitative: (label: string, level: string, share: string) => `${label}：${level}，按 ${share} 计`,
    qualitativeReason: (label: string, level: string) => `${label}为「${level}」`,
    notApplicable: (reason: string) => `不适用：${reason}，按满分计`,
    manual: (score: string, reason: string) => `人工评分 ${score} 分（${reason}）`,
    manualMissing: (name: string) => `「${name}」的人工评分及理由`,
    manualOverWeight: (score: string, weight: string) => `人工评分 ${score} 超过分值 ${weight}，按 ${weight} 计`,
    zeroDenominator: (den: string, reason: string) => `${den}为 0：${reason}`,
    projectExecution: (b: string, a: string, share: string) => `全年执行数 ${b} ÷ 全年预算数 ${a} = ${share}`,
    projectZeroBudget: '全年预算数为 0，无法计算执行率，预算执行不得分',
    pending: '待填',
  },

  store: {
    urlInvalid: (url: string) =>
      `DATABASE_URL「${url}」无法识别：请写成 file:./data/jixiao.db（内置 SQLite）或 postgresql://用户@主机:端口/库名（PostgreSQL）。`,
    unreachable: (where: string, why: string) => `无法连接 PostgreSQL（${where}）：${why}。请确认数据库已启动、地址和账号正确后重启。`,
    migrationModified: (name: string) =>
      `数据库迁移「${name}」在应用后被修改（校验和不一致）。请恢复 prisma 目录中该迁移的原始内容；要改表结构，请新增一个迁移。`,
    migrationFailed: (name: string) => `数据库迁移「${name}」上次执行未完成。请检查数据库后删除 _prisma_migrations 中该行再重启。`,
    migrationUnknown: (name: string) => `数据库中已应用的迁移「${name}」在本程序中不存在：数据库可能属于更新版本的程序，请升级程序后再启动。`,
    staleWrite: (labels: string[]) => `${labels.join('、')} 刚被其他同事修改过，您的修改未保存。请先查看最新内容，再决定是否修改。`,
    reportNotFound: '找不到这份报告，请重新选择年度。',
    forbidden: '您没有权限进行这项操作，请联系本单位管理员。',
    inviteInvalid: '邀请码无效、已使用或已过期，请向本单位管理员索取新的邀请码。',
  },

  grade: {
    provisional: '暂估',
  },

  cli: {
    usage: '用法：npm run score -- <数据文件.yaml|json> [--rules <规则集文件>]',
    title: (unit: string, year: string, ruleSet: string) => `${year}年度${unit} 部门整体支出绩效自评得分（规则集：${ruleSet}）`,
    header: ['一级指标', '二级指标', '三级指标', '得分/分值', '说明'] as const,
    level1Line: (name: string, points: string, weight: string) => `${name}：${points}/${weight}`,
    total: (points: string, grade: string) => `总分：${points} 分　等级：${grade}`,
    provisional: (certain: string, reachable: string, missing: number) =>
      `暂估：已确定 ${certain} 分，最高可达 ${reachable} 分；尚缺 ${missing} 项数据`,
    missingHeader: '尚缺的数据：',
    checksHeader: (n: number) => `数据核对提示（${n} 条）：`,
    checksNone: '数据核对：未发现不一致。',
    projectsHeader: '项目支出绩效自评：',
    projectLine: (name: string, points: string, grade: string) => `${name}：${points} 分（${grade}）`,
    flagsHeader: '提示：',
  },
} as const;
