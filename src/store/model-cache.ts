import { LRUCache } from 'lru-cache';
import { AppError } from '../errors.js';
import { zh } from '../messages/zh.js';
import { deepFreeze } from '../report/deep-freeze.js';
import type { GroupItem, ReportModel } from '../report/model.js';
import type { ScoreResult } from '../scoring/result.js';
import type { Database } from './db.js';
import { applyPatch, type TurnPatch } from './patch.js';
import { loadReportModel, type ReportRef } from './reports.js';

export interface Entry {
  report: ReportRef;
  model: ReportModel;
  /** The model's score under its report's rule set, once someone computed it. */
  score?: ScoreResult;
}

/**
 * Memory the cached reports may take (estimated, see `approxBytes`). People answer in turn, so a
 * cache smaller than the reports being filled at once misses on nearly every turn (each turn then
 * reads the whole report again): 500 people with 1–3 s between their turns hit a 256-report cache
 * 1.7% of the time, a 1024-report one 99%. A seed report with its score is ~52 KB, so 64 MB holds
 * ~1200 of them; far fewer of the largest reports the dialogs accept, which a count would not see.
 */
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * Report models by id, each valid for exactly one report version. A read checks the version in
 * the database first (one small query), so a change made by another user or another instance
 * is always seen; this process's own commits are applied to the cached model instead of
 * re-reading ~150 answers and the group items every turn. Least recently used entries go first.
 *
 * What it buys: a turn's p50 9.3 → 3.8 ms in process on SQLite, on a busy machine (`npm run bench:ab`,
 * docs/performance.md, 2026-12-04 第六次).
 */
export class ReportModelCache {
  private readonly entries: LRUCache<string, Entry>;

  /** `maxBytes`: the estimated memory the entries may take (tests make it small). */
  constructor(maxBytes = MAX_BYTES) {
    this.entries = new LRUCache({ maxSize: maxBytes, sizeCalculation: approxBytes });
  }

  async load(database: Database, reportId: string): Promise<Entry> {
    const report = await database.hot.reportRow(reportId);
    if (!report) {
      this.entries.delete(reportId);
      throw new AppError('NOT_FOUND', zh.store.reportNotFound);
    }
    const hit = this.entries.get(reportId);
    // `get` has made it the most recently used already
    if (hit && hit.report.version === report.version) return hit;
    const loaded = await loadReportModel(database.db, reportId);
    this.remember(reportId, loaded);
    return loaded;
  }

  /**
   * A report this process has just created (`openReport` said so): nothing is in it at its first
   * version, so its model is not read (4 round trips of the 13 that opening a report took on
   * PostgreSQL). A later load checks the version as always.
   */
  created(report: ReportRef): Entry {
    const { id, unitId, year, ruleSetId, ruleSetVersion, status, version } = report;
    const entry: Entry = { report: { id, unitId, year, ruleSetId, ruleSetVersion, status, version }, model: { ruleSetId, values: {}, groups: {} } };
    this.remember(report.id, entry);
    return entry;
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
    this.entries.set(reportId, entry);
  }
}

/**
 * Heap bytes of an entry, roughly: counted from its shape instead of serialised (JSON.stringify of
 * a seed model and score is ~150 µs, 4% of a turn). Calibrated on the heap of the seed report
 * (model 18 KB, score 39 KB) and of one with 30 专项 × 10 indicators (96 KB, 110 KB).
 */
export function approxBytes(entry: Entry): number {
  let n = 0;
  const values = (v: Record<string, unknown>) => {
    for (const k in v) {
      const x = v[k];
      n += 32 + (typeof x === 'string' ? x.length : 8);
    }
  };
  const items = (groups: GroupItem['children']) => {
    for (const list of Object.values(groups)) {
      for (const item of list ?? []) {
        n += 96;
        values(item.values);
        items(item.children);
      }
    }
  };
  values(entry.model.values);
  items(entry.model.groups);
  const score = entry.score;
  if (score) n += 1000 + 1450 * score.indicators.length + score.projects.reduce((sum, p) => sum + 500 + 230 * p.indicators.length, 0);
  return Math.max(1, n);
}
