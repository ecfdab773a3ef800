/**
 * The fixed words of indicator and target rows (choices of the catalogue's fields): achievement
 * levels, directions, target categories and the 一级/二级 indicator names of the published tables.
 */
export const LEVELS = ['达成', '部分达成', '未达成'] as const;
export const DIRECTIONS = ['≥', '≤', '=', '定性'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const TARGET_CATEGORIES = [
  '数量',
  '质量',
  '时效',
  '成本',
  '经济效益',
  '社会效益',
  '生态效益',
  '可持续影响',
  '满意度',
] as const;
export const INDICATOR_LEVEL1 = ['产出指标', '效益指标', '满意度指标'] as const;
export const INDICATOR_LEVEL2 = [
  '数量指标',
  '质量指标',
  '时效指标',
  '成本指标',
  '经济效益指标',
  '社会效益指标',
  '生态效益指标',
  '可持续影响指标',
  '服务对象满意度指标',
] as const;
