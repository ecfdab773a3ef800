import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot, type BotOptions } from '../../src/bot/bot.js';
import { UserQueues } from '../../src/bot/queue.js';
import { WecomWsChannel } from '../../src/bot/wecom-ws.js';
import type { Database } from '../../src/store/db.js';
import { loadReportModel } from '../../src/store/reports.js';
import { testDatabases } from '../helpers/databases.js';
import { gatedBuild } from '../helpers/gated-build.js';
import { FakeWecomWs, streamText, type Frame } from '../helpers/fake-wecom-ws.js';

const [t] = testDatabases();

/** A fresh database, fake WeCom server and connected channel; `stop` tears all three down. */
async function connected(extra: Partial<ConstructorParameters<typeof WecomWsChannel>[0]> = {}, botOptions: Partial<BotOptions> = {}) {
  const t = testDatabases()[0]!;
  const database = await t.open();
  const fake = new FakeWecomWs();
  const url = await fake.start();
  const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference', ...botOptions });
  const channel = new WecomWsChannel({ bot, queues: new UserQueues(), botId: 'bot-1', secret: 'secret-1', wsUrl: url, ...extra });
  channel.start();
  await fake.waitFor(() => channel.health().authenticated);
  const stop = async () => {
    channel.stop();
    await fake.stop();
    await database.close();
    await t.cleanup();
  };
  return { database, fake, bot, channel, stop };
}

