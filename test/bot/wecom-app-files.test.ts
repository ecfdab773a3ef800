import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { UserQueues } from '../../src/bot/queue.js';
import { dispositionName, WecomApi } from '../../src/bot/wecom-api.js';
import { CHANNEL, wecomAppRouter } from '../../src/bot/wecom-app.js';
import { readConfig } from '../../src/config.js';
import { readImportFile } from '../../src/import/read-file.js';
import { ImportError, MAX_IMPORT_BYTES } from '../../src/import/types.js';
import { createApp } from '../../src/server.js';
import type { Database } from '../../src/store/db.js';
import { testDatabases } from '../helpers/databases.js';
import { APP, FakeWecomApi, postCallback } from '../helpers/fake-wecom-api.js';

const [t] = testDatabases();
let seq = 0;
const fileMsg = (user: string, mediaId: string, fileName?: string) => ({
  ToUserName: APP.corpId,
  FromUserName: user,
  CreateTime: Math.floor(Date.now() / 1000),
  MsgType: 'file',
  MediaId: mediaId,
  ...(fileName ? { FileName: fileName } : {}),
  MsgId: `file-${++seq}`,
  AgentID: APP.agentId,
});

describe('dispositionName (the name of a media/get download)', () => {
  it.each([
    ['RFC 5987', "attachment; filename*=UTF-8''%E5%86%B3%E7%AE%97%E8%A1%A8.xlsx", '决算表.xlsx'],
    ['raw UTF-8 bytes (as fetch gives them: Latin-1)', `attachment; filename="${Buffer.from('去年报告.docx').toString('latin1')}"`, '去年报告.docx'],
    ['percent-encoded in quotes', 'attachment; filename="%E6%8A%A5%E5%91%8A.docx"', '报告.docx'],
    ['plain ASCII', 'attachment; filename=report.csv', 'report.csv'],
    ['none', null, undefined],
  ])('%s', (_n, header, name) => {
    expect(dispositionName(header)).toBe(name);
  });
});

