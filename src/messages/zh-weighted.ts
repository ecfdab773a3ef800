/**
 * Messages of weighted unit-defined rows (issue 27 item 4: a `targets` rule with `weighted: true`
 * weighs each of the unit's targets by its own 分值). Spread into `zh` (zh.ts).
 */
export const zhWeighted = {
  weightedTargets: {
    line: (text: string, weight: string) => `${text}（分值 ${weight}）`,
    summary: (count: number, mean: string) => `${count} 项目标按分值加权的平均完成程度 ${mean}`,
  },
};