describe('WeCom 智能机器人 over the long connection (real SDK, fake server)', () => {
  let database: Database;
  let fake: FakeWecomWs;
  let channel: WecomWsChannel;
  let url: string;
  const newChannel = (secret = 'secret-1') =>
    new WecomWsChannel({
      bot: new Bot({ database, defaultRuleSetId: 'yueyang-reference' }),
      queues: new UserQueues(),
      botId: 'bot-1',
      secret,
      wsUrl: url,
      sdk: { reconnectInterval: 100, heartbeatInterval: 1000 },
    });

  beforeAll(async () => {
    database = await t!.open();
    fake = new FakeWecomWs();
    url = await fake.start();
    channel = newChannel();
    channel.start();
    await fake.waitFor(() => channel.health().authenticated);
  });
  afterAll(async () => {
    channel.stop();
    await fake.stop();
    await database.close();
    await t!.cleanup();
  });

  const say = async (userid: string, text: string, opts: Parameters<FakeWecomWs['text']>[2] = {}) => {
    const reqId = fake.text(userid, text, opts);
    return fake.waitFor(() => {
      const frames = fake.answers(reqId);
      return frames.length && frames.some((f) => f.cmd === 'aibot_respond_msg') ? frames : undefined;
    });
  };

  it('authenticates with the bot id and secret, and health says so', () => {
    expect(channel.health()).toMatchObject({ enabled: true, connected: true, authenticated: true, lastError: null });
    expect(fake.frames.find((f) => f.cmd === 'aibot_subscribe')!.body).toEqual(expect.objectContaining({ bot_id: 'bot-1', secret: 'secret-1' }));
  });

  /** The last card pushed to a person, once it is there (after `count` earlier ones). */
  const cardFor = (userid: string, count = 0) => fake.waitFor(() => fake.cards(userid)[count]);

  it('answers text with one finished stream, and pushes the choices as a button card naming its question', async () => {
    const frames = await say('zhangsan', '你好');
    expect(streamText(frames)).toContain('您好，我是绩效自评助手');
    const card = await cardFor('zhangsan');
    expect(card).toMatchObject({ card_type: 'button_interaction', main_title: { title: '请选择' } });
    expect(card.button_list.map((b) => b.key)).toEqual(['创建单位', '加入单位']);
    expect(card.task_id).toMatch(/^q-[0-9a-f]{16}-[A-Za-z0-9]+$/);
    // one passive reply: a single finished stream, no card or file on the callback
    const passive = fake.answers(frames[0]!.headers.req_id);
    expect(passive).toHaveLength(1);
    expect((passive[0]!.body as { stream: { finish: boolean } }).stream.finish).toBe(true);
    expect(fake.refused).toEqual([]);
  });

  it('a click updates its card first (chosen, buttons greyed), then is handled like typed text and answered by push', async () => {
    const card = await cardFor('zhangsan');
    const reqId = fake.click('zhangsan', '创建单位', card.task_id);
    const update = await fake.waitFor(() => fake.answers(reqId).find((f) => f.cmd === 'aibot_respond_update_msg'));
    expect(update.body).toMatchObject({ response_type: 'update_template_card', template_card: { card_type: 'button_interaction', task_id: card.task_id, replace_text: '已选择：创建单位' } });
    const sent = await fake.waitFor(() => fake.frames.find((f) => f.cmd === 'aibot_send_msg' && JSON.stringify(f.body).includes('请输入单位全称')));
    expect((sent.body as { chatid: string }).chatid).toBe('zhangsan');
    expect(fake.frames.indexOf(update)).toBeLessThan(fake.frames.indexOf(sent));
    // more than six choices (机构级别) are a numbered list in the text, no card
    const rank = await say('zhangsan', '岳阳市法律援助中心');
    expect(streamText(rank)).toMatch(/1\. 正厅级/);
    expect(fake.cards('zhangsan')).toHaveLength(1);
    await say('zhangsan', '正科级');
    expect(fake.refused).toEqual([]);
  });

  it('a click on an old card stores nothing: the card says expired and the current question is shown again', async () => {
    const first = await cardFor('zhangsan'); // 创建单位 / 加入单位, long answered
    const u = await database.db.user.findUnique({ where: { externalId: 'wecom:zhangsan' } });
    const before = await database.db.conversationState.findFirst({ where: { userId: u!.id } });
    const pushed = fake.frames.length;
    const reqId = fake.click('zhangsan', '加入单位', first.task_id);
    const update = await fake.waitFor(() => fake.answers(reqId).find((f) => f.cmd === 'aibot_respond_update_msg'));
    expect(update.body).toMatchObject({ template_card: { replace_text: '已过期' } });
    const told = await fake.waitFor(() => fake.frames.slice(pushed).find((f) => f.cmd === 'aibot_send_msg' && JSON.stringify(f.body).includes('这个选项已过期')));
    expect(JSON.stringify(told.body)).toContain('年度');
    const after = await database.db.conversationState.findFirst({ where: { userId: u!.id } });
    expect(after!.state).toEqual(before!.state);
    // a forged task_id, and a card clicked by someone it was not sent to, are expired too
    for (const [who, task] of [['zhangsan', 'task-1'], ['lisi', first.task_id]] as const) {
      const id = fake.click(who, '2024', task);
      const up = await fake.waitFor(() => fake.answers(id).find((f) => f.cmd === 'aibot_respond_update_msg'));
      expect(up.body).toMatchObject({ template_card: { replace_text: '已过期' } });
    }
    expect((await database.db.conversationState.findFirst({ where: { userId: u!.id } }))!.state).toEqual(after!.state);
    expect(fake.refused).toEqual([]);
  });

  it('voice (already transcribed) is text; an image is told which files are accepted (files: wecom-ws-files.test.ts)', async () => {
    const voice = await say('zhangsan', '2024', { msgtype: 'voice' });
    expect(streamText(voice)).toContain('新建2024年度报告');
    const image = await say('zhangsan', '', { msgtype: 'image' });
    expect(streamText(image)).toContain('图片、视频等暂时无法读取。可以发送的文件：去年的自评报告（.docx）');
  });

  it('enter_chat gets a welcome that says where the user left off', async () => {
    const reqId = fake.enterChat('zhangsan');
    const welcome = await fake.waitFor(() => fake.answers(reqId).find((f) => f.cmd === 'aibot_respond_welcome_msg'));
    expect(JSON.stringify(welcome.body)).toMatch(/【第\d+\/\d+项 · 基本情况】/);
  });

  it('a message delivered three times is answered once and stored once', async () => {
    const msgid = 'dup-msg-1';
    const ids = [0, 1, 2].map(() => fake.text('zhangsan', '编制数 11 实有人数 9', { msgid }));
    await fake.waitFor(() => ids.some((id) => fake.answers(id).some((f) => f.cmd === 'aibot_respond_msg')));
    // a new message is answered after the other deliveries have had their turn (one queue per person)
    await say('zhangsan', '进度');
    expect(ids.filter((id) => fake.answers(id).length > 0)).toHaveLength(1);
    const u = await database.db.user.findUnique({ where: { externalId: 'wecom:zhangsan' } });
    const rows = await database.db.answerHistory.findMany({ where: { userId: u!.id, fieldKey: 'staff.authorized' } });
    expect(rows).toHaveLength(1);
  });

  it('in a group chat it answers only when addressed', async () => {
    const silent = fake.text('zhangsan', '大家好', { chattype: 'group' });
    const addressed = await say('zhangsan', '@绩效助手 进度', { chattype: 'group' });
    expect(streamText(addressed)).toContain('填写进度');
    // the silent one came first, so an answer to it would have come before this one (one queue per person)
    expect(fake.answers(silent)).toEqual([]);
  });

  it('生成报告 answers at once with an open stream, finishes it with the score, then sends the DOCX (chunked, md5-checked)', async () => {
    await say('zhangsan', '生成报告');
    const frames = await say('zhangsan', '确认生成');
    const reqId = frames[0]!.headers.req_id;
    // first: the stream is opened, not finished, and says the report is on its way
    const first = frames[0]!.body as { msgtype: string; stream: { id: string; finish: boolean; content: string } };
    expect(first.msgtype).toBe('stream');
    expect(first.stream.finish).toBe(false);
    expect(first.stream.content).toContain('正在生成报告');
    // the file is pushed (aibot_send_msg), never a second passive reply after the finished stream
    const isFile = (f: Frame) => f.cmd === 'aibot_send_msg' && (f.body as { msgtype?: string }).msgtype === 'file';
    const file = await fake.waitFor(() => fake.frames.find(isFile));
    expect(fake.answers(reqId).some((f) => (f.body as { msgtype?: string }).msgtype === 'file')).toBe(false);
    // the file is pushed while the stream is open; then the same stream is finished with the result
    const finished = await fake.waitFor(() =>
      fake.answers(reqId).find((f) => (f.body as { stream?: { id: string; finish: boolean } }).stream?.id === first.stream.id && (f.body as { stream: { finish: boolean } }).stream.finish),
    );
    expect((finished.body as { stream: { content: string } }).stream.content).toMatch(/正在生成报告[\s\S]*报告已生成：.*\n自评得分 \d+\.\d\d 分/);
    expect(fake.frames.indexOf(file)).toBeLessThan(fake.frames.indexOf(finished));
    expect(fake.refused).toEqual([]);
    const mediaId = (file.body as { file: { media_id: string } }).file.media_id;
    const stored = fake.files.find((f) => f.mediaId === mediaId)!;
    expect(stored.filename).toBe('2024年度岳阳市法律援助中心单位整体支出绩效自评报告.docx');
    expect(stored.content.subarray(0, 2).toString('latin1')).toBe('PK');
    const u = await database.db.user.findUnique({ where: { externalId: 'wecom:zhangsan' } });
    const gen = await database.db.generatedFile.findFirst({ where: { createdById: u!.id } });
    expect(Buffer.from(gen!.content).equals(stored.content)).toBe(true);
  });

  it('a dropped connection is re-established by the same client, nothing lost', async () => {
    const before = fake.authenticated;
    fake.dropConnection();
    await fake.waitFor(() => fake.authenticated > before);
    await fake.waitFor(() => channel.health().authenticated);
    const frames = await say('zhangsan', '进度');
    expect(streamText(frames)).toContain('填写进度');
  });

  it('disconnected_event (another instance took over) shows in health', async () => {
    fake.kick();
    await fake.waitFor(() => channel.health().replacedAt);
    expect(channel.health().replacedAt).toMatch(/^\d{4}-/);
  });

  it('a wrong secret is reported as not authenticated with the error', async () => {
    const wrong = newChannel('bad-secret');
    wrong.start();
    await fake.waitFor(() => wrong.health().lastError);
    expect(wrong.health()).toMatchObject({ authenticated: false });
    expect(wrong.health().lastError).toContain('invalid secret');
    wrong.stop();
  });

  it('stores what was typed over the long connection', async () => {
    const u = await database.db.user.findUnique({ where: { externalId: 'wecom:zhangsan' } });
    const report = await database.db.report.findFirst({ where: { unit: { memberships: { some: { userId: u!.id } } } } });
    const { model } = await loadReportModel(database.db, report!.id);
    expect(model.values).toMatchObject({ 'unit.name': '岳阳市法律援助中心', 'unit.rank': '正科级', 'staff.authorized': 11, 'staff.actual': 9 });
  });
});


