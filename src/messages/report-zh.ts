/**
 * The wording of the generated report (sentences that state figures, headings, table labels).
 * The unit's own words are never here: they are inserted verbatim from its answers.
 */

export const MISSING = '（未填）';

export const rz = {
  title: (year: string, unit: string) => [`${year}年度${unit}`, '单位整体支出绩效自评报告'],
  headings: {
    s1: '一、部门（单位）基本情况',
    s2: '二、一般公共预算支出情况',
    s2a: '（一）基本支出情况',
    s2b: '（二）项目支出情况',
    s2b1: '1、专项资金安排落实、总投入等情况分析',
    s2b2: '2、专项资金实际使用情况分析',
    s2b3: '3、专项资金管理情况分析',
    s3: '三、政府性基金预算支出情况',
    s4: '四、国有资本经营预算支出情况',
    s5: '五、社会保险基金预算支出情况',
    s6: '六、部门整体支出绩效情况',
    s6a: '（一）经济性评价方面',
    s6b: '（二）效率性评价和有效性评价',
    s6c: '（三）社会公众满意度评价',
    s7: '七、存在的问题及原因分析',
    s8: '八、下一步改进措施',
    s9: '九、部门整体支出绩效自评结果拟应用和公开情况',
    s10: '十、其他需要说明的情况',
  },
  s1: {
    functions: (unit: string, text: string) => `${unit}主要工作职能：${text}`,
    setup: (self: string, rank: string, nature: string, count: string, departments: string) =>
      `${self}为${rank}${nature}，内设${count}个机构：${departments}。`,
    staff: (self: string, authorized: string, actual: string, type: string) =>
      `${self}共有人员编制数${authorized}人，实有人数${actual}人，编制类型为${type}。`,
  },
  s2a: (year: string, self: string, total: string, personnel: string, personnelUse: string, pub: string, publicUse: string) =>
    `${year}年度${self}基本支出合计${total}万元，使用内容为人员经费和日常公用经费。其中人员经费支出${personnel}万元，${personnelUse}；公用支出${pub}万元，${publicUse}。`,
  s2b: {
    total: (year: string, self: string, total: string, detail: string) => `${year}年度${self}项目支出合计${total}万元（${detail}）。`,
    detail: (kinds: string, amount: string, n: number) => `其中${kinds}，支出金额为${amount}万元，故项目支出绩效自评表有${n}个`,
    kind: (source: string, n: number) => `${source}项目${n}个`,
    none: '无专项资金项目',
    purpose: (text: string) => `专项支出主要用于${text.replace(/[。；;]$/, '')}。`,
  },
  otherFund: {
    none: (self: string, name: string) => `${self}无${name}预算支出`,
    some: (year: string, self: string, name: string, budget: string, executed: string, rate: string) =>
      `${year}年度${self}${name}预算数${budget}万元，执行数${executed}万元，执行率${rate}。`,
  },
  s6: {
    lead: '通过加强预算收支的管理，不断建立健全内部管理制度，梳理内部管理流程，部门整体支出管理情况得到了提升，部门整体支出绩效情况如下：',
    point: (n: number, topic: string, body: string) => `${n}、${topic}方面，${body}`,
    summary: (count: number, points: string, weight: string) => `共${count}项指标，得${points}分（满分${weight}分）。`,
    allFull: '各项指标均得满分。',
    lost: (name: string, points: string, weight: string, reason: string) => `${name}得${points}分（满分${weight}分），${reason}。`,
    pending: (names: string) => `${names}数据尚未填写，暂未计分。`,
    score: (self: string, year: string, score: string, grade: string) =>
      `根据部门整体支出绩效评价指标体系，${self}${year}年度部门整体支出绩效自评得分${score}分，等级为“${grade}”。`,
    provisional: (self: string, year: string, score: string, reachable: string) =>
      `根据部门整体支出绩效评价指标体系，${self}${year}年度部门整体支出绩效自评暂得${score}分（尚有指标数据未填写，最高可得${reachable}分，详见“十、其他需要说明的情况”）。`,
    topics: ['预算配置', '预算执行', '预算管理', '资产管理', '社会效益指标'] as const,
  },
  s10: {
    missingHead: '以下数据尚未填写，报告中相应位置标为“（未填）”：',
    missingItem: (n: number, where: string, label: string) => `${n}. ${where}${label}`,
    none: '无',
  },
  attachmentsHead: '报告需要以下附件：',
  attachments: [
    '部门整体支出绩效评价基础数据表',
    '部门整体支出绩效自评表',
    '项目支出绩效自评表（一个一级项目支出一张表）',
    '政府性基金预算支出情况表',
    '国有资本经营预算支出情况表',
    '社会保险基金预算支出情况表',
  ] as const,
  none: '无',
  noneSuffix: '（无）',
  /** Self-reference of the unit, e.g. 岳阳市法律援助中心 → 我中心, 某某局 → 我局. */
  selfSuffixes: ['中心', '学校', '局', '委', '办', '院', '所', '站', '馆', '校', '会', '处', '队', '厅', '室'] as const,
  selfFallback: '我单位',
  a1: {
    unitName: '预算单位名称',
    staffHead: '财政供养人员情况（人）',
    authorized: '编制数',
    actual: (y: string) => `${y}年实际在职人数`,
    controlRate: '控制率',
    fundsHead: '经费控制情况（万元）',
    prior: (y: string) => `${y}年决算数`,
    budget: (y: string) => `${y}年预算数`,
    final: (y: string) => `${y}年决算数`,
    sanGong: '三公经费（=1+2+3）',
    car: '1、公务用车购置和维护经费',
    carPurchase: '其中：公车购置',
    carRunning: '　　　公车运行维护',
    abroad: '2、出国经费',
    reception: '3、公务接待',
    project: '项目支出（=1+2+3）',
    business: '1、业务工作经费',
    city: '2、市级专项资金',
    transfer: '3、上级转移支付',
    public: '公用经费',
    office: '其中：办公经费',
    utilities: '　　　水费、电费、差旅费',
    meeting: '　　　会议费、培训费',
    procurement: '政府采购金额',
    basicAdjust: '部门基本支出预算调整',
    buildingHead: '楼堂馆所控制情况',
    buildingCols: ['批复规模（㎡）', '实际规模（㎡）', '规模控制率', '预算投资（万元）', '实际投资（万元）', '投资概算控制率'],
    noBuilding: '本年度无楼堂馆所项目',
    saving: '厉行节约保障措施',
  },
  a2: {
    fundsCols: ['年初预算数（万元）', '全年预算数（万元）', '全年执行数（万元）', '执行率'],
    cols: ['一级指标', '二级指标', '三级指标', '评分标准', '分值', '得分', '扣分原因/说明'],
    total: '合计',
    grade: '等级',
    provisional: '（暂估）',
  },
  a3: {
    name: '项目名称',
    department: '主管部门',
    implementer: '实施单位',
    fundsCols: ['项目资金（万元）', '年初预算数', '全年预算数（A）', '全年执行数（B）', '分值', '执行率（B/A）', '得分'],
    fundRows: ['年度资金总额', '其中：当年财政拨款', '　　　上年结转资金', '　　　其他资金'],
    goalHead: '年度总体目标',
    goalCols: ['预期目标', '实际完成情况'],
    indicatorCols: ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    total: '总分',
    qualitative: '定性',
  },
  a4: { cols: ['项目', '预算数（万元）', '执行数（万元）', '执行率', '主要用途'] },
};
