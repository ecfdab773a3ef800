/**
 * Types of the field catalogue: every figure and text the report needs is described once here,
 * and questions, checks, scoring inputs and document cells are driven from those descriptions.
 */

export type FieldKind =
  | 'money' // 万元, stored with full precision
  | 'integer' // whole counts: 人, 件, 个, 项, 次
  | 'number' // any real number in the field's own unit (indicator values)
  | 'percent' // 0–100 scale, stored as the number before the % sign
  | 'area' // ㎡
  | 'text' // one line
  | 'longtext' // paragraphs, stored verbatim
  | 'choice' // one of `choices`
  | 'boolean'; // yes/no, shown with `yesNo` labels

export type FieldUnit = '万元' | '人' | '%' | '件' | '个' | '项' | '次' | '㎡' | '分' | '文本' | '';

export type SectionId =
  | 'unit'
  | 'budget'
  | 'specials'
  | 'otherFunds'
  | 'control'
  | 'buildings'
  | 'management'
  | 'targets'
  | 'narrative';

/** Repeated groups. `specialIndicator` items live inside a `special` item. */
export type GroupId = 'special' | 'specialIndicator' | 'target' | 'manualScore';

/** The three columns of attachment 1's 经费控制情况 block. */
export type Period = 'prior' | 'budget' | 'actual';

export interface FieldCondition {
  /** Key of a field in the same scope (top level, or the same group item). */
  field: string;
  /** The field is asked only when that field has one of these values. */
  oneOf: ReadonlyArray<string | boolean>;
}

export interface FieldDef {
  /** Stable key, never reused: answers are stored under it. */
  key: string;
  /** Official Chinese label, as printed in the tables and asked in the chat. */
  label: string;
  unit: FieldUnit;
  kind: FieldKind;
  section: SectionId;
  required: boolean;
  /** Group the field belongs to; absent for top-level fields. */
  group?: GroupId;
  min?: number;
  max?: number;
  /** One-line hint for labels that are not obvious. */
  help?: string;
  choices?: readonly string[];
  /** Labels for true/false of a boolean field. */
  yesNo?: readonly [string, string];
  /** Only asked (and only required) when the condition holds. */
  askIf?: FieldCondition;
  /** Neutral standard wording the user may accept with 用默认 (never an achievement). */
  defaultText?: string;
  /** Row label and column of attachment 1, for fields that are cells of the 基础数据表. */
  table?: { row: string; period: Period };
  /**
   * Not asked in the chat's flow: a figure only some rule sets read (上年预算数 for a change rate
   * on the 预算 basis). Filled with 修改, a data file or an import; a rule set that reads it lists
   * it as missing in the score until it is.
   */
  unasked?: boolean;
}

export interface SectionDef {
  id: SectionId;
  /** Short name shown in progress lines, e.g. 【第12/86项 · 预算执行】. */
  title: string;
}

export interface GroupDef {
  id: GroupId;
  label: string;
  section: SectionId;
  /** Parent group for nested groups. */
  parent?: GroupId;
}
