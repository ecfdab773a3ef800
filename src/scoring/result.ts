import type { FieldValue, MissingField } from '../report/model.js';

/** One input an indicator used, with its value as printed. */
export interface InputUsed {
  key: string;
  label: string;
  value: FieldValue;
  text: string;
}

export type IndicatorStatus = 'scored' | 'pending' | 'not_applicable';

/**
 * The score of one indicator and why. The chat summary, the CLI and attachment 2 all print
 * these objects, so they can never disagree.
 */
export interface IndicatorResult {
  id: string;
  level1: string;
  level2: string;
  name: string;
  weight: number;
  criterion: string;
  provenance: string;
  ruleType: string;
  status: IndicatorStatus;
  /** null while inputs are missing. */
  points: number | null;
  /** weight − points for scored indicators, 0 otherwise. */
  deduction: number;
  /** The formula with numbers filled in. */
  formula: string;
  /** Why points were lost, in Chinese; null when nothing was lost or still pending. */
  reason: string | null;
  inputs: InputUsed[];
  missing: MissingField[];
  /** Points certain now, and the most still reachable (equal once scored). */
  bounds: { min: number; max: number };
  flags: string[];
}

export interface Level2Result {
  name: string;
  weight: number;
  points: number;
  maxReachable: number;
  indicators: IndicatorResult[];
}

export interface Level1Result {
  name: string;
  weight: number;
  points: number;
  maxReachable: number;
  children: Level2Result[];
}

export interface ProjectIndicatorResult {
  name: string;
  level1: string;
  level2: string;
  weight: number;
  points: number | null;
  text: string;
  missing: MissingField[];
  flags: string[];
}

/** Attachment 3: one 专项's self-evaluation (domain §4). */
export interface ProjectResult {
  id: string;
  name: string;
  executionWeight: number;
  /** B/A in percent; null when missing or A = 0. */
  executionRate: number | null;
  executionPoints: number | null;
  executionText: string;
  indicators: ProjectIndicatorResult[];
  points: number;
  maxReachable: number;
  complete: boolean;
  grade: string;
  missing: MissingField[];
  flags: string[];
}

export interface ScoreResult {
  ruleSetId: string;
  ruleSetName: string;
  ruleSetVersion: number;
  indicators: IndicatorResult[];
  level1: Level1Result[];
  /** Points already certain (full precision); the final score once `complete`. */
  total: number;
  maxReachable: number;
  /** What the rule set's tree adds up to (its `total`, 100 by default). */
  outOf: number;
  complete: boolean;
  /** Grade of `total` rounded to 2 decimals, so the printed score and grade always agree. */
  grade: string;
  missing: MissingField[];
  flags: string[];
  projects: ProjectResult[];
}