describe('the whole seed report through the real SDK, from enter_chat to 生成报告', () => {
  it('ends with a valid DOCX naming the unit and a score summary at the fake server', async () => {
    const { Walker } = await import('../helpers/walker.js');
    const { seedModel } = await import('../helpers/rulesets.js');
    const { unzipSync } = await import('fflate');
    const { database, fake, bot, stop } = await connected();
    const enter = fake.enterChat('walker');
    await fake.waitFor(() => fake.answers(enter).find((f) => f.cmd === 'aibot_respond_welcome_msg'));
    const walker = new Walker(database, bot, seedModel(), 'wecom:walker', 'wecom-bot');
    walker.transport = async (text) => {
      const reqId = fake.text('walker', text);
      await fake.waitFor(() => fake.answers(reqId).some((f) => f.cmd === 'aibot_respond_msg'), 20_000);
      return [];
    };
    await walker.walk();
    const file = await fake.waitFor(() => fake.files.find((f) => f.type === 'file'), 20_000);
    expect(file.filename).toBe('2024年度岳阳市法律援助中心单位整体支出绩效自评报告.docx');
    const doc = new TextDecoder().decode(unzipSync(new Uint8Array(file.content))['word/document.xml']!);
    expect(doc).toContain('岳阳市法律援助中心');
    await fake.waitFor(() => fake.frames.find((f) => f.cmd === 'aibot_send_msg' && (f.body as { msgtype?: string }).msgtype === 'file'));
    expect(fake.frames.some((f) => f.cmd === 'aibot_respond_msg' && (f.body as { msgtype?: string }).msgtype === 'file')).toBe(false);
    // the stream that opened the turn is finished after the file is pushed: wait for it, do not race it
    await fake.waitFor(() => fake.frames.some((f) => f.cmd === 'aibot_respond_msg' && streamText([f]).includes('自评得分 96.88 分（优）')));
    await stop();
  }, 180_000);
});

