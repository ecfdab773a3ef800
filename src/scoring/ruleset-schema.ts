import { z } from 'zod';
import { controlKey } from '../report/catalogue.js';

/**
 * The shape of a rule-set file (domain §5). Rule sets are data a finance bureau can replace;
 * this schema is the contract. Every object is strict: an unknown key (a typo) is an error.
 * Semantic checks (weights add up, field keys exist) live in ruleset-loader.ts because they
 * need the catalogue and the whole tree.
 */

const FieldKey = z.string().min(1);
const Points = z.number().finite().min(0);

export const ZeroDenominator = z.strictObject({
  /** 'full' = the indicator's weight ("无此类项目的按满分计"). */
  points: z.union([z.literal('full'), Points]),
  reason: z.string().min(1),
  /** When the numerator is 0 as well (e.g. 上年和本年三公经费都为 0). */
  ifNumeratorZero: z.strictObject({ points: z.union([z.literal('full'), Points]), reason: z.string().min(1) }).optional(),
});

/** A numeric input in percent (ratio, change) or in the field's own unit (value). */
export const NumericInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('ratio'),
    numerator: z.array(FieldKey).min(1),
    denominator: z.array(FieldKey).min(1),
    /** Use |numerator| (e.g. 预算调整率 counts cuts as adjustments too). */
    absolute: z.boolean().optional(),
  }),
  /**
   * (current − previous) ÷ previous. Either the two fields, or a row of attachment 1 and the basis:
   * `basis: 预算` compares its 本年预算数 with its 上年预算数, `basis: 决算` its 本年决算数 with its
   * 上年决算数 (filled into current/previous at load, see `changeFields`).
   */
  z.strictObject({
    kind: z.literal('change'),
    current: FieldKey.optional(),
    previous: FieldKey.optional(),
    row: FieldKey.optional(),
    basis: z.enum(['预算', '决算']).optional(),
  }),
  z.strictObject({ kind: z.literal('value'), field: FieldKey }),
  /**
   * Arithmetic over field keys with + − × ÷ and brackets (formula.ts). `as: percent` (default)
   * shows the result ×100 as a percentage, like a ratio; `as: value` shows it as it is.
   */
  z.strictObject({ kind: z.literal('formula'), expr: z.string().min(1), as: z.enum(['percent', 'value']).default('percent') }),
]);

/** The fields a change rate on a row of attachment 1 and a basis compares. */
export function changeFields(row: string, basis: '预算' | '决算'): { current: string; previous: string } {
  return basis === '预算' ? { current: `${row}.budget`, previous: `${row}.priorBudget` } : { current: controlKey(row, 'actual'), previous: `${row}.prior` };
}

/** A numeric input as the engine reads it: a change rate always names its two fields. */
type Resolved<T> = T extends { kind: 'change' } ? Omit<T, 'current' | 'previous'> & { current: string; previous: string } : T;

/** Checked, then a change rate's row and basis become its two fields. */
const Input = NumericInput.superRefine((input, ctx) => {
  if (input.kind !== 'change') return;
  const pair = input.current !== undefined || input.previous !== undefined;
  const byRow = input.row !== undefined || input.basis !== undefined;
  if (pair && byRow) ctx.addIssue({ code: 'custom', message: '变动率写 row 和 basis，或写 current 和 previous，不要同时写' });
  else if (byRow && (input.row === undefined || input.basis === undefined)) ctx.addIssue({ code: 'custom', message: '按行计算变动率须同时写 row（附件1的行，如 sanGong.total）和 basis（预算 或 决算）' });
  else if (!byRow && (input.current === undefined || input.previous === undefined)) ctx.addIssue({ code: 'custom', message: '变动率须写 current 和 previous，或写 row 和 basis' });
}).transform((input) => {
  if (input.kind !== 'change' || input.current !== undefined) return input as Resolved<typeof input>;
  return { ...input, ...changeFields(input.row!, input.basis!) } as Resolved<typeof input>;
});

const WithInput = { input: Input, zeroDenominator: ZeroDenominator.optional() };

/** Whether "每超过一个百分点" counts partial points; default whole points (domain §5). */
const StepCounting = { partialPoints: z.boolean().optional() };

const CapDeduct = z.strictObject({
  type: z.literal('cap_deduct'),
  ...WithInput,
  ...StepCounting,
  cap: z.number().finite(),
  perPoint: Points,
});

const SignThreshold = z.strictObject({
  type: z.literal('sign_threshold'),
  ...WithInput,
  ...StepCounting,
  threshold: z.number().finite().default(0),
  perPoint: Points,
});

const Band = z
  .object({ label: z.string().optional(), min: z.number().finite().optional(), max: z.number().finite().optional(), points: Points })
  .refine((b) => b.min !== undefined || b.max !== undefined, { message: '每一档须有 min 或 max' });

const Bands = z.strictObject({ type: z.literal('bands'), ...WithInput, bands: z.array(Band).min(1), otherwise: Points });

const PerStep = z.strictObject({
  type: z.literal('per_step'),
  ...WithInput,
  target: z.number().finite(),
  step: z.number().finite().positive(),
  perStep: Points,
});

const Case = z
  .object({
    label: z.string().min(1),
    op: z.enum(['=', '<', '<=', '>', '>=']),
    value: z.union([z.number().finite(), z.string(), z.boolean()]).optional(),
    field: FieldKey.optional(),
    points: Points,
  })
  .refine((c) => (c.value === undefined) !== (c.field === undefined), { message: '每个情形须有 value 或 field 之一' });

