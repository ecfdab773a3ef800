/**
 * What a field means, for 「X包括什么 / X是什么 / X怎么填」 (issue 25 item 6): a short definition
 * and an example, by field key (attachment-1 rows by their row key, for all three columns).
 * Sources only: 政府收支分类科目（支出经济分类）, the report outline and indicator definitions of
 * the domain reference (docs: /work/shared/domain/README.md) and the figures of the seed report
 * (岳阳市法律援助中心 2024; where the seed has no figure, the test fixture's, test/fixtures/yueyang-2024.yaml). No rule is invented here; a field without an entry falls back to its
 * catalogue hint.
 */
export interface GlossaryEntry {
  def: string;
  example: string;
}

export const GLOSSARY: Readonly<Record<string, GlossaryEntry>> = {
  'staff.authorized': { def: '机构编制部门核定的财政供养人员编制数，用于计算在职人员控制率（实有人数 ÷ 编制数）。', example: '11' },
  'staff.actual': { def: '年末实际在职的财政供养人数；超过编制数时在职人员控制率超过 100%，会扣分。', example: '9' },
  'budget.initial': { def: '人大批复的年初预算数（万元），是预算调整率的分母。', example: '330.00' },
  'budget.full': { def: '年初预算加上年中追加、调减后的全年预算数（万元）。', example: '365.00' },
  'budget.executed': { def: '全年实际支出（万元），即基本支出合计与项目支出合计之和。', example: '362.56（= 174.28 + 188.28）' },
  'basic.total': { def: '保障机构正常运转、完成日常工作任务的支出，等于人员经费加公用经费（万元）。', example: '174.28（= 160.20 + 14.08）' },
  'basic.personnel': {
    def: '基本支出中用于人员的部分，按政府收支分类科目（支出经济分类）为“工资福利支出”和“对个人和家庭的补助”，如工资、津贴补贴、社会保障缴费等（万元）。',
    example: '160.20，主要用于发放干部工资及津补贴等',
  },
  'basic.public': {
    def: '基本支出中保障机关日常运转的部分，按支出经济分类主要为“商品和服务支出”，如办公费、邮电费、水电费、物业管理费、差旅费、会议费、培训费、公务接待费、工会经费等（万元）。',
    example: '14.08',
  },
  'spend.project': { def: '为完成特定工作任务在基本支出之外安排的支出合计，含业务工作经费和各专项资金（万元）。', example: '188.28' },
  'budget.adjustment': { def: '年中追加或调减的预算数（万元），调减填负数；预算调整率 = 预算调整数 ÷ 年初预算数。', example: '35.00' },
  'budget.carryoverPrior': { def: '上年结转到本年继续使用的资金（万元）；评“资金结余”时与年末结转结余比较。', example: '0' },
  'budget.yearEndBalance': { def: '本年末结转和结余资金合计（万元）；没有结余得满分，不超过上年结转得部分分。', example: '0' },
  'budget.keyProjects': { def: '列为重点保障的项目支出金额（万元）；重点支出安排率 = 重点项目支出 ÷ 项目支出合计。', example: '170.00' },
  'sanGong.total': { def: '“三公”经费：因公出国（境）费、公务用车购置及运行维护费、公务接待费三项之和（万元）。', example: '1.85' },
  'sanGong.car': { def: '公务用车购置费与公务用车运行维护费之和（万元）。', example: '1.20' },
  'procurement': { def: '政府采购预算（本年预算数列）与实际采购金额（本年决算数列），用于计算政府采购执行率（万元）。', example: '12.00' },
  'special.budgetFull': { def: '项目支出绩效自评表中的全年预算数（A），年初预算加年中调整（万元）。', example: '22.00' },
  'special.executed': { def: '项目支出绩效自评表中的全年执行数（B）；预算执行率 = B ÷ A，得分 = 10 × min(B/A, 1)（万元）。', example: '21.70' },
  'specialIndicator.target': { def: '年初设定的指标目标值，按本指标的计量单位填写数字。', example: '450（件）' },
  'specialIndicator.actual': { def: '年末实际完成的数值，与年度指标值同一计量单位；未达到目标按 实际 ÷ 目标 折算得分。', example: '489（件）' },
  'specialIndicator.weight': { def: '本指标在项目自评表中的分值；同一一级指标下各指标分值之和应等于该组分值（产出 50、效益 30、满意度 10）。', example: '20' },
  'target.target': { def: '年度整体绩效目标年初设定的指标值，按计量单位填写数字。', example: '3000（件）' },
  'target.actual': { def: '年度整体绩效目标的年末实际完成值，与年度指标值同一计量单位。', example: '3260（件）' },
  'keyWork.assigned': { def: '上级交办或年初确定的重点工作项数；重点工作办结率 = 已办结 ÷ 交办。', example: '5' },
};

/** The entry of a field (an attachment-1 cell by its row). */
export function glossaryOf(key: string): GlossaryEntry | undefined {
  return GLOSSARY[key] ?? GLOSSARY[key.replace(/\.(prior|budget|actual)$/, '')];
}
