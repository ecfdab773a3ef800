import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Bot, type BotOptions } from '../../src/bot/bot.js';
import { UserQueues } from '../../src/bot/queue.js';
import { handleImport } from '../../src/dialogs/import-flow.js';
import type { DialogState } from '../../src/dialogs/types.js';
import { readImportFile } from '../../src/import/read-file.js';
import { ImportError, MAX_IMPORT_BYTES, type ImportProposal } from '../../src/import/types.js';
import type { Database } from '../../src/store/db.js';
import { loadConversation, loadReportModel } from '../../src/store/reports.js';
import { testDatabases } from '../helpers/databases.js';

// The confirm flow is being written elsewhere: wrap whatever handleImport is, so the tests see
// what it was given and what it returned, and hold for the stub and for the real flow alike.
vi.mock('../../src/dialogs/import-flow.js', async (original) => {
  const m = await original<typeof import('../../src/dialogs/import-flow.js')>();
  return { ...m, handleImport: vi.fn(m.handleImport) };
});
const flow = vi.mocked(handleImport);

const [t] = testDatabases();

const proposal = (fileName: string): ImportProposal => ({
  kind: 'sheet',
  fileName,
  values: [{ key: 'staff.authorized', value: 12, source: 'Sheet1!B2' }],
  items: [],
  unplaced: [],
});

