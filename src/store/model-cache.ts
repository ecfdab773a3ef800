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
}

/**
 * Report models by id, each valid for exactly one report version. Every read checks the version
 * in the database first (one small query), so a change made by another user or another instance
 * is always seen; this process's own commits are applied to the cached model instead of
 * re-reading ~150 answers and the group items every turn. Least recently used entries go first.
 */
export class ReportModelCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = 256) {}

  async load(database: Database, reportId: string): Promise<Entry> {
    const report = await database.hot.reportRow(reportId);
    if (!report) {
      this.entries.delete(reportId);
      throw new AppError('NOT_FOUND', zh.store.reportNotFound);
    }
    const hit = this.entries.get(reportId);
    if (hit && hit.report.version === report.version) {
      this.remember(reportId, hit);
      return hit;
    }
    const loaded = await loadReportModel(database.db, reportId);
    this.remember(reportId, loaded);
    return loaded;
  }

  /**
   * This process committed `patch` and the report is now at `version`. The cached model follows
   * only if it was the version just before (no other writer in between); otherwise it is dropped.
   * `score`: the new model's score, when the caller computed it from exactly that model.
   */
  committed(reportId: string, version: number | null, patch: TurnPatch, score?: ScoreResult): void {
    if (version === null) return;
    const hit = this.entries.get(reportId);
    if (!hit) return;
    if (hit.report.version !== version - 1) {
      this.entries.delete(reportId);
      return;
    }
    this.remember(reportId, { report: { ...hit.report, version }, model: applyPatch(hit.model, patch), ...(score ? { score } : {}) });
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
    this.entries.delete(reportId);
    this.entries.set(reportId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
