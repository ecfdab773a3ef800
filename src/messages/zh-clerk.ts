/**
 * The careful clerk (issue 25): plausibility questions before storing a figure, "which did you
 * mean" when a message reads as a command or as several fields, and the end of the questions
 * while something required is missing. Spread into `zh` (zh.ts).
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
  },
} as const;
