/**
 * The score at a glance (issue 26 item 5): the short 得分 answer and the score picture's texts.
 * Figures come formatted (report/format.ts). Spread into `zh` (zh.ts).
 */

export const zhScore = {
  score: {
    // the short 得分 answer (dialogs/score-summary.ts); at most 8 lines
    lostHead: '扣分最多的：',
    lost: (name: string, lost: string, reason: string) => `${name} −${lost}：${reason}`,
    noLoss: '目前没有扣分。',
    missing: (n: number) => `尚缺 ${n} 项数据，回复「继续」补填。`,
    more: '回复「得分 详细」看全部。',
    // the picture (picture/score-chart.ts)
    title: (total: string, grade: string) => `自评得分 ${total} 分 · ${grade}`,
    titleProvisional: (total: string, grade: string, reachable: string) => `暂估 ${total} 分 · ${grade}（最高可达 ${reachable} 分）`,
    byLevel1: '各一级指标得分',
    got: '得分',
    open: '待填可得',
    lostLegend: '扣分',
    deductions: '扣分最多的指标',
    noDeductions: '目前没有扣分',
    missingNote: (n: number) => `尚缺 ${n} 项数据`,
    alt: (total: string, grade: string) => `得分图：${total} 分，${grade}`,
    notSent: '得分图未能发送，分数见上文。',
    noPicture: '找不到这张得分图（已过期或不是您的）。请回复「得分」重新查看。',
  },
};