describe('faults on the long connection', () => {
  it('a reply ack error is logged and the next user is still served; an upload failing twice still arrives', async () => {
    const { fake, channel, stop } = await connected();
    // WeCom answers the reply of user a with an error
    fake.nackFor = (f) => f.cmd === 'aibot_respond_msg' && JSON.stringify(f.body).includes('您好');
    fake.text('a', '你好');
    await fake.waitFor(() => channel.health().lastError);
    fake.nackFor = undefined;
    const ok = fake.text('b', '帮助');
    await fake.waitFor(() => fake.answers(ok).some((f) => f.cmd === 'aibot_respond_msg'));
    // the first two tries of the report's upload chunk fail; the SDK's third try succeeds (a score
    // picture, uploaded as an image whenever its thread has drawn it, is left alone)
    let failures = 0;
    fake.nackFor = (f) => f.cmd === 'aibot_upload_media_chunk' && fake.uploadType((f.body as { upload_id?: unknown }).upload_id) === 'file' && failures++ < 2;
    for (const t of ['创建单位', '测试单位', '正科级', '2024', '生成报告']) {
      const id = fake.text('b', t);
      await fake.waitFor(() => fake.answers(id).some((f) => f.cmd === 'aibot_respond_msg'));
    }
    fake.text('b', '确认生成');
    const file = await fake.waitFor(() => fake.files.find((f) => f.type === 'file'), 20_000);
    expect(failures).toBe(3);
    expect(file.content.subarray(0, 2).toString('latin1')).toBe('PK');
    await stop();
  }, 180_000);
});

