/**
 * Messages of the careful clerk (issue 25 items 2, 5, 6, 7): corrections anywhere in the report,
 * the item view, 上一步 through the whole history, field help, honest skip and progress replies.
 * Spread into `zh` (zh.ts).
 */
export const zhClerk = {
  clerk: {
    /** 「专项资金项目2指标3「推送宣传稿件数」」 */
    itemWhere: (where: string, name: string | undefined) => (name ? `${where}「${name}」` : where),
    editAskAt: (label: string, where: string) => `请输入新的 ${label}（${where}）`,
    editWalk: (where: string) => `逐项修改${where}：回复「跳过」保留原值，回复「取消」结束修改。`,
    pickHead: (n: number, label: string) => `有 ${n} 项「${label}」，请回复序号选择要修改的一项：`,
    pickLine: (n: number, where: string, label: string, value: string) => `${n}. ${where} ${label}：${value}`,
    pickMore: (more: number) => `……另有 ${more} 项，请用「修改 项目2 指标3 实际完成值」这样的写法指明。`,
    itemHead: (where: string) => `【${where}】`,
    itemLine: (label: string, value: string) => `${label}：${value}`,
    rowsHead: (label: string) => `${label}：`,
    rowLine: (n: number, name: string, summary: string) => `指标${n}「${name}」${summary ? `：${summary}` : ''}`,
    rowsNone: (label: string) => `还没有${label}。`,
    itemHint: (example: string) => `修改其中一项，例如回复「${example}」。`,
    glossary: (label: string, def: string, example: string) => `关于「${label}」：${def}\n例如：${example}`,
    noGlossary: (unit: string) => (unit ? `按提问填写，单位是${unit}；具体口径请以本单位决算报表为准。` : '按提问填写；具体口径请以本单位决算报表和三定方案为准。'),
    skipKept: (label: string, value: string) => `「${label}」已填写（${value}），保留原值，接着下一项。`,
    progressHead: (finished: number, sections: number) => `填写进度：${finished}/${sections} 部分已完成`,
    pairMismatch: (level1: string, level2: string, allowed: string) =>
      `「${level2}」不属于一级指标「${level1}」。「${level1}」下的二级指标是：${allowed}。请重新选择；如一级指标填错了，可回复「修改 一级指标」。`,
    pairMismatchLevel1: (level1: string, level2: string, want: string) =>
      `本指标的二级指标是「${level2}」，属于「${want}」，不属于「${level1}」。请重新选择，或先回复「修改 二级指标」。`,
  },
} as const;
