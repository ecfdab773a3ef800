/**
 * Messages of the what-if (issue 27 item 6: 「如果 全年执行数 350」「执行率到95%能得几分」 and
 * `npm run score -- DATA --what-if "全年执行数=350"`). Spread into `zh` (zh.ts).
 */
export const zhWhatIf = {
  whatIf: {
    head: '试算（只算不存，报告里的数据没有改动）：',
    change: (label: string, before: string, after: string) => `- 假设「${label}」由 ${before} 改为 ${after}`,
    changeBlank: (label: string, after: string) => `- 假设「${label}」为 ${after}（现在未填）`,
    /** 「执行率到95%」: which figure was changed and from what it was derived. */
    target: (name: string, percent: string, label: string, before: string, after: string, basis: string) =>
      `- 假设「${name}」达到 ${percent}：按 ${basis} 推算，「${label}」由 ${before} 改为 ${after}`,
    targetBlank: (name: string, percent: string, label: string, after: string, basis: string) =>
      `- 假设「${name}」达到 ${percent}：按 ${basis} 推算，「${label}」为 ${after}（现在未填）`,
    /** After the asked rate: the rate the rounded figure gives. */
    reached: (pct: string) => `（取整后实为 ${pct}%）`,
    total: (after: string, grade: string, before: string, beforeGrade: string, delta: string) =>
      `试算总分：${after} 分（${grade}）；现在 ${before} 分（${beforeGrade}），${delta}。`,
    up: (d: string) => `多 ${d} 分`,
    down: (d: string) => `少 ${d} 分`,
    same: '总分不变',
    provisional: '暂估',
    diffHead: '得分有变化的指标：',
    diffLine: (name: string, before: string, after: string, delta: string, why: string) => `- ${name}：${before} → ${after}（${delta}）${why ? `；${why}` : ''}`,
    noDiff: '各指标得分都不变。',
    unread: (labels: string[]) => `当前评分规则集没有指标用到「${labels.join('」「')}」，得分不受影响。`,
    keep: (example: string) => `只是试算，没有保存。如要正式修改，请回复「${example}」。`,
    keepCli: '只是试算，数据文件没有改动。',
    cliUsage: '试算：npm run score -- <数据文件> --what-if "全年执行数=350"（可写多项，用、或；分隔；比率可写「执行率=95%」）',
    // problems (each has a stable code, see dialogs/what-if-parse.ts)
    unknownField: (what: string) => `试算时没有找到名为「${what}」的数据项。请写数据项的名称和数字，例如「如果 全年执行数 350」。`,
    textField: (label: string) => `「${label}」是文字，不影响得分，无需试算。`,
    unknownRate: (name: string) => `没有找到名为「${name}」的指标或比率。例如可问「执行率到95%能得几分」。`,
    ambiguousRate: (name: string, names: string[]) => `「${name}」可指 ${names.map((n) => `「${n}」`).join('')}，请写出完整的指标名称。`,
    notARate: (name: string) => `「${name}」不是按一个比率计算的，无法按百分比试算；请直接写数据项和数字，例如「如果 全年执行数 350」。`,
    formulaRate: (name: string) => `「${name}」按公式计算，涉及多个数据项，无法反推；请直接写要试的数据项和数字。`,
    rateInputsMissing: (name: string, labels: string[]) => `要推算「${name}」，需先填写 ${labels.join('、')}。`,
    rateZeroBase: (name: string, label: string) => `${label} 为 0，「${name}」无法按百分比推算。`,
    rateUnreachable: (name: string) => `按现有数据，「${name}」达不到这个比例（推算出的数字小于 0）。`,
  },
};
