import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WecomApi, WecomApiError } from '../../src/bot/wecom-api.js';
import { APP, FakeWecomApi } from '../helpers/fake-wecom-api.js';

/**
 * Issue 23: the fake WeCom API refuses what WeCom refuses (a fake that accepts everything proves
 * nothing), and the client paces sends to one member at WeCom's 30 a minute.
 */
describe('the strict fake WeCom API', () => {
  const fake = new FakeWecomApi();
  let token = '';
  beforeAll(async () => {
    await fake.start();
    token = ((await (await fetch(`${fake.url}/cgi-bin/gettoken?corpid=${APP.corpId}&corpsecret=${APP.secret}`)).json()) as { access_token: string }).access_token;
  });
  afterAll(() => fake.stop());

  const call = async (path: string, body: unknown) =>
    (await (await fetch(`${fake.url}/cgi-bin/${path}?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) })).json()) as { errcode: number; response_code?: string };
  const send = (body: Record<string, unknown>) => call('message/send', { touser: 'u1', agentid: Number(APP.agentId), ...body });
  const buttons = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `选项${i}`, key: String(i) }));
  let seq = 0;
  const card = (over: Record<string, unknown> = {}) => ({ msgtype: 'template_card', template_card: { card_type: 'button_interaction', main_title: { title: '请选择' }, task_id: `t-${++seq}`, button_list: buttons(2), ...over } });

  it('accepts a valid button card and answers a response_code', async () => {
    const r = await send(card());
    expect(r.errcode).toBe(0);
    expect(r.response_code).toMatch(/^rc-/);
  });

  it.each([
    ['seven buttons', { button_list: buttons(7) }],
    ['no buttons', { button_list: [] }],
    ['a button without key', { button_list: [{ text: 'x' }] }],
    ['two buttons with one key', { button_list: [{ text: 'a', key: 'k' }, { text: 'b', key: 'k' }] }],
    ['no main_title', { main_title: undefined }],
    ['no task_id', { task_id: undefined }],
    ['a task_id with a dot', { task_id: 'unit.rank' }],
    ['a task_id over 128 bytes', { task_id: 'a'.repeat(129) }],
  ])('refuses a button card with %s', async (_n, over) => {
    const before = fake.refused.length;
    expect((await send(card(over))).errcode).not.toBe(0);
    expect(fake.refused.length).toBe(before + 1);
  });

  it('refuses a task_id used before, a text_notice without card_action, text over 2048 and markdown over 4096 bytes', async () => {
    await send(card({ task_id: 'once' }));
    expect((await send(card({ task_id: 'once' }))).errcode).not.toBe(0);
    expect((await send({ msgtype: 'template_card', template_card: { card_type: 'text_notice', main_title: { title: 'x' } } })).errcode).not.toBe(0);
    expect((await send({ msgtype: 'text', text: { content: '字'.repeat(683) } })).errcode).toBe(45002);
    expect((await send({ msgtype: 'text', text: { content: '字'.repeat(682) } })).errcode).toBe(0);
    expect((await send({ msgtype: 'markdown', markdown: { content: 'a'.repeat(4097) } })).errcode).toBe(45002);
  });

  it('update_template_card: a response_code serves once; an unknown one is refused', async () => {
    const r = await send(card());
    const update = (code: string | undefined) => call('message/update_template_card', { userids: ['u1'], agentid: Number(APP.agentId), response_code: code, button: { replace_name: '已选择' } });
    expect((await update(r.response_code)).errcode).toBe(0);
    expect((await update(r.response_code)).errcode).not.toBe(0);
    expect((await update('rc-forged')).errcode).not.toBe(0);
  });

  it('over 30 messages to one member in a minute: the 31st is refused with 45009', async () => {
    let now = 1_000_000;
    fake.clock = () => now;
    fake.perUserPerMinute = 30;
    for (let i = 0; i < 30; i++) expect((await send({ touser: 'busy', msgtype: 'text', text: { content: `${i}` } })).errcode).toBe(0);
    expect((await send({ touser: 'busy', msgtype: 'text', text: { content: 'one more' } })).errcode).toBe(45009);
    expect((await send({ touser: 'calm', msgtype: 'text', text: { content: 'another member' } })).errcode).toBe(0);
    now += 60_001;
    expect((await send({ touser: 'busy', msgtype: 'text', text: { content: 'a minute later' } })).errcode).toBe(0);
    fake.perUserPerMinute = undefined;
    fake.clock = Date.now;
  });

  it('the client paces itself to 30 messages a member a minute: 45 sends, no refusal, one wait', async () => {
    let now = 5_000_000;
    const waits: number[] = [];
    fake.clock = () => now;
    fake.perUserPerMinute = 30;
    const refused = fake.refused.length;
    const api = new WecomApi({ corpId: APP.corpId, agentId: APP.agentId, secret: APP.secret, base: fake.url, now: () => now, sleep: async (ms) => void (waits.push(ms), (now += ms)) });
    for (let i = 0; i < 45; i++) {
      await api.sendText('paced', `第${i}条`);
      now += 100;
    }
    expect(fake.refused.slice(refused)).toEqual([]);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(50_000);
    await expect(api.sendTemplateCard('paced', { card_type: 'button_interaction' })).rejects.toBeInstanceOf(WecomApiError);
    fake.perUserPerMinute = undefined;
    fake.clock = Date.now;
  });
});
