/**
 * Which 二级指标 belong to which 一级指标 in a 项目支出绩效自评表 (财预〔2020〕10号 style; domain
 * README §4): 产出 — 数量/质量/时效/成本, 效益 — 经济/社会/生态效益、可持续影响, 满意度 — 服务对象满意度.
 */
export const LEVEL2_OF_LEVEL1: Readonly<Record<string, readonly string[]>> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
};

/** The 二级指标 allowed under a 一级指标 (undefined: no constraint known). */
export function level2Allowed(level1: unknown): readonly string[] | undefined {
  return typeof level1 === 'string' ? LEVEL2_OF_LEVEL1[level1] : undefined;
}

/** The 一级指标 a 二级指标 belongs to. */
export function level1Of(level2: unknown): string | undefined {
  return Object.entries(LEVEL2_OF_LEVEL1).find(([, l2]) => l2.includes(String(level2)))?.[0];
}
