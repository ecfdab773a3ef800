/**
 * Rows in one message (issue 26 item 1) and last year's values as one-tap defaults (item 4):
 * the row shapes shown with the question, the echo, malformed rows. Spread into `zh` (zh.ts).
 */

export const zhRows = {
  rows: {
    /** 「公务接待：上年决算数 本年预算数 本年决算数（万元）」 */
    hintCells: (row: string, cols: string, unit: string, example: string) =>
      `可一条消息填整行 ${row}：${cols}${unit ? `（${unit}）` : ''}，用空格分开，如「${example}」；不填的格写「-」。`,
    hintSplit:
      '可一条消息填资金来源：年初预算数 / 全年预算数 / 全年执行数 各写 当年财政拨款 上年结转资金 其他资金，如「52.36 0 0 / 52.36 0 0 / 52.36 0 0」（不填的格写「-」）；全部是当年财政拨款的回复「全部当年财政拨款」；不拆分回复「否」。',
    hintIndicator: (example: string, qualitative: string) => `可一条消息填整个指标，如「${example}」；定性指标如「${qualitative}」。`,
    exampleIndicator: '数量指标 案件数 ≥ 3000 件 实际 3260 分值 20',
    exampleIndicatorQualitative: '可持续影响指标 服务体系持续完善 定性 达成 分值 10',
    exampleTarget: '数量 案件数 ≥ 3000 件 实际 3260',
    exampleTargetQualitative: '可持续影响 服务体系持续完善 定性 达成',
    /** The echo: every cell stored, in row order. */
    stored: (cells: string) => `已记录整行：${cells}`,
    cellCount: (n: number, cols: string, got: number) => `这一行有 ${n} 格（${cols}），您填了 ${got} 个，这一行没有保存。请按顺序用空格分开填写，不填的格写「-」。`,
    cellBad: (n: number, label: string, why: string) => `第 ${n} 格「${label}」有误：${why}\n这一行没有保存，请改正后整行重发，或只填当前一项。`,
    splitCount: (n: number) => `资金来源需要 3 栏（年初预算数 / 全年预算数 / 全年执行数），用「/」分开，您填了 ${n} 栏，这一行没有保存。`,
    splitColumnCount: (column: string, got: number) => `「${column}」一栏应有 3 格（当年财政拨款 上年结转资金 其他资金），您填了 ${got} 个，这一行没有保存。`,
    splitNoTotal: (column: string) => `还没有「${column}」，无法按「全部当年财政拨款」拆分；请先填写该项，或按 3 栏逐格填写。`,
    editRow: (row: string) => `重新填写「${row}」这一行：可一条消息填整行，也可逐项填写（回复「跳过」保留原值）。`,
    nextRow: '问到「是否还有」时，可直接整行发送下一个指标。',
    indicatorMissing: (what: string, example: string) => `这个指标缺少${what}，这一行没有保存。格式如「${example}」。`,
    whatLevel2: '二级指标（写在行首，如「数量指标」）',
    whatCategory: '指标类别（写在行首，如「数量」）',
    whatName: '指标名称',
    whatUnit: '计量单位（写在年度指标值后，如「3000 件」）',
    whatLevel: '达成情况（达成 / 部分达成 / 未达成）',
  },
  lastYear: {
    /** The one-tap default of a value given last year, clearly marked as last year's. */
    offer: (value: string) => `去年：${value}`,
    line: (value: string) => `去年填的是「${value}」，回复「去年」沿用（仍可直接填写今年的）。`,
    replies: ['去年', '沿用去年', '用去年的', '沿用'] as const,
    /** In the import summary: answers of last year kept as defaults, not stored. */
    stored: (n: number) => `去年的其他答案 ${n} 项待用（问到时可一键沿用）`,
  },
};
