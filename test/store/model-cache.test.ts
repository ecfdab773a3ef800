import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupFields, TOP_FIELDS } from '../../src/report/catalogue.js';
import type { GroupId } from '../../src/report/fields.js';
import { encodeValue } from '../../src/store/codec.js';
import type { Database } from '../../src/store/db.js';
import { approxBytes, ReportModelCache } from '../../src/store/model-cache.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { seedModel } from '../helpers/rulesets.js';
import type { TurnPatch } from '../../src/store/patch.js';
import { createUnit, ensureUser } from '../../src/store/people.js';
import { commitTurn, loadReportModel, openReport } from '../../src/store/reports.js';
import { testDatabases } from '../helpers/databases.js';

const RS = { id: 'yueyang-reference', version: 1 };
/** The columns a cache entry keeps of a report row. */
const pick = ({ id, unitId, year, ruleSetId, ruleSetVersion, status, version }: Record<string, unknown>) => ({ id, unitId, year, ruleSetId, ruleSetVersion, status, version });
const topKeys = TOP_FIELDS.slice(0, 6).map((f) => f.key);
const keysOf = (g: GroupId) => groupFields(g).slice(0, 3).map((f) => f.key);
const value = fc.oneof(fc.constantFrom(null, -0, 0, true, false, ''), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 8 }));

/** One random step: add items, delete one, write values to the top level and to existing items. */
const step = fc.record({
  addSpecial: fc.boolean(),
  addRowTo: fc.nat(),
  addTarget: fc.boolean(),
  deletePick: fc.option(fc.nat(), { nil: undefined }),
  writes: fc.array(fc.record({ pick: fc.nat(), key: fc.nat(), value }), { maxLength: 6 }),
});