describe('a report build that is slow or fails', () => {
  it('builds do not hold up other people; a failed build finishes its stream with what to do next', async () => {
    const { build, release, started } = gatedBuild((model) => model.values['unit.name'] === '慢构建单位0');
    const { fake, stop } = await connected({}, { build });
    const send = async (user: string, text: string) => {
      const id = fake.text(user, text);
      await fake.waitFor(() => fake.answers(id).some((f) => f.cmd === 'aibot_respond_msg'), 20_000);
      return id;
    };
    // eight people (as many as the bot runs turns at once) ask for their report; every build is held
    const users = Array.from({ length: 8 }, (_, i) => i);
    const asked = await Promise.all(
      users.map(async (i) => {
        for (const t of ['创建单位', `慢构建单位${i}`, '正科级', '2024', '生成报告']) await send(`slow${i}`, t);
        return send(`slow${i}`, '确认生成');
      }),
    );
    for (const id of asked) expect(streamText(fake.answers(id))).toContain('正在生成报告');
    // someone else is still answered at once
    const other = await send('other', '帮助');
    expect(streamText(fake.answers(other))).not.toBe('');
    expect(started()).toBeGreaterThan(0);
    expect(fake.files).toHaveLength(0);
    release();
    const stream = (fake.answers(asked[0]!)[0]!.body as { stream: { id: string } }).stream.id;
    const closed = await fake.waitFor(
      () => fake.answers(asked[0]!).find((f) => (f.body as { stream?: { id: string; finish: boolean } }).stream?.id === stream && (f.body as { stream: { finish: boolean } }).stream.finish),
      20_000,
    );
    expect((closed.body as { stream: { content: string } }).stream.content).toContain('报告文件没有生成成功（您填写的内容都已保存）');
    // the other seven get their files, each once: each stream is finished after its file was pushed
    const finished = (id: string) => fake.answers(id).some((f) => (f.body as { stream?: { finish: boolean } }).stream?.finish);
    await fake.waitFor(() => asked.every(finished), 30_000);
    expect(fake.files.filter((f) => f.type === 'file').map((f) => f.filename).sort()).toEqual(users.slice(1).map((i) => `2024年度慢构建单位${i}单位整体支出绩效自评报告.docx`));
    await stop();
  }, 180_000);
});

describe('the socket drops in the middle of the report upload', () => {
  it('the client reconnects and the report still arrives, exactly once', async () => {
    const { fake, stop } = await connected({ sdk: { reconnectInterval: 100 } });
    for (const t of ['创建单位', '断线测试单位', '正科级', '2024', '生成报告']) {
      const id = fake.text('c', t);
      await fake.waitFor(() => fake.answers(id).some((f) => f.cmd === 'aibot_respond_msg'));
    }
    fake.dropOn = (f) => f.cmd === 'aibot_upload_media_chunk';
    const auth = fake.authenticated;
    fake.text('c', '确认生成');
    await fake.waitFor(() => fake.authenticated > auth, 15_000);
    // the reply to the old callback is refused after the reconnect, so the file goes out proactively
    const sent = await fake.waitFor(() => fake.frames.find((f) => f.cmd === 'aibot_send_msg' && (f.body as { msgtype?: string }).msgtype === 'file'), 20_000);
    const docs = fake.files.filter((f) => f.type === 'file'); // (the score picture follows as image media)
    expect(docs).toHaveLength(1);
    expect((sent.body as { file: { media_id: string } }).file.media_id).toBe(docs[0]!.mediaId);
    expect(docs[0]!.filename).toBe('2024年度断线测试单位单位整体支出绩效自评报告.docx');
    // the next message is answered once the 确认生成 turn is over (one queue per person): no second file came
    const next = fake.text('c', '进度');
    await fake.waitFor(() => fake.answers(next).some((f) => f.cmd === 'aibot_respond_msg'), 30_000);
    expect(fake.frames.filter((f) => f.cmd === 'aibot_send_msg' && (f.body as { msgtype?: string }).msgtype === 'file')).toHaveLength(1);
    await stop();
  }, 180_000);
});

describe('reply acks that never come', () => {
  it('after the SDK’s 5 s ack timeout the error is logged; other users are served meanwhile', async () => {
    const { database, fake, channel, stop } = await connected();
    const silent = fake.text('slow', '你好');
    fake.dropAcksFor = (f) => f.headers.req_id === silent;
    const other = fake.text('quick', '帮助');
    await fake.waitFor(() => fake.answers(other).some((f) => f.cmd === 'aibot_respond_msg'));
    expect(channel.health().lastError).toBeNull(); // the other user did not wait for the timeout
    await fake.waitFor(() => channel.health().lastError, 10_000);
    expect(channel.health().lastError).toMatch(/timeout/i);
    // the user's answer was committed before the reply was sent, so nothing is lost
    const u = await database.db.user.findUnique({ where: { externalId: 'wecom:slow' } });
    expect(await database.db.conversationState.findFirst({ where: { userId: u!.id } })).not.toBeNull();
    await stop();
  }, 180_000);
});
