/**
 * Every user-visible sentence, in one catalogue (this file, and zh-files.ts for files and imports),
 * so wording can be fixed without touching logic.
 * Functions take already formatted figures (see src/report/format.ts).
 */

import { zhFiles } from './zh-files.js';
import { zhLeader } from './zh-leader.js';
import { zhWecomApp } from './zh-wecom-app.js';
import { zhClerk } from './zh-clerk.js';
import { zhRules } from './zh-rules.js';
import { zhWhatIf } from './zh-whatif.js';
import { zhWeighted } from './zh-weighted.js';
import { zhOversight } from './zh-oversight.js';
import { zhScore } from './zh-score.js';
import { zhRows } from './zh-rows.js';
import { zhLists } from './zh-lists.js';
import { zhAdmin } from './zh-admin.js';
import { zhBuilds } from './zh-builds.js';

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
    duplicateId: (id: string) => `编号「${id}」用了不止一次，请给每个项目一个不同的 id`,
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
    inviteTooManyTries: (minutes: number) =>
      `邀请码输错次数过多，请 ${minutes} 分钟后再试。请核对管理员发给您的 8 位邀请码，或请管理员回复「邀请」生成新的邀请码。`,
  },

  grade: {
    provisional: '暂估',
  },

  wecom: {
    unsupported: '暂时只能处理文字和语音消息。请直接输入文字，或回复「帮助」。',
    failed: '服务暂时繁忙，您刚才这条消息没有保存。请稍后再发一次。',
    chooseTitle: '请选择',
    chosen: (key: string) => `已选择：${key}`,
    expiredCard: '已过期',
    replacedLog: '企业微信智能机器人：另一个连接接管了本机器人（disconnected_event），本实例不再接收消息',
    /** A click on a card of an earlier question (or one sent to someone else): nothing is stored. */
    expired: '这个选项已过期（它属于之前的问题），没有保存。当前的问题是：',
    /** No proactive message is left for today: the click is not taken, the person types instead. */
    typeInstead: (key: string) => `请直接输入「${key.slice(0, 12)}」`,
    /** The file could not be pushed (quota, network): it stays available. */
    fileNotSent: (name: string) => `文件「${name}」这次没有发出（企业微信拒绝了主动发送，可能已达今日发送上限）。报告已保存，请稍后回复「下载报告」重新发送。`,
    noReportFile: '还没有生成过报告文件。请回复「生成报告」。',
    resent: (name: string) => `重新发送报告：${name}`,
    tooLarge: '回调内容超过 64 KB。',
    timeout: '回调内容接收超时。',
    stopping: '服务正在重启，请稍后重试。',
    badXml: '回调内容不是有效的 XML。',
    badSignature: '签名校验失败。',
    stale: '时间戳已过期。',
    badCipher: '密文无法解密，请检查 EncodingAESKey。',
    wrongCorp: '消息不属于本企业（CorpID 不符）。',
  },

  web: {
    badUser: '请先输入您的名字（1–32 个字，可用中文、字母、数字）。',
    badText: '消息须为文字，且不超过 10000 字。',
    notJson: '请求内容不是有效的 JSON。',
    tooLarge: '请求内容太大。',
    noFile: '找不到这个文件，或您无权下载。',
    fileExpired: (days: number) => `下载链接已过期（有效期 ${days} 天）。请在对话中回复「生成报告」重新生成。`,
    internal: '服务出错了，请稍后再试。',
  },

  server: {
    listening: (url: string, webChat: boolean) => `绩效自评助手已启动：${url} （${webChat ? '网页聊天 /，' : '网页聊天已关闭，'}健康检查 /healthz）`,
    wecomBotOn: '企业微信智能机器人：长连接已启用',
    wecomAppOn: (url: string) => `企业微信自建应用：回调路径 /wecom/callback（本机 ${url}wecom/callback；对外请经 HTTPS 反向代理提供）`,
    webChatExposed: (address: string) =>
      `【安全警告】网页聊天已开启，且服务监听在 ${address}（不只本机）。网页聊天没有登录：任何能访问此端口的人输入名字即可冒充任何用户。请在前面加登录（如带认证的反向代理），或设置 WEB_CHAT=off 关闭网页聊天，或不设置 HOST（只监听 127.0.0.1）。`,
    wecomBot: '企业微信智能机器人',
    wecomApp: '企业微信自建应用',
    wecomIncomplete: (channel: string, missing: readonly string[]) => `${channel}配置不完整（缺少 ${missing.join('、')}），该渠道未启用。`,
    aborted: (method: string, path: string, address: string, timedOut: boolean) =>
      `请求中断：${method} ${path}（来自 ${address}），${timedOut ? '请求未在时限内发送完，已断开连接' : '客户端在请求发送完之前断开'}。`,
    refused: (address: string, max: number) => `来自 ${address} 的连接超过 ${max} 个，多出的连接已被拒绝。`,
  },

  answer: {
    notANumber: (label: string, example: string) => `「${label}」需要填数字，例如 ${example}。`,
    scientific: (example: string) => `请不要用科学计数法，直接写数字，例如 ${example}。`,
    tooLarge: (label: string) => `「${label}」的数字太大了，请检查是否多打了几位。`,
    ambiguousUnit: (raw: string, label: string, asWan: string) =>
      `「${raw}」没有写单位：按万元是 ${asWan}，数额过大。如果单位是元，请输入 ${raw}元；如果确实是万元，请输入 ${raw}万元。`,
    wrongUnit: (label: string, unit: string, example: string) => `「${label}」的单位是${unit}，请按${unit}填写，例如 ${example}。`,
    negative: (label: string) => `「${label}」不能为负数。没有请填 0。`,
    notInteger: (label: string, unit: string) => `「${label}」须为整数（${unit || '个'}），例如 9。`,
    percentOver: (label: string) => `「${label}」是百分比，不能超过 100%，例如 81.82%。`,
    outOfRange: (label: string, min: string, max: string) => `「${label}」应在 ${min} 到 ${max} 之间。`,
    empty: (label: string) => `没有收到内容。请输入「${label}」，或回复「跳过」。`,
    noText: (label: string) => `「${label}」需要文字内容，请重新输入。`,
    tooLong: (label: string, max: number) => `「${label}」最多 ${max} 个字，请精简后再发。`,
    tooManyLines: (label: string, max: number) => `「${label}」最多 ${max} 段，请把内容合并成较少的段落后再发。`,
    notAChoice: (label: string, options: string) => `「${label}」请从以下选项中选择（回复序号或文字）：${options}`,
    examples: { money: '174.28 或 174.28万元 或 1742800元', integer: '9', percent: '81.82%', area: '1200', number: '3260', score: '4.5' } as Record<string, string>,
  },

  dialog: {
    welcomeNew:
      '您好，我是绩效自评助手，帮您填写《部门（单位）整体支出绩效自评报告》：一问一答，随时可问“现在多少分”，最后生成 Word 文档。\n请选择：',
    startChoices: ['创建单位', '加入单位'] as const,
    askUnitName: '请输入单位全称，例如：岳阳市法律援助中心',
    askUnitRank: '请选择机构级别：',
    askJoinCode: '请输入管理员给您的 8 位邀请码，例如：加入 ABCD2345',
    unitCreated: (name: string) => `已创建单位「${name}」，您是本单位管理员。回复「邀请」可生成邀请码请同事加入。`,
    joined: (name: string, role: string) => `已加入「${name}」，角色：${role}。`,
    askYear: (def: number) => `请选择自评年度（直接回复「确定」即为 ${def} 年度），例如：${def}`,
    badYear: '年度请写四位数字，例如 2024。',
    reportOpened: (year: number, unit: string, resumed: boolean) =>
      resumed ? `已打开「${unit}」${year}年度的报告，接着上次的地方继续。` : `已为「${unit}」新建${year}年度报告。`,
    invite: (code: string, days: number) => `邀请码：${code}（${days} 天内有效，只能使用一次）。请同事对我发送「加入 ${code}」。`,
    roles: { filler: '填报员', reviewer: '审核人', admin: '管理员' } as Record<string, string>,
    question: (n: number, total: number, section: string, label: string, unit: string) =>
      `【第${n}/${total}项 · ${section}】请输入 ${label}${unit ? `（${unit}）` : ''}`,
    questionChoice: (n: number, total: number, section: string, label: string) => `【第${n}/${total}项 · ${section}】${label}：`,
    where: (where: string) => `（${where}）`,
    hint: (help: string) => `提示：${help}`,
    current: (v: string) => `当前已填：${v}（回复「跳过」保留不变）`,
    defaultOffer: (text: string) => `可回复「用默认」使用标准表述：“${text}”`,
    recorded: (label: string, value: string) => `已记录 ${label} ${value}`,
    recordedMany: (items: string) => `已记录：${items}`,
    unmatched: (items: string) => `没有识别的内容：${items}`,
    live: (name: string, points: string, weight: string, total: string) => `本项 ${name} ${points}/${weight} 分，当前暂估 ${total} 分`,
    liveTotal: (total: string) => `当前暂估 ${total} 分`,
    checksAfterSection: (section: string) => `「${section}」数据核对：`,
    tryOptions: '这一项暂时填不了？可回复「跳过」「稍后再填」或「帮助」。',
    skipped: (label: string) => `已跳过「${label}」，生成报告前可回复「修改 ${label}」补填。`,
    sideQuestion: (label: string, help: string) => `关于「${label}」：${help}`,
    noHelp: '请按提问填写；不清楚时可咨询本单位财务人员。',
    backNone: '已经是第一项了。',
    unknownField: (text: string) => `没有找到名为「${text}」的项目。可回复「查看 预算执行」看各项名称，或直接回复「继续」。`,
    editAsk: (label: string) => `请输入新的 ${label}`,
    readOnly: '您的角色是审核人，只能查看和生成报告，不能修改数据。如需修改请联系本单位管理员。',
    adminOnly: '只有本单位管理员可以这样做。',
    cancelled: '已取消，回到填写。',
    nothingToCancel: '当前没有可取消的操作。',
    nothingToConfirm: '当前没有需要确认的内容。',
    repeated: (label: string) => `「${label}」重复出现，只取第一个值`,
    andMore: (shown: string, more: number) => `${shown} 等（另有 ${more} 处）`,
    allDone: '所有问题都已回答。回复「得分」查看分数，或回复「生成报告」。',
    progressHead: (done: number, total: number) => `填写进度：${done}/${total}`,
    progressLine: (section: string, done: number, total: number) => `${section}：${done}/${total}${done === total ? ' ✓' : ''}`,
    viewHead: (section: string) => `【${section}】`,
    viewLine: (label: string, value: string) => `${label}：${value}`,
    viewUnknown: (sections: string) => `请说明要查看哪一部分：${sections}`,
    notFilled: '（未填）',
    scoreHead: (total: string, grade: string, provisional: boolean, reachable: string) =>
      provisional ? `当前暂估 ${total} 分（${grade}），最高可达 ${reachable} 分` : `自评得分 ${total} 分，等级：${grade}`,
    scoreLevel1: (name: string, points: string, weight: string) => `${name} ${points}/${weight}`,
    scoreLine: (name: string, points: string, weight: string) => `${name} ${points}/${weight}`,
    scoreDeductions: '扣分最多的：',
    scoreDeduction: (name: string, lost: string, reason: string) => `${name} −${lost}：${reason}`,
    scoreMissing: (n: number, list: string) => `尚缺 ${n} 项数据：${list}`,
    groupMore: (label: string, count: number) => `已填 ${count} 个${label}。还要添加${label}吗？`,
    groupFirst: (label: string) => `有没有${label}需要填写？`,
    itemAdded: (label: string, n: number) => `开始填写第 ${n} 个${label}。`,
    itemLimit: (label: string, max: number) =>
      `${label}最多 ${max} 个，已达上限，不能再添加，接着填写后面的内容。确有更多的，请合并填写或先删除不需要的。`,
    itemList: (label: string) => `${label}：`,
    itemLine: (n: number, name: string) => `${n}. ${name}`,
    itemNone: (label: string) => `还没有${label}。`,
    itemDeleteConfirm: (label: string, n: number, name: string) => `确认删除第 ${n} 个${label}「${name}」？回复「确认」删除，回复「取消」保留。`,
    itemDeleted: (label: string, n: number) => `已删除第 ${n} 个${label}。`,
    itemBadNumber: (label: string, count: number) => `没有这个编号。现有 ${count} 个${label}，请回复 1 到 ${count}。`,
    reviewHead: '生成报告前的检查：',
    reviewSection: (section: string, done: number, total: number, missing: string) =>
      `${section} ${done}/${total}${missing ? `，缺：${missing}` : ''}`,
    reviewChecks: (n: number) => `有 ${n} 处数据不一致：`,
    reviewConfirm: '回复「确认生成」生成报告（缺的数据会列在报告“十、其他需要说明的情况”中），或回复「继续」补填。',
    buildFailed: '报告文件没有生成成功（您填写的内容都已保存）。请稍后回复「生成报告」再试一次。',
    generated: (name: string, score: string, grade: string) => `报告已生成：${name}\n自评得分 ${score} 分（${grade}）`,
    noReport: '请先选择单位和年度。',
    help: [
      '可以随时回复：',
      '帮助 · 继续 · 进度 · 得分（现在多少分）',
      '查看 <部分>（如：查看 预算执行）',
      '修改 <项目名>（如：修改 人员经费），或直接：人员经费 改为 160.2',
      '上一步 · 跳过 · 稍后再填 · 用默认',
      '添加项目 · 项目列表 · 删除项目 2 · 添加目标 · 目标列表',
      '一次填多项：编制数 11 实有人数 9 人员经费 160.20万',
      '发文件：去年的自评报告（Word）、填好的模板或决算表（Excel/CSV，20 MB 以内），确认后才保存 · 模板（发给您填报模板）',
      '邀请（管理员） · 加入 <邀请码> · 年度 2024',
      '生成报告 · 取消',
    ].join('\n'),
    unknownCommand: '没听懂这句话。回复「帮助」查看可用的说法，或回复「继续」接着填写。',
    tooLong: (max: number) => `消息太长了（超过 ${max} 字），请分几次发送。`,
    emptyMessage: '没有收到内容。回复「帮助」查看可用的说法。',
    noWords: '只收到了表情或符号，没有文字或数字。请直接输入内容，或回复「帮助」。',
    confirmDeletePrompt: '请回复「确认」删除，或回复「取消」保留。',
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

  ...zhFiles,
  ...zhLeader,
  ...zhWecomApp,
  ...zhClerk,
  ...zhRules,
  ...zhWhatIf,
  ...zhWeighted,
  ...zhOversight,
  ...zhScore,
  ...zhRows,
  ...zhLists,
  ...zhAdmin,
  ...zhBuilds,
} as const;
