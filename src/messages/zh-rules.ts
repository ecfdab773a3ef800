/**
 * Messages of strict rule-set and dataset checking (src/scoring/source-doc.ts,
 * src/scoring/schema-issues.ts) and of `npm run rules:check`. Spread into `zh` (zh.ts).
 */
export const zhRules = {
  strict: {
    /** "rulesets/x.yaml 第 12 行第 5 列" */
    at: (file: string, line: number, col: number) => `${file} 第 ${line} 行第 ${col} 列`,
    located: (where: string, problem: string) => `${where}：${problem}`,
    implicitTop: '评价指标',
    tooDeep: (max: number) => `层级过多：指标树最多 ${max} 级（含末级指标）`,
    totalSum: (sum: string, total: string) => `一级指标分值合计 ${sum}，应为 ${total}（total）`,
    unknownKey: (path: string, key: string) => `${path ? `${path} 中` : ''}有未知的键「${key}」`,
    didYouMean: (key: string) => `，是否想写「${key}」？`,
    expected: (want: string, got: string) => `应为${want}，实际是${got}`,
    allowedKeys: (keys: string[]) => `（此处可用的键：${keys.join('、')}）`,
    yamlSyntax: (where: string, what: string, line: string) => `${where}：${what}\n    ${line}`,
    syntaxRuleSet: (detail: string) => `评分规则集文件格式有误，已拒绝加载：${detail}`,
    syntaxDataset: (detail: string) => `数据文件格式有误：${detail}`,
    yamlCodes: {
      BLOCK_AS_IMPLICIT_KEY: '这一行的缩进不对（比上一行的键多缩进了，或上一行的值后面不能再接“键: 值”）',
      MULTILINE_IMPLICIT_KEY: '这一行的缩进不对（键必须写在一行内）',
      BAD_INDENT: '缩进不对，或方括号 [ ] / 花括号 { } 没有闭合',
      MISSING_CHAR: '缺少字符（冒号、短横线或引号没有配对）',
      TAB_AS_INDENT: '不能用 Tab 缩进，请改用空格',
      DUPLICATE_KEY: '同一个键写了两次',
      UNEXPECTED_TOKEN: '有无法识别的字符',
      BAD_SCALAR_START: '值的开头字符不合法（以 @ ` 等开头的值请加引号）',
    } as Record<string, string>,
  },

  formula: {
    badChar: (c: string, at: number) => `第 ${at} 个字符「${c}」无法识别（公式只能用字段编号、数字、+ − × ÷ 和括号）`,
    unexpectedEnd: () => `公式不完整（结尾缺少字段或数字）`,
    unclosed: (at: number) => `第 ${at} 个字符处缺少右括号`,
    unclosedAtEnd: () => `结尾缺少右括号`,
    unexpected: (c: string, at: number) => `第 ${at} 个字符「${c}」放错了位置`,
    invalid: (expr: string, why: string) => `公式「${expr}」有误：${why}`,
  },

  datasetStrict: {
    missingRuleSet: '缺少 ruleSet（评分规则集编号，例如 ruleSet: yueyang-reference）',
    ruleSetDiffers: (dataset: string, rules: string) =>
      `注意：数据文件写的规则集是「${dataset}」，本次按 --rules 指定的「${rules}」评分。`,
  },

  checksBlank: (totalLabel: string, blank: string[]) =>
    `${totalLabel}已填，但其中 ${blank.join('、')} 未填，无法核对合计。请补填（没有的请填 0）。`,

  rulesCheck: {
    usage: '用法：npm run rules:check -- <规则集文件.yaml|json>',
    ok: (id: string, name: string, version: number, count: number) => `规则集「${id}」${name}（第 ${version} 版）检查通过，共 ${count} 个末级指标：`,
    node: (name: string, weight: string) => `${name}（${weight} 分）`,
    leaf: (name: string, id: string, weight: string, type: string) => `${name} [${id}] ${weight} 分 · ${type}`,
    total: (weight: string) => `合计 ${weight} 分`,
  },
};
