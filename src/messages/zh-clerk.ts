/**
 * The careful clerk (issue 25): plausibility questions before storing a figure, "which did you
 * mean" when a message reads as a command or as several fields, the end of the questions while
 * something required is missing; corrections anywhere in the report, the item view, 上一步 through
 * the whole history, field help, honest skip and progress replies. Spread into `zh` (zh.ts).
 */

export const zhClerk = {
  clerk: {
    // plausibility (dialogs/plausible.ts); figures come formatted with 2 decimals
    tooLow: (ref: string, value: string) => `低于${ref} ${value} 万元的 0.5%`,
    tooHigh: (ref: string, value: string) => `超过${ref} ${value} 万元的 2 倍`,
    overTotal: (total: string, value: string) => `大于${total} ${value} 万元`,
    underPart: (part: string, value: string) => `小于其中的${part} ${value} 万元`,
    ask: (typed: string, value: string, why: string, likely: string) => `您填的是 ${typed}（${value} 万元），${why}。是否应为 ${likely} 万元？`,
    askConfirm: (typed: string, value: string, why: string) => `您填的是 ${typed}（${value} 万元），${why}。请确认是否无误。`,
    choiceLikely: (likely: string) => `改为 ${likely}万元`,
    choiceAsTyped: (value: string) => `按所填 ${value}万元`,
    choiceConfirm: (value: string) => `确认 ${value}万元`,
    choiceRetype: '重新填写',
    heldBack: (items: string) => `数额存疑、暂未保存：${items}，请单独填写`,

    // a message that reads both as an answer and as something else (dialogs/meant.ts)
    meantCommand: (label: string, text: string) => `「${text}」像是一条命令。您是要把它填作「${label}」，还是按命令处理？`,
    meantEntry: (label: string, names: string) => `这条消息里有 ${names} 等多项。您是要把整段填作「${label}」，还是分别填写这几项？`,
    choiceAsAnswer: (label: string) => `填作「${label}」`,
    choiceAsCommand: '按命令处理',
    choiceAsEntry: '分别填写各项',

    // the end of the questions (dialogs/open-ends.ts)
    requiredLeft: (n: number, list: string) =>
      `还有 ${n} 项必填内容没有填写：${list}。回复「继续」逐项补填，或回复「生成报告」（缺的数据会列在报告中）。`,
    optionalLeft: (n: number) => `必填内容都已填写；另有 ${n} 项跳过的选填内容，回复「继续」可补填。回复「得分」查看分数，或回复「生成报告」。`,
    backToSkipped: (n: number) => `回到跳过的 ${n} 项，逐项补填（仍可回复「跳过」）。`,
    // corrections anywhere, item view, history, help, honest replies
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