describe('Bot.handleFile: a file read, handed to the confirm flow, committed like a turn', () => {
  let database: Database;
  let n = 0;
  const reads: { fileName: string; content: Uint8Array }[] = [];
  let reader: NonNullable<BotOptions['readFile']> = async () => {
    throw new Error('set per test');
  };
  const logged: string[] = [];
  let bot: Bot;

  beforeAll(async () => {
    database = await t!.open();
    bot = new Bot({
      database,
      defaultRuleSetId: 'yueyang-reference',
      readFile: (fileName, content) => {
        reads.push({ fileName, content });
        return reader(fileName, content);
      },
      readTimeoutMs: 200,
      log: (_l, msg) => logged.push(msg),
    });
  });
  afterAll(async () => {
    await database.close();
    await t!.cleanup();
  });

  const say = (user: string, text: string) => bot.handleMessage({ channel: 'test', userExternalId: user, text, messageId: `t${++n}` });
  const stateOf = async (user: string) => {
    const u = await database.db.user.findUnique({ where: { externalId: user } });
    return (await loadConversation(database.db, u!.id, 'test')) as DialogState;
  };
  const onReport = async (user: string) => {
    for (const text of ['创建单位', `单位${user}`, '正科级', '2024']) await say(user, text);
  };
  const answersOf = async (user: string) => {
    const u = await database.db.user.findUnique({ where: { externalId: user } });
    return database.db.answerHistory.count({ where: { userId: u!.id } });
  };

  it('the bytes and the name reach the reader; a proposal goes to handleImport and its replies are the answer; nothing is stored as answers', async () => {
    await onReport('wecom:f1');
    const before = await answersOf('wecom:f1');
    reader = async (name) => proposal(name);
    flow.mockClear();
    const content = new TextEncoder().encode('项目,本年决算\n编制数,12\n');
    const turn = await bot.handleFile({ channel: 'test', userExternalId: 'wecom:f1', messageId: 'file-1', fileName: '决算表.csv', content });
    expect(reads.at(-1)!.fileName).toBe('决算表.csv');
    expect(Buffer.from(reads.at(-1)!.content).equals(Buffer.from(content))).toBe(true);
    // (a turn whose optimistic read is outdated runs again: the last call is the one committed)
    expect(flow).toHaveBeenCalled();
    const [snap, , given] = flow.mock.calls.at(-1)!;
    expect(given).toEqual(proposal('决算表.csv'));
    expect(snap.report?.year).toBe(2024);
    const decision = flow.mock.results.at(-1)!.value as ReturnType<typeof handleImport>;
    expect(turn.replies).toEqual(decision.replies);
    expect(turn.replies.length).toBeGreaterThan(0);
    expect(await answersOf('wecom:f1')).toBe(before + decision.answers.length);
    // the decision's conversation state is the one stored
    expect(await stateOf('wecom:f1')).toEqual(decision.state);
    const audit = await database.db.auditLog.findMany({ where: { action: 'file.read' } });
    expect(audit.map((a) => JSON.parse(a.detail) as unknown)).toContainEqual({ fileName: '决算表.csv', size: content.byteLength, kind: 'sheet', values: 1, items: 0 });
  });

  it('a file the reader refuses (ImportError) is answered with its message, and the question asked again', async () => {
    await onReport('wecom:f2');
    const asked = (await stateOf('wecom:f2')).step;
    reader = async () => {
      throw new ImportError('IMPORT_ENCRYPTED', '这个文件设置了密码，无法读取。请取消密码后再发送。');
    };
    flow.mockClear();
    const turn = await bot.handleFile({ channel: 'test', userExternalId: 'wecom:f2', messageId: 'file-2', fileName: '加密.xlsx', content: new Uint8Array([1, 2, 3]) });
    const given = flow.mock.calls.at(-1)![2];
    expect(given).toBeInstanceOf(ImportError);
    expect((given as ImportError).code).toBe('IMPORT_ENCRYPTED');
    expect(turn.replies).toEqual((flow.mock.results.at(-1)!.value as ReturnType<typeof handleImport>).replies);
    expect(turn.replies[0]!.text).toContain('这个文件设置了密码');
    expect((await stateOf('wecom:f2')).step).toEqual(asked);
  });

  it('a repeated delivery of the same message id is answered once and committed once', async () => {
    await onReport('wecom:f3');
    reader = async (name) => proposal(name);
    const send = () => bot.handleFile({ channel: 'test', userExternalId: 'wecom:f3', messageId: 'same-file', fileName: 'a.csv', content: new Uint8Array([65]) });
    const first = await send();
    const second = await send();
    expect(first.replies.length).toBeGreaterThan(0);
    expect(second.replies).toEqual([]);
    const u = await database.db.user.findUnique({ where: { externalId: 'wecom:f3' } });
    const audit = await database.db.auditLog.findMany({ where: { userId: u!.id, action: 'file.read' } });
    expect(audit).toHaveLength(1);
  });

  it('a file over 20 MB is refused without being read', async () => {
    await onReport('wecom:f4');
    const count = reads.length;
    flow.mockClear();
    const turn = await bot.handleFile({ channel: 'test', userExternalId: 'wecom:f4', fileName: 'big.xlsx', content: new Uint8Array(MAX_IMPORT_BYTES + 1) });
    expect(reads.length).toBe(count);
    expect((flow.mock.calls.at(-1)![2] as ImportError).code).toBe('IMPORT_TOO_LARGE');
    expect(turn.replies[0]!.text).toContain('文件太大了（超过 20 MB）');
  });

  it('a reader that takes too long is given up (IMPORT_TIMEOUT) and others are answered meanwhile; a reader that crashes is logged and answered', async () => {
    await onReport('wecom:f5');
    reader = () => new Promise(() => undefined); // never settles
    const started = Date.now();
    const slow = bot.handleFile({ channel: 'test', userExternalId: 'wecom:f5', fileName: 'slow.xlsx', content: new Uint8Array([1]) });
    // someone else's text turn is not held up by the read
    const other = await say('wecom:f6', '你好');
    expect(other[0]!.text).toContain('您好');
    const turn = await slow;
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(turn.replies[0]!.text).toContain('读取超时');
    expect(logged.some((l) => l.includes('slow.xlsx'))).toBe(true);

    reader = async () => {
      throw new TypeError('cannot read properties of undefined');
    };
    const crashed = await bot.handleFile({ channel: 'test', userExternalId: 'wecom:f5', fileName: 'bug.xlsx', content: new Uint8Array([1]) });
    expect(crashed.replies[0]!.text).toContain('读取时出错了');
    expect(logged.some((l) => l.includes('bug.xlsx') && l.includes('cannot read properties'))).toBe(true);
  });

  it('two files at once from one person are handled one after the other by the per-person queue', async () => {
    await onReport('wecom:f7');
    const order: string[] = [];
    reader = async (name) => {
      order.push(`read ${name}`);
      await new Promise((r) => setTimeout(r, name === 'first.csv' ? 100 : 0));
      order.push(`done ${name}`);
      return proposal(name);
    };
    const queues = new UserQueues();
    const send = (name: string) => queues.run('wecom:f7', () => bot.handleFile({ channel: 'test', userExternalId: 'wecom:f7', messageId: name, fileName: name, content: new Uint8Array([1]) }));
    const [a, b] = await Promise.all([send('first.csv'), send('second.csv')]);
    expect(order).toEqual(['read first.csv', 'done first.csv', 'read second.csv', 'done second.csv']);
    expect(a.replies.length).toBeGreaterThan(0);
    expect(b.replies.length).toBeGreaterThan(0);
  });

  it('end to end with the real reader (in its worker thread): a CSV is read, shown, and stored only on 全部确认', async () => {
    const real = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
    try {
      const send = (text: string) => real.handleMessage({ channel: 'test', userExternalId: 'wecom:e2e', text, messageId: `e${++n}` });
      for (const text of ['创建单位', '读表单位', '正科级', '2024']) await send(text);
      const reportId = (await stateOf('wecom:e2e')).reportId!;
      const csv = new TextEncoder().encode('项目,数值\n编制数,12\n实有人数,10\n');
      const turn = await real.handleFile({ channel: 'test', userExternalId: 'wecom:e2e', messageId: 'e2e-file', fileName: '人员.csv', content: csv });
      const shown = turn.replies.map((r) => r.text).join('\n');
      expect(shown).toContain('已读取文件「人员.csv」');
      expect(shown).toContain('编制数');
      expect((await loadReportModel(database.db, reportId)).model.values['staff.authorized']).toBeUndefined();
      await send('全部确认');
      const { model } = await loadReportModel(database.db, reportId);
      expect([model.values['staff.authorized'], model.values['staff.actual']]).toEqual([12, 10]);
      // the template, pre-filled, sent back as it is: read as our template
      const [tpl] = await send('模板');
      const file = await real.file(tpl!.file!.fileId, 'wecom:e2e');
      const back = await real.handleFile({ channel: 'test', userExternalId: 'wecom:e2e', messageId: 'e2e-tpl', fileName: file!.fileName, content: file!.content });
      const said = back.replies.map((r) => r.text).join('\n');
      expect(said).toContain('（填报模板，作为本年数据）');
      expect(said).toContain('3 项与已填相同'); // rank, 编制数, 实有人数: nothing new to store (its 年度 and 单位名称 are never a file's values)
    } finally {
      await real.close();
    }
  });

  it('opening a new year offers the unit’s earlier report through the confirm flow (nothing stored before 确认); reopening it does not', async () => {
    await onReport('wecom:y1');
    await say('wecom:y1', '编制数 12 实有人数 10');
    const before = (await stateOf('wecom:y1')).reportId!;
    flow.mockClear();
    const opened = (await say('wecom:y1', '2025年度')).map((r) => r.text).join('\n');
    expect(opened).toContain('2025年度');
    // handleImport was given last year's report from the database, on the new report
    const [snap, , given] = flow.mock.calls.at(-1)!;
    expect(snap.report?.year).toBe(2025);
    expect(given).toMatchObject({ kind: 'report', year: 2024 });
    expect(opened).toContain((flow.mock.results.at(-1)!.value as ReturnType<typeof handleImport>).replies[0]!.text);
    const reportId = (await stateOf('wecom:y1')).reportId!;
    expect(reportId).not.toBe(before);
    const stored = (await loadReportModel(database.db, reportId)).model.values;
    expect(stored['staff.authorized']).toBeUndefined();
    await say('wecom:y1', '全部确认');
    expect((await loadReportModel(database.db, reportId)).model.values['staff.authorized']).toBe(12);
    // back to 2024 (it exists) and again to 2025 (it exists now too): no offer either time
    flow.mockClear();
    await say('wecom:y1', '2024年度');
    await say('wecom:y1', '2025年度');
    expect(flow).not.toHaveBeenCalled();
  });

  it('模板 answers with the XLSX template pre-filled from the report, for that person only; the conversation stays; a repeat of the message sends nothing', async () => {
    await onReport('wecom:t1');
    const state = await stateOf('wecom:t1');
    const replies = await bot.handleMessage({ channel: 'test', userExternalId: 'wecom:t1', text: '模板', messageId: 'tpl-1' });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('这是填报模板「2024年度单位wecom_t1绩效自评填报模板.xlsx」');
    const file = await bot.file(replies[0]!.file!.fileId, 'wecom:t1');
    expect(file!.fileName).toBe('2024年度单位wecom_t1绩效自评填报模板.xlsx');
    // what the reader makes of it: our template, with the unit already filled in
    const back = await readImportFile(file!.fileName, file!.content);
    expect(back.kind).toBe('template');
    expect(back.values).toContainEqual(expect.objectContaining({ key: 'unit.name', value: '单位wecom:t1' }));
    expect(await bot.file(replies[0]!.file!.fileId, 'wecom:someone-else')).toBeUndefined();
    expect(await stateOf('wecom:t1')).toEqual(state);
    expect(await bot.handleMessage({ channel: 'test', userExternalId: 'wecom:t1', text: '模板', messageId: 'tpl-1' })).toEqual([]);
    // someone not on a report yet gets the blank template
    const blank = await bot.handleMessage({ channel: 'test', userExternalId: 'wecom:t2', text: '下载模板' });
    expect(blank[0]!.file!.fileName).toBe('绩效自评填报模板.xlsx');
  });
});
