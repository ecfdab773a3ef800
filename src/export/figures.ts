import { MISSING, rz } from '../messages/report-zh.js';
import { fixed2, plain } from '../report/format.js';
import { num, str, type FieldValue } from '../report/model.js';

/** Printing of figures in the document: 万元 and % with 2 decimals; a missing figure says so. */

export const wan = (values: Record<string, FieldValue>, key: string): string => {
  const v = num(values, key);
  return v === undefined ? MISSING : fixed2(v);
};

export const text = (values: Record<string, FieldValue>, key: string): string => str(values, key) ?? MISSING;

export const count = (values: Record<string, FieldValue>, key: string): string => {
  const v = num(values, key);
  return v === undefined ? MISSING : String(v);
};

/** A plain number (area, counts with decimals) or MISSING. */
export const plainOrMissing = (values: Record<string, FieldValue>, key: string): string => {
  const v = num(values, key);
  return v === undefined ? MISSING : plain(v);
};

/** a/b as a percentage with 2 decimals; "—" when b is 0, MISSING when either is missing. */
export function rate(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined) return MISSING;
  if (b === 0) return '—';
  return `${fixed2((a / b) * 100)}%`;
}

/** 我中心 / 我局 / 我单位 from the unit's name. */
export function selfName(unitName: string | undefined): string {
  if (!unitName) return rz.selfFallback;
  const suffix = rz.selfSuffixes.find((s) => unitName.endsWith(s));
  return suffix ? `我${suffix === '学校' ? '校' : suffix}` : rz.selfFallback;
}

/** 本中心 / 本单位: how 一、 names the unit unless it gave its own short name. */
export const shortSelf = (self: string): string => (self.slice(1) === '单位' ? '本单位' : `本${self.slice(1)}`);