for (const t of testDatabases()) {
  describe(`report model cache on ${t.name}`, () => {
    let d: Database;
    let userId: string;
    let unitId: string;
    beforeAll(async () => {
      d = await t.open();
      userId = (await ensureUser(d.db, 'wecom:cache', '甲')).id;
      unitId = (await createUnit(d, { name: '缓存单位', ruleSetId: RS.id, adminUserId: userId })).id;
    });
    afterAll(async () => {
      await d.close();
      await t.cleanup();
    });

    it('following its own commits, the cached model always equals the report read back from the database', async () => {
      let year = 1900;
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
          const report = await openReport(d.db, unitId, year++, RS);
          const cache = new ReportModelCache();
          for (const s of steps) {
            const { model, report: ref } = await cache.load(d, report.id);
            const specials = model.groups.special ?? [];
            const rows = specials.flatMap((x) => x.children.specialIndicator ?? []);
            const targets = model.groups.target ?? [];
            const patch: TurnPatch = { answers: [], addItems: [], deleteItems: [] };
            const added: { id: string; group: GroupId; parentId?: string }[] = [];
            if (s.addSpecial) added.push({ id: randomUUID(), group: 'special' });
            if (s.addTarget) added.push({ id: randomUUID(), group: 'target' });
            for (const a of added) patch.addItems!.push(a);
            if (specials.length) {
              const parent = specials[s.addRowTo % specials.length]!;
              const id = randomUUID();
              patch.addItems!.push({ id, group: 'specialIndicator', parentId: parent.id });
              added.push({ id, group: 'specialIndicator', parentId: parent.id });
            }
            const existing = [...specials.map((x) => ({ id: x.id, group: 'special' as GroupId })), ...rows.map((x) => ({ id: x.id, group: 'specialIndicator' as GroupId })), ...targets.map((x) => ({ id: x.id, group: 'target' as GroupId }))];
            const deleted = s.deletePick !== undefined && existing.length ? existing[s.deletePick % existing.length]! : undefined;
            if (deleted) patch.deleteItems!.push(deleted.id);
            // Items still there after the deletion (a deleted 专项 takes its indicator rows with it).
            const parentOf = (id: string) => added.find((a) => a.id === id)?.parentId ?? specials.find((p) => p.children.specialIndicator?.some((r) => r.id === id))?.id;
            const live = [...existing, ...added].filter((x) => x.id !== deleted?.id && (!deleted || parentOf(x.id) !== deleted.id));
            for (const w of s.writes) {
              const target = w.pick % (live.length + 1);
              if (target === live.length) patch.answers!.push({ fieldKey: topKeys[w.key % topKeys.length]!, value: w.value });
              else {
                const item = live[target]!;
                const keys = keysOf(item.group);
                patch.answers!.push({ fieldKey: keys[w.key % keys.length]!, itemId: item.id, value: w.value });
              }
            }
            const { version } = await commitTurn(d.db, { userId, reportId: report.id, expectedVersion: ref.version, patch });
            cache.committed(report.id, version, patch);
            const fresh = await loadReportModel(d.db, report.id);
            const cached = await cache.load(d, report.id);
            expect(cached.report.version).toBe(fresh.report.version);
            expect(cached.model).toStrictEqual(fresh.model);
          }
        }),
        { numRuns: t.name === 'sqlite' ? 40 : 15 },
      );
    }, 60_000);

    it('serves its own commits without re-reading, and sees another writer’s change', async () => {
      const report = await openReport(d.db, unitId, 2100, RS);
      const cache = new ReportModelCache();
      const first = await cache.load(d, report.id);
      const patch: TurnPatch = { answers: [{ fieldKey: topKeys[0]!, value: '甲' }] };
      const { version } = await commitTurn(d.db, { userId, reportId: report.id, expectedVersion: first.report.version, patch });
      cache.committed(report.id, version, patch);
      const second = await cache.load(d, report.id);
      expect(second.model.values[topKeys[0]!]).toBe('甲');
      expect((await cache.load(d, report.id)).model).toBe(second.model); // a hit: the same object

      // Someone else (another instance) writes: the version moved, the next load reads it.
      await commitTurn(d.db, { userId, reportId: report.id, patch: { answers: [{ fieldKey: topKeys[1]!, value: '乙' }] } });
      const third = await cache.load(d, report.id);
      expect(third.model.values[topKeys[1]!]).toBe('乙');
      expect(third.model).toStrictEqual((await loadReportModel(d.db, report.id)).model);

      // Our commit after an unseen foreign commit is not applied blindly: the entry is dropped.
      await commitTurn(d.db, { userId, reportId: report.id, patch: { answers: [{ fieldKey: topKeys[2]!, value: '丙' }] } });
      const mine: TurnPatch = { answers: [{ fieldKey: topKeys[3]!, value: '丁' }] };
      const r = await commitTurn(d.db, { userId, reportId: report.id, patch: mine });
      cache.committed(report.id, r.version, mine);
      expect((await cache.load(d, report.id)).model).toStrictEqual((await loadReportModel(d.db, report.id)).model);
    });

    it('a report just created is served empty without a read, as the database has it; one opened again is not "created"', async () => {
      const report = await openReport(d.db, unitId, 2120, RS);
      expect(report.created).toBe(true);
      const cache = new ReportModelCache();
      const fresh = cache.created(report);
      const read = await loadReportModel(d.db, report.id);
      expect(fresh.model).toStrictEqual(read.model);
      expect(fresh.report).toStrictEqual(pick(read.report as unknown as Record<string, unknown>));
      // a colleague's answer moves the version: the next load reads it, the empty entry is not served
      await commitTurn(d.db, { userId, reportId: report.id, patch: { answers: [{ fieldKey: topKeys[0]!, value: '甲' }] } });
      expect((await cache.load(d, report.id)).model.values[topKeys[0]!]).toBe('甲');
      expect((await openReport(d.db, unitId, 2120, RS)).created).toBe(false);
    });

    it('checks the version on every load; after its own commit it serves the model as committed', async () => {
      const report = await openReport(d.db, unitId, 2150, RS);
      const cache = new ReportModelCache();
      let checks = 0;
      const reportRow = d.hot.reportRow;
      d.hot.reportRow = (id) => (checks++, reportRow(id));
      try {
        const first = await cache.load(d, report.id);
        expect(await cache.load(d, report.id)).toBe(first); // same version: the cached entry itself
        expect(checks).toBe(2);
        const patch: TurnPatch = { answers: [{ fieldKey: topKeys[0]!, value: '戊' }] };
        const { version } = await commitTurn(d.db, { userId, reportId: report.id, expectedVersion: first.report.version, patch });
        const committed = (await loadReportModel(d.db, report.id)).model;
        // a marker the cache can only see by reading the answers again (the version does not move)
        await d.db.$executeRaw`UPDATE "Answer" SET "value" = ${encodeValue('标记')} WHERE "reportId" = ${report.id} AND "fieldKey" = ${topKeys[0]!}`;
        cache.committed(report.id, version, patch);
        const after = await cache.load(d, report.id);
        expect(checks).toBe(3);
        expect(after.report.version).toBe(version);
        expect(after.model).toStrictEqual(committed); // the commit applied, not read again
        expect(after.model.values[topKeys[0]!]).toBe('戊');
      } finally {
        d.hot.reportRow = reportRow;
      }
    });

    it('hands out frozen models, keeps at most its memory and forgets a report that is gone', async () => {
      const one = approxBytes(await loadReportModel(d.db, (await openReport(d.db, unitId, 2200, RS)).id));
      const cache = new ReportModelCache(2 * one);
      const reports = await Promise.all([2201, 2202, 2203].map((y) => openReport(d.db, unitId, y, RS)));
      const { model } = await cache.load(d, reports[0]!.id);
      expect(() => {
        (model.values as Record<string, unknown>).x = 1;
      }).toThrow(TypeError);
      for (const r of reports) await cache.load(d, r.id);
      expect(cache.size).toBe(2);
      await expect(cache.load(d, 'no-such-report')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
}

describe('the estimated size of a cached report', () => {
  const ruleSet = loadRuleSet('yueyang-reference');
  const entryOf = (model: ReturnType<typeof seedModel>) => ({ report: { id: 'r', unitId: 'u', year: 2024, ruleSetId: ruleSet.id, ruleSetVersion: 1, status: 'open', version: 1 }, model, score: scoreReport(model, ruleSet) });
  const json = (e: ReturnType<typeof entryOf>) => JSON.stringify(e.model).length + JSON.stringify(e.score).length;
  /** The seed report with `n` 专项 of ten indicator rows each (the export bench's large report). */
  const withProjects = (n: number) => {
    const m = seedModel();
    const template = m.groups.special![0]!;
    m.groups.special = Array.from({ length: n }, (_, p) => ({
      id: `p${p}`,
      values: { ...template.values, 'special.name': `专项资金项目${p + 1}` },
      children: {
        specialIndicator: Array.from({ length: 10 }, (_, i) => ({
          id: `p${p}i${i}`,
          values: { 'specialIndicator.name': `指标${i + 1}`, 'specialIndicator.direction': '≥', 'specialIndicator.target': 100, 'specialIndicator.actual': 90 + i, 'specialIndicator.weight': 9 },
          children: {},
        })),
      },
    }));
    return m;
  };

  it('is near what the entry takes (heap is ~1.1–1.5 × its JSON) and grows with the report', () => {
    const seed = entryOf(seedModel());
    const large = entryOf(withProjects(30));
    for (const e of [seed, large]) {
      expect(approxBytes(e)).toBeGreaterThan(json(e));
      expect(approxBytes(e)).toBeLessThan(3 * json(e));
    }
    expect(approxBytes(large)).toBeGreaterThan(3 * approxBytes(seed));
    // without its score an entry is smaller
    expect(approxBytes({ ...seed, score: undefined })).toBeLessThan(approxBytes(seed) / 2);
  });
});