describe('WeCom 自建应用: files through media/get (fake WeCom API)', () => {
  let database: Database;
  let fake: FakeWecomApi;
  let server: Server;
  let url: string;
  let bot: Bot;
  const reads: { fileName: string; content: Buffer }[] = [];
  const logged: string[] = [];
  const slow = new Map<string, number>();

  beforeAll(async () => {
    database = await t!.open();
    fake = new FakeWecomApi();
    await fake.start();
    bot = new Bot({
      database,
      defaultRuleSetId: 'yueyang-reference',
      // refuses every file, naming it and its size: the answer shows what the reader was given
      readFile: async (fileName, content) => {
        if (fileName.startsWith('real-')) return readImportFile(fileName, content); // the reader itself
        await new Promise((r) => setTimeout(r, slow.get(fileName) ?? 0));
        reads.push({ fileName, content: Buffer.from(content) });
        throw new ImportError('IMPORT_NOTHING', `读到「${fileName}」${content.byteLength} 字节，没有能对上的行。`);
      },
    });
    const api = new WecomApi({ corpId: APP.corpId, agentId: APP.agentId, secret: APP.secret, base: fake.url, sleep: async () => undefined });
    const channel = wecomAppRouter({ bot, database, queues: new UserQueues(), api, corpId: APP.corpId, token: APP.token, aesKey: APP.aesKey, log: (_l, m) => logged.push(m) });
    server = createApp({ config: readConfig({}), database, bot, routers: [channel.router] }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // each person is on a report (a file is read into the report being filled)
    for (const user of ['lisi', 'zhouba', 'wujiu']) {
      for (const text of ['创建单位', `${user}单位`, '正科级', '2024']) await bot.handleMessage({ channel: CHANNEL, userExternalId: `wecom:${user}`, text, messageId: `setup-${++seq}` });
    }
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await fake.stop();
    await database.close();
    await t!.cleanup();
  });

  // texts and files (the choice cards that follow questions are checked in wecom-app-cards.test.ts)
  const sentTo = (user: string) => fake.sent.filter((s) => s.touser === user && s.msgtype !== 'template_card');
  const send = async (user: string, msg: Record<string, string | number>) => {
    const before = sentTo(user).length;
    const res = await postCallback(url, msg);
    expect(res.status).toBe(200);
    const end = Date.now() + 120_000; // backstop for a loaded machine
    while (sentTo(user).length <= before) {
      if (Date.now() > end) throw new Error(`no answer to ${user}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return sentTo(user).slice(before);
  };
  const auditOf = async (user: string) => {
    const u = await database.db.user.findUnique({ where: { externalId: `wecom:${user}` } });
    return database.db.auditLog.findMany({ where: { userId: u!.id, action: 'file.read' } });
  };

  it('a file message is stored, downloaded with media/get (name from Content-Disposition) and read; the answer is the flow’s', async () => {
    const content = randomBytes(3000);
    const mediaId = fake.addMedia('2024年度绩效自评报告.docx', content);
    const replies = await send('lisi', fileMsg('lisi', mediaId));
    const read = reads.at(-1)!;
    expect(read.fileName).toBe('2024年度绩效自评报告.docx');
    expect(read.content.equals(content)).toBe(true);
    expect(replies[0]!.content).toContain('读到「2024年度绩效自评报告.docx」3000 字节，没有能对上的行。');
    // stored in the inbox like any message
    const stored = await database.db.inboxMessage.findMany({ where: { channel: CHANNEL } });
    expect(stored.some((m) => m.payload.includes(mediaId))).toBe(true);
  });

  it('without a name in the download the message’s FileName is used, else a plain name; an expired token is refreshed', async () => {
    const content = Buffer.from('项目,本年决算\n');
    expect((await send('lisi', fileMsg('lisi', fake.addMedia(undefined, content), '决算表.csv')))[0]!.content).toContain('读到「决算表.csv」');
    fake.expireToken();
    expect((await send('lisi', fileMsg('lisi', fake.addMedia(undefined, content))))[0]!.content).toContain('读到「文件」');
  });

  it('an unknown media id (errcode 40007) is answered in Chinese and logged; nothing is read or stored', async () => {
    const before = reads.length;
    const replies = await send('zhouba', fileMsg('zhouba', 'no-such-media', 'a.xlsx'));
    expect(replies[0]!.content).toContain('文件没有下载成功，没有读取，也没有保存任何内容');
    expect(logged.some((l) => l.includes('not downloaded') && l.includes('40007'))).toBe(true);
    expect(reads.length).toBe(before);
    expect(await auditOf('zhouba')).toEqual([]);
  });

  it('a file over 20 MB is refused: by Content-Length before reading, or cut off once past 20 MB', async () => {
    const before = reads.length;
    const declared = fake.addLargeMedia(60 * 1024 * 1024, true);
    expect((await send('zhouba', fileMsg('zhouba', declared)))[0]!.content).toContain('文件太大了（超过 20 MB）');
    expect(fake.served.get(declared)!).toBeLessThan(MAX_IMPORT_BYTES / 2);
    const streamed = fake.addLargeMedia(60 * 1024 * 1024);
    expect((await send('zhouba', fileMsg('zhouba', streamed)))[0]!.content).toContain('文件太大了（超过 20 MB）');
    expect(fake.served.get(streamed)!).toBeGreaterThan(MAX_IMPORT_BYTES);
    expect(fake.served.get(streamed)!).toBeLessThan(40 * 1024 * 1024);
    expect(reads.length).toBe(before);
    expect(logged.filter((l) => l.includes('media larger than'))).toHaveLength(2);
  });

  it('two files at once from one person are read one after the other, each answered', async () => {
    slow.set('first.csv', 300);
    const a = fileMsg('wujiu', fake.addMedia('first.csv', Buffer.from('1')));
    const b = fileMsg('wujiu', fake.addMedia('second.csv', Buffer.from('2')));
    const before = reads.length;
    const [ra, rb] = await Promise.all([postCallback(url, a), postCallback(url, b)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    const end = Date.now() + 120_000; // backstop for a loaded machine
    while (sentTo('wujiu').length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(reads.slice(before).map((r) => r.fileName)).toEqual(['first.csv', 'second.csv']);
    expect(sentTo('wujiu').map((s) => s.content).join('\n')).toMatch(/first\.csv[\s\S]*second\.csv/);
  });

  it('an image says which files are accepted', async () => {
    const replies = await send('wujiu', { ToUserName: APP.corpId, FromUserName: 'wujiu', CreateTime: 1, MsgType: 'image', PicUrl: 'x', MediaId: 'img', MsgId: `img-${++seq}`, AgentID: APP.agentId });
    expect(replies[0]!.content).toContain('图片、视频等暂时无法读取。可以发送的文件');
  });

  it('模板 is answered with the XLSX template, uploaded (media/upload) and sent as a file', async () => {
    const before = sentTo('lisi').length;
    const res = await postCallback(url, { ToUserName: APP.corpId, FromUserName: 'lisi', CreateTime: 1, MsgType: 'text', Content: '模板', MsgId: `tpl-${++seq}`, AgentID: APP.agentId });
    expect(res.status).toBe(200);
    const end = Date.now() + 120_000; // backstop for a loaded machine
    while (!sentTo('lisi').slice(before).some((m) => m.msgtype === 'file') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    const sent = sentTo('lisi').slice(before);
    expect(sent[0]!.content).toContain('这是填报模板「2024年度lisi单位绩效自评填报模板.xlsx」');
    const file = sent.find((m) => m.msgtype === 'file')!;
    const upload = fake.uploads.find((u) => u.mediaId === file.media_id)!;
    expect(upload.filename).toBe('2024年度lisi单位绩效自评填报模板.xlsx');
    expect(upload.content.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('end to end with the real reader: a CSV sent to the app is read and shown for confirmation', async () => {
    const csv = Buffer.from('项目,数值\n编制数,12\n实有人数,10\n');
    const replies = await send('wujiu', fileMsg('wujiu', fake.addMedia('real-人员.csv', csv)));
    expect(replies[0]!.content).toContain('已读取文件「real-人员.csv」（表格，作为本年数据）');
    expect(replies[0]!.content).toContain('编制数 12人');
  });
});
