import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { UserQueues } from '../../src/bot/queue.js';
import { CHANNEL, WecomWsChannel } from '../../src/bot/wecom-ws.js';
import { readImportFile } from '../../src/import/read-file.js';
import { ImportError, MAX_IMPORT_BYTES } from '../../src/import/types.js';
import type { Database } from '../../src/store/db.js';
import { testDatabases } from '../helpers/databases.js';
import { FakeWecomWs, streamText, type Frame } from '../helpers/fake-wecom-ws.js';

const [t] = testDatabases();

describe('WeCom 智能机器人: files through the real SDK (download + decrypt) against the fake server', () => {
  let database: Database;
  let fake: FakeWecomWs;
  let channel: WecomWsChannel;
  let bot: Bot;
  const reads: { fileName: string; content: Buffer; at: number }[] = [];
  const logged: string[] = [];
  /** How long the reader takes per file name (ms). */
  const slow = new Map<string, number>();

  beforeAll(async () => {
    database = await t!.open();
    fake = new FakeWecomWs();
    const url = await fake.start();
    bot = new Bot({
      database,
      defaultRuleSetId: 'yueyang-reference',
      // the reader refuses every file, naming it and its size: the answer shows what it was given
      readFile: async (fileName, content) => {
        if (fileName.startsWith('real-')) return readImportFile(fileName, content); // the reader itself
        await new Promise((r) => setTimeout(r, slow.get(fileName) ?? 0));
        reads.push({ fileName, content: Buffer.from(content), at: Date.now() });
        throw new ImportError('IMPORT_NOTHING', `读到「${fileName}」${content.byteLength} 字节，没有能对上的行。`);
      },
    });
    channel = new WecomWsChannel({ bot, queues: new UserQueues(), botId: 'bot-1', secret: 'secret-1', wsUrl: url, log: (_l, m) => logged.push(m) });
    channel.start();
    await fake.waitFor(() => channel.health().authenticated);
  });
  afterAll(async () => {
    channel.stop();
    await fake.stop();
    await database.close();
    await t!.cleanup();
  });

  // each person is on a report (a file is read into the report being filled)
  let n = 0;
  beforeAll(async () => {
    for (const userid of ['wangwu', 'zhaoliu', 'sunqi']) {
      for (const text of ['创建单位', `${userid}单位`, '正科级', '2024']) await bot.handleMessage({ channel: CHANNEL, userExternalId: `wecom:${userid}`, text, messageId: `setup-${++n}` });
    }
  });

  const answered = (reqId: string): Promise<Frame[]> =>
    fake.waitFor(() => {
      const frames = fake.answers(reqId).filter((f) => f.cmd === 'aibot_respond_msg');
      return frames.length ? frames : undefined;
    }, 180_000);
  const auditOf = async (userid: string) => {
    const u = await database.db.user.findUnique({ where: { externalId: `wecom:${userid}` } });
    return u ? database.db.auditLog.findMany({ where: { userId: u.id, action: 'file.read' } }) : [];
  };

  it.each([
    ['not a multiple of 32 bytes', 1001],
    ['a multiple of 32 bytes (a whole block of padding)', 4096],
  ])('a file message (%s) is downloaded, decrypted and handed to Bot.handleFile with its name; the answer is the flow’s', async (_n, size) => {
    const content = randomBytes(size);
    const { reqId, path } = fake.file('wangwu', '2024年度部门整体支出绩效自评报告.docx', content);
    const frames = await answered(reqId);
    const read = reads.find((r) => r.fileName === '2024年度部门整体支出绩效自评报告.docx' && r.content.length === size)!;
    expect(read.content.equals(content)).toBe(true);
    expect(fake.served.get(path)).toBe(Math.ceil((size + 1) / 32) * 32); // what was served was encrypted and padded
    expect(streamText(frames)).toContain(`读到「2024年度部门整体支出绩效自评报告.docx」${size} 字节，没有能对上的行。`);
  });

  it('a mixed message carrying a file is a file; a download without a name still reaches the reader', async () => {
    const content = Buffer.from('项目,本年决算\n编制数,12\n');
    const mixed = await answered(fake.file('wangwu', '决算表.csv', content, { mixed: '这是今年的决算表' }).reqId);
    expect(streamText(mixed)).toContain(`读到「决算表.csv」${content.length} 字节`);
    const unnamed = await answered(fake.file('wangwu', 'x.xlsx', content, { noName: true }).reqId);
    expect(streamText(unnamed)).toContain(`读到「文件」${content.length} 字节`);
  });

  it('a download that fails is answered in Chinese and logged; nothing is read or stored', async () => {
    const before = reads.length;
    const frames = await answered(fake.file('zhaoliu', 'a.xlsx', Buffer.from('x'), { status: 500 }).reqId);
    expect(streamText(frames)).toContain('文件没有下载成功，没有读取，也没有保存任何内容');
    expect(logged.some((l) => l.includes('not downloaded') && l.includes('wecom:zhaoliu'))).toBe(true);
    expect(reads.length).toBe(before);
    expect(await auditOf('zhaoliu')).toEqual([]);
  });

  it('a file over 20 MB is refused: the download is cut off near the limit, not held whole', async () => {
    const before = reads.length;
    const { reqId, path } = fake.file('zhaoliu', 'big.xlsx', new Uint8Array(0), { size: 60 * 1024 * 1024 });
    const frames = await answered(reqId);
    expect(streamText(frames)).toContain('文件太大了（超过 20 MB）');
    expect(fake.served.get(path)!).toBeGreaterThan(MAX_IMPORT_BYTES);
    expect(fake.served.get(path)!).toBeLessThan(40 * 1024 * 1024);
    expect(reads.length).toBe(before);
  });

  it('two files at once from one person are read one after the other, each answered', async () => {
    slow.set('first.csv', 300);
    const a = fake.file('sunqi', 'first.csv', Buffer.from('1'));
    const b = fake.file('sunqi', 'second.csv', Buffer.from('2'));
    const [fa, fb] = await Promise.all([answered(a.reqId), answered(b.reqId)]);
    const first = reads.find((r) => r.fileName === 'first.csv')!;
    const second = reads.find((r) => r.fileName === 'second.csv')!;
    expect(second.at).toBeGreaterThanOrEqual(first.at);
    expect(streamText(fa)).toContain('first.csv');
    expect(streamText(fb)).toContain('second.csv');
  });

  it('an image says which files are accepted', async () => {
    const reqId = fake.text('sunqi', '', { msgtype: 'image' });
    const frames = await answered(reqId);
    expect(streamText(frames)).toContain('图片、视频等暂时无法读取');
    expect(streamText(frames)).toContain('.docx');
  });

  it('模板 is answered with the XLSX template as a file (uploaded in chunks, then sent)', async () => {
    const reqId = fake.text('wangwu', '模板');
    const uploaded = await fake.waitFor(() => fake.files.find((f) => f.filename === '2024年度wangwu单位绩效自评填报模板.xlsx'));
    expect(uploaded.content.subarray(0, 2).toString('latin1')).toBe('PK');
    await fake.waitFor(() => fake.frames.find((f) => JSON.stringify(f.body ?? {}).includes(uploaded.mediaId)));
    expect(streamText(fake.answers(reqId))).toContain('这是填报模板');
  });

  it('end to end with the real reader: a CSV sent in the chat is read and shown for confirmation', async () => {
    const csv = Buffer.from('项目,数值\n编制数,12\n实有人数,10\n');
    const frames = await answered(fake.file('wangwu', 'real-人员.csv', csv).reqId);
    expect(streamText(frames)).toContain('已读取文件「real-人员.csv」（表格，作为本年数据）');
    expect(streamText(frames)).toContain('编制数 12人');
  });
});
