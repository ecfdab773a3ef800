/**
 * Checklists in one tap, multi-paragraph text and the unit's own words (issue 26 items 2, 3, 6):
 * dialogs/checklist.ts, dialogs/paragraphs.ts, dialogs/generated-default.ts. Spread into `zh` (zh.ts).
 */

export const zhLists = {
  lists: {
    // checklists (dialogs/checklist.ts)
    question: (n: number, total: number, section: string, title: string) => `【第${n}/${total}项 · ${section}】${title}：以下各项是否属实？`,
    item: (i: number, label: string) => `${i}. ${label}`,
    howTo: (n: number) =>
      n > 2
        ? `都属实回复「全部是」；有不属实的回复「全部是，除了 2、${n}」（填不属实的序号）；也可按顺序逐项回复「${'是'.repeat(n - 1)}否」，或回复「逐项回答」一项一项填。`
        : '都属实回复「全部是」；有不属实的回复「全部是，除了 2」（填不属实的序号）；也可回复「逐项回答」一项一项填。',
    allYes: '全部是',
    oneByOne: '逐项回答',
    sameAsLastYear: '同去年',
    /** 「去年：全部是」 / 「去年：第 2、5 项否，其余是」, with how to take it. */
    lastYear: (all: string, numbers: string, noWord: string, buttons: boolean) =>
      `去年：${numbers ? `第 ${numbers} 项${noWord}，其余是` : `全部${all}`}${buttons ? '' : '（与去年相同请回复「同去年」）'}`,
    recordedAll: (title: string, n: number, word: string) => `已记录 ${title} ${n} 项：全部${word}`,
    recordedSome: (title: string, n: number, yes: number, noWord: string, numbers: string, labels: string) =>
      `已记录 ${title} ${n} 项：${yes} 项是；第 ${numbers} 项${noWord}（${labels}）`,
    skippedAll: (title: string, n: number) => `已跳过「${title}」${n} 项，生成报告前可回复「继续」补填。`,
    badNumber: (k: number, n: number) => `没有第 ${k} 项：本题共 ${n} 项，请填 1–${n} 的序号，如「全部是，除了 2」。`,
    badCount: (got: number, n: number) => `本题共 ${n} 项，您回复了 ${got} 项。请按顺序回复 ${n} 个「是/否」，或回复「全部是」「全部是，除了 2」。`,
    unknown: (n: number) => `没看懂这个回复。请回复「全部是」，或「全部是，除了 2」（不属实的序号，1–${n}），或回复「逐项回答」。`,

    // multi-paragraph text (dialogs/paragraphs.ts)
    stored: (label: string, shown: string, paragraphs: number) => `已记录 ${label} ${shown}（已存 ${paragraphs} 段）。还有下一段请直接发送；写完请回复「完成」。`,
    more: (label: string, paragraphs: number) => `正在填写「${label}」，已存 ${paragraphs} 段。下一段请直接发送；写完请回复「完成」。`,
    doneSaid: (label: string, paragraphs: number) => `「${label}」已完成，共 ${paragraphs} 段（以后要补充可回复「续写 ${label}」）。`,
    done: '完成',
    tooLong: (label: string, max: number, paragraphs: number) => `「${label}」最多 ${max} 个字，加上这一段就超出了。这一段没有保存，已存的 ${paragraphs} 段不变；请精简后再发，或回复「完成」。`,
    tooManyLines: (label: string, max: number, paragraphs: number) => `「${label}」最多 ${max} 段，加上这些就超出了。这一段没有保存，已存的 ${paragraphs} 段不变；请合并段落后再发，或回复「完成」。`,
    appendAsk: (label: string, paragraphs: number, last: string) => `续写「${label}」：已有 ${paragraphs} 段，最后一段是“${last}”。发送的内容将接在后面作为新段落，写完请回复「完成」。`,
    appendNotText: (label: string) => `「${label}」不是成段的文字，不能续写。如需修改请回复「修改 ${label}」。`,
    appendUnknown: (name: string) => `没有找到可以续写的「${name}」。可续写的是成段的文字，如「续写 存在的问题及原因分析」。`,
    appendEmpty: (label: string) => `「${label}」还没有填写，请直接输入内容。`,

    // generated defaults (dialogs/generated-default.ts)
    generatedOffer: (text: string) => `可回复「用默认」使用按评分生成的表述（随数据更新）：“${text}”`,
    generatedNone: '可回复「用默认」使用按评分生成的表述（随数据更新）。',
    useDefault: '用默认',
    generatedShown: '按评分自动生成',
  },
} as const;
