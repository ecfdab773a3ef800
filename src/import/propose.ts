import { MISSING } from '../messages/report-zh.js';
import { zh } from '../messages/zh.js';
import { getField } from '../report/catalogue.js';
import type { GroupId } from '../report/fields.js';
import { checkValue } from '../report/dataset.js';
import { plain } from '../report/format.js';
import type { FieldValue } from '../report/model.js';
import { parseNumber } from './numbers.js';
import type { ImportedItem, ImportedValue, ImportKind, ImportProposal, Source } from './types.js';

/**
 * Collects what a reader finds into a proposal. Every value is turned into its field's kind and
 * checked against the catalogue (checkValue of the dataset loader); what fails, and a second
 * different value for a key already read, goes to `unplaced` with the reason, never silently.
 */

const M = zh.import;

/** A raw value as a reader found it: a cell's number, a cell's or paragraph's text. */
export type Raw = number | string | boolean;

const BOOL_WORDS: Record<string, boolean> = { 是: true, 否: false, 有: true, 无: false, true: true, false: false, TRUE: true, FALSE: false, '√': true, '×': false };

/** Turn a raw value into the field's kind (numbers from text, 是/否 to booleans); undefined if empty. */
export function coerce(key: string, raw: Raw): FieldValue | undefined {
  const field = getField(key);
  if (!field) return undefined;
  if (typeof raw === 'string') raw = raw.trim();
  // empty, a dash, or what this product prints for a missing answer
  if (raw === '' || raw === '—' || raw === '-' || raw === '－' || raw === MISSING) return undefined;
  switch (field.kind) {
    case 'money':
    case 'number':
    case 'percent':
    case 'area':
    case 'integer': {
      if (typeof raw === 'number') return raw;
      if (typeof raw !== 'string') return raw;
      const n = parseNumber(raw);
      return n ? n.value : raw;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const s = String(raw);
      if (field.yesNo?.includes(s)) return s === field.yesNo[0];
      return BOOL_WORDS[s] ?? s;
    }
    case 'choice':
      return typeof raw === 'number' ? plain(raw) : raw;
    default:
      return typeof raw === 'number' ? plain(raw) : typeof raw === 'boolean' ? (raw ? '是' : '否') : raw;
  }
}

const show = (v: FieldValue): string => (typeof v === 'number' ? plain(v) : typeof v === 'boolean' ? (v ? '是' : '否') : v.length > 30 ? `${v.slice(0, 30)}…` : v);

/** Values of one scope (the report's top level, or one item) with conflict checks. */
class Scope {
  readonly values: ImportedValue[] = [];
  private readonly byKey = new Map<string, ImportedValue>();

  constructor(
    private readonly sink: string[],
    private readonly where = '',
  ) {}

  set(key: string, raw: Raw, source: Source): boolean {
    const field = getField(key);
    if (!field) return false;
    const value = coerce(key, raw);
    if (value === undefined) return false;
    const checked = checkValue(field, value, this.where);
    if (!checked.ok) {
      this.sink.push(M.unplacedProblem(source, checked.problem));
      return false;
    }
    const had = this.byKey.get(key);
    if (had) {
      if (had.value === checked.value || (typeof had.value === 'number' && typeof checked.value === 'number' && Math.abs(had.value - checked.value) < 1e-9)) return true;
      this.sink.push(M.conflict(source, field.label, show(checked.value), had.source, show(had.value)));
      return false;
    }
    const v: ImportedValue = { key, value: checked.value, source };
    this.byKey.set(key, v);
    this.values.push(v);
    return true;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  get(key: string): FieldValue | undefined {
    return this.byKey.get(key)?.value;
  }
}

export class ItemBuilder extends Scope {
  readonly children: ItemBuilder[] = [];

  constructor(
    readonly group: GroupId,
    readonly source: Source,
    private readonly unplacedList: string[],
    where: string,
  ) {
    super(unplacedList, where);
  }

  child(group: GroupId, source: Source, where: string): ItemBuilder {
    const c = new ItemBuilder(group, source, this.unplacedList, where);
    this.children.push(c);
    return c;
  }

  build(): ImportedItem {
    return {
      group: this.group,
      values: this.values,
      children: this.children.filter((c) => c.values.length > 0).map((c) => c.build()),
      source: this.source,
    };
  }
}

export class ProposalBuilder extends Scope {
  readonly unplaced: string[];
  readonly items: ItemBuilder[] = [];
  year?: number;
  unitName?: string;

  constructor(
    readonly kind: ImportKind,
    readonly fileName: string,
  ) {
    const unplaced: string[] = [];
    super(unplaced);
    this.unplaced = unplaced;
  }

  item(group: GroupId, source: Source, where: string): ItemBuilder {
    const it = new ItemBuilder(group, source, this.unplaced, where);
    this.items.push(it);
    return it;
  }

  unplace(line: string): void {
    if (!this.unplaced.includes(line)) this.unplaced.push(line);
  }

  get empty(): boolean {
    return this.values.length === 0 && !this.items.some((i) => i.values.length > 0);
  }

  build(): ImportProposal {
    return {
      kind: this.kind,
      fileName: this.fileName,
      ...(this.year !== undefined ? { year: this.year } : {}),
      ...(this.unitName !== undefined ? { unitName: this.unitName } : {}),
      values: this.values,
      items: this.items.filter((i) => i.values.length > 0).map((i) => i.build()),
      unplaced: this.unplaced,
    };
  }
}
