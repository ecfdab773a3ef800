import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refId } from '../../src/dialogs/types.js';
import type { Database } from '../../src/store/db.js';
import { testDatabases } from '../helpers/databases.js';
import { seedModel } from '../helpers/rulesets.js';
import { Walker, newBot } from '../helpers/walker.js';

/**
 * Issue 25 item 2: 上一步 goes back to any earlier question of the report (it stopped after 30),
 * through a history kept in the database, not in the turn state.
 */

describe.each(testDatabases())('上一步 through the whole report ($name)', (tdb) => {
  let database: Database;
  beforeAll(async () => {
    database = await tdb.open();
  });
  afterAll(async () => {
    await database.close();
    await tdb.cleanup();
  });

  it('after 150+ questions, 上一步 walks back through every one of them, in reverse, to the first; the state stays small', async () => {
    const walker = new Walker(database, newBot(database), seedModel(), 'wecom:back');
    const left: string[] = [];
    for (;;) {
      const state = await walker.state();
      if (state.step.kind === 'field' && state.step.ref.key === 'govFund.has') break;
      if (state.step.kind === 'field' && !state.step.more) left.push(refId(state.step.ref)); // 完成 of a long text is no new question
      await walker.send((await walker.answer())!);
    }
    expect(left.length).toBeGreaterThan(150);
    // a fresh process: nothing of the history lives in this one
    const bot = newBot(database);
    const asked: string[] = [];
    let size = 0;
    for (let i = 0; i < left.length + 2; i++) {
      const replies = await bot.handleMessage({ channel: 'test', userExternalId: 'wecom:back', text: '上一步', messageId: `b${i}` });
      const state = await walker.state();
      if (replies.some((r) => r.text.includes('已经是第一项了'))) break;
      expect(state.step.kind).toBe('field');
      if (state.step.kind === 'field') asked.push(refId(state.step.ref));
      // the history is not in the state: it does not grow as 上一步 goes further back
      expect(state.back).toEqual([]);
      size ||= JSON.stringify(state).length;
      expect(state.queue.length).toBeLessThanOrEqual(1);
      expect(JSON.stringify(state).length).toBeLessThan(size + 200);
    }
    expect(asked).toEqual([...left].reverse());
  }, 300_000);

  it('an answer after going back resets the walk: 上一步 then goes to the question just answered', async () => {
    const walker = new Walker(database, newBot(database), seedModel(), 'wecom:back2');
    await walker.walk({ until: (s) => s.step.kind === 'field' && s.step.ref.key === 'budget.initial' });
    const say = async (text: string) => (await walker.send(text)).map((r) => r.text).join('\n');
    expect(await say('上一步')).toContain('编制情况表述');
    expect(await say('上一步')).toContain('编制类型');
    expect(await say('上一步')).toContain('实有人数');
    expect(await say('10')).toContain('已记录 实有人数 10人');
    expect(await say('上一步')).toContain('实有人数');
    expect(await say('上一步')).toContain('编制情况表述');
  }, 300_000);
});