const Categorical = z.strictObject({
  type: z.literal('categorical'),
  field: FieldKey,
  cases: z.array(Case).min(1),
  otherwise: z.strictObject({ label: z.string().min(1), points: Points }),
});

const PerOccurrence = z.strictObject({
  type: z.literal('per_occurrence'),
  field: FieldKey,
  perOccurrence: Points,
});

const Checklist = z.strictObject({
  type: z.literal('checklist'),
  items: z.array(z.strictObject({ field: FieldKey, label: z.string().optional(), points: Points })).min(1),
});

const Proportional = z.strictObject({ type: z.literal('proportional'), ...WithInput, target: z.number().finite().positive().default(100) });

const Qualitative = z.strictObject({ type: z.literal('qualitative'), field: FieldKey, percentField: FieldKey.optional() });

const NotApplicable = z.strictObject({ type: z.literal('not_applicable'), reason: z.string().min(1) });

const Manual = z.strictObject({ type: z.literal('manual') });

/** Rules that can stand as the fallback of a `targets` rule. */
export const FallbackRule = z.discriminatedUnion('type', [Proportional, Qualitative, NotApplicable, Manual]);

const Targets = z.strictObject({
  type: z.literal('targets'),
  categories: z.array(z.string().min(1)).min(1),
  /** Used when the unit set no target of these categories; without it the indicator is pending. */
  fallback: FallbackRule.optional(),
  /**
   * Weight each target by its own 分值 (`target.weight`): points = weight × Σ(分值 × 完成程度) ÷ Σ分值.
   * Without it every target counts the same.
   */
  weighted: z.boolean().optional(),
});

export const Rule = z.discriminatedUnion('type', [
  CapDeduct,
  SignThreshold,
  Bands,
  PerStep,
  Categorical,
  PerOccurrence,
  Checklist,
  Proportional,
  Targets,
  Qualitative,
  NotApplicable,
  Manual,
]);

export const RULE_TYPES = [
  'cap_deduct',
  'sign_threshold',
  'bands',
  'per_step',
  'categorical',
  'per_occurrence',
  'checklist',
  'proportional',
  'targets',
  'qualitative',
  'not_applicable',
  'manual',
] as const;

export const Indicator = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  weight: z.number().finite().positive(),
  /** 评分标准 as printed in attachment 2. */
  criterion: z.string().min(1),
  /** Where the indicator and its weight come from ([official] / [reference]). */
  provenance: z.string().min(1),
  rule: Rule,
});

/**
 * A group of indicators at any level (一级, 二级, 三级 of a four-level table). Its members are
 * groups or indicators (a node with a `rule` is an indicator), under `children` or, as the
 * 二级 of the first rule sets were written, `indicators`.
 */
export const Group = z
  .strictObject({
    name: z.string().min(1),
    weight: z.number().finite().positive(),
    children: z.array(z.unknown()).min(1).optional(),
    indicators: z.array(z.unknown()).min(1).optional(),
  })
  .refine((g) => (g.children === undefined) !== (g.indicators === undefined), { message: '须有 children（下级指标）' });

/** Levels a tree may have, the indicators' own level included. */
export const MAX_DEPTH = 4;

const QualitativeLevel = z.strictObject({
  label: z.string().min(1),
  min: z.number().min(0).max(100),
  max: z.number().min(0).max(100),
  default: z.number().min(0).max(100),
});

export const RuleSetHeader = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '只能用小写字母、数字和连字符'),
  name: z.string().min(1),
  version: z.number().int().positive(),
  region: z.string().min(1),
  provenance: z.string().min(1),
  grades: z
    .array(z.strictObject({ min: z.number().min(0).max(100), label: z.string().min(1) }))
    .min(1)
    .default([
      { min: 90, label: '优' },
      { min: 80, label: '良' },
      { min: 60, label: '中' },
      { min: 0, label: '差' },
    ]),
  qualitativeLevels: z.array(QualitativeLevel).min(1),
  /** Targets exceeded by more than this percent are flagged 指标值设定可能偏低. */
  overAchievementFlag: z.number().positive().default(150),
  projects: z.strictObject({
    executionWeight: Points,
    groups: z.array(z.strictObject({ level1: z.string().min(1), weight: Points })).min(1),
  }),
  /** What the tree adds up to: 100, or less when a bureau scores a part. */
  total: z.number().finite().positive().default(100),
  tree: z.array(z.unknown()).min(1),
});

export type ZeroDenominatorRule = z.infer<typeof ZeroDenominator>;
export type NumericInputSpec = z.output<typeof Input>;
export type RuleSpec = z.infer<typeof Rule>;
export type FallbackRuleSpec = z.infer<typeof FallbackRule>;
export type IndicatorSpec = z.infer<typeof Indicator>;
export type QualitativeLevelSpec = z.infer<typeof QualitativeLevel>;

export interface Level2Spec {
  name: string;
  weight: number;
  indicators: IndicatorSpec[];
}
export interface Level1Spec {
  name: string;
  weight: number;
  children: Level2Spec[];
}
/** The tree as written (any depth 1–4), for printing it (npm run rules:check). */
export type OutlineNode = { name: string; weight: number; children: OutlineNode[] } | { name: string; weight: number; indicator: IndicatorSpec };

/**
 * `tree` is always three levels, as attachment 2 prints it: a tree of other depth is folded in at
 * load (ruleset-tree.ts). `outline` is the tree as written.
 */
export type RuleSet = Omit<z.infer<typeof RuleSetHeader>, 'tree'> & { tree: Level1Spec[]; outline?: OutlineNode[] };
