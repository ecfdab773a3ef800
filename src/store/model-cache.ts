import { LRUCache } from 'lru-cache';
import { AppError } from '../errors.js';
import { zh } from '../messages/zh.js';
import { deepFreeze } from '../report/deep-freeze.js';
import type { ReportModel } from '../report/model.js';
import type { ScoreResult } from '../scoring/result.js';
import type { Database } from './db.js';
import { applyPatch, type TurnPatch } from './patch.js';
import { loadReportModel, type ReportRef } from './reports.js';

interface Entry {
  report: ReportRef;
  model: ReportModel;
  /** The model's score under its report's rule set, once someone computed it. */
  score?: ScoreResult;
  /** The hot path's epoch at which `report.version` was known to be the database's (`HotPath.epoch`). */
  epoch?: number;
}

/**
 * Report models by id, each valid for exactly one report version. A read checks the version in
 * the database first (one small query), so a change made by another user or another instance
 * is always seen; this process's own commits are applied to the cached model instead of
 * re-reading ~150 answers and the group items every turn. Least recently used entries go first.
 *
 * With an `epoch` (SQLite, see `HotPath.epoch`) even the version check is skipped while the
 * epoch is the one the entry was checked or committed at: nothing but this process's hot path has
 * written since, and its commits are applied here. A commit in progress (`committing`) is not
 * trusted until it is applied.
 */
/**
 * Reports kept. People answer in turn, so an LRU smaller than the number of people filling at once
 * misses on nearly every turn (each turn then reads the whole report again): 500 people with
 * 1–3 s between their turns hit 256 entries 1.7% of the time, 1024 entries 99%. A seed report's model is ~18 KB; with its score, 1024 entries stay under ~60 MB.
 */
const CAPACITY = 1024;

export class ReportModelCache {
  private readonly entries: LRUCache<string, Entry>;

  constructor(capacity = CAPACITY) {
    this.entries = new LRUCache({ max: capacity });
  }

  /** `epoch`: the hot path's epoch read at the start of the caller's turn, if any. */
  async load(database: Database, reportId: string, epoch?: number): Promise<Entry> {
    const cached = this.entries.get(reportId);
    if (cached && epoch !== undefined && cached.epoch === epoch) {
      this.remember(reportId, cached);
      return cached;
    }
    const report = await database.hot.reportRow(reportId);
    if (!report) {
      this.entries.delete(reportId);
      throw new AppError('NOT_FOUND', zh.store.reportNotFound);
    }
    const hit = this.entries.get(reportId);
    if (hit && hit.report.version === report.version) {
      const checked = stamp(hit, epoch);
      this.remember(reportId, checked);
      return checked;
    }
    const loaded = stamp(await loadReportModel(database.db, reportId), epoch);
    this.remember(reportId, loaded);
    return loaded;
  }

  /** A commit to the report starts: until `committed`, every load checks the version again. */
  committing(reportId: string): void {
    const hit = this.entries.get(reportId);
    if (hit?.epoch !== undefined) this.entries.set(reportId, stamp(hit, undefined));
  }

  /**
   * This process committed `patch` and the report is now at `version`. The cached model follows
   * only if it was the version just before (no other writer in between); otherwise it is dropped.
   * `score`: the new model's score, when the caller computed it from exactly that model.
   * `epoch`: the hot path's epoch at the start of the committing turn, if the commit went through
   * the hot path (a commit elsewhere moves the epoch, so the stamp is then never trusted).
   */
  committed(reportId: string, version: number | null, patch: TurnPatch, score?: ScoreResult, epoch?: number): void {
    if (version === null) return;
    const hit = this.entries.get(reportId);
    if (!hit) return;
    if (hit.report.version !== version - 1) {
      this.entries.delete(reportId);
      return;
    }
    this.remember(reportId, stamp({ report: { ...hit.report, version }, model: applyPatch(hit.model, patch), ...(score ? { score } : {}) }, epoch));
  }

  /** Remember the score of the cached model at `version` (computed by the caller from it). */
  scored(reportId: string, version: number, score: ScoreResult): void {
    const hit = this.entries.get(reportId);
    if (hit && hit.report.version === version && !hit.score) this.remember(reportId, { ...hit, score });
  }

  get size(): number {
    return this.entries.size;
  }

  private remember(reportId: string, entry: Entry): void {
    // shared between turns: a mutation would throw instead of leaking into the next turn
    deepFreeze(entry.model);
    deepFreeze(entry.score);
    this.entries.set(reportId, entry);
  }
}

function stamp(entry: Entry, epoch: number | undefined): Entry {
  const { epoch: _old, ...rest } = entry;
  return epoch === undefined ? rest : { ...rest, epoch };
}
