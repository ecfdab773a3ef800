import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { readConfig } from '../../src/config.js';
import { ImportError, MAX_IMPORT_BYTES } from '../../src/import/types.js';
import { createApp } from '../../src/server.js';
import type { Database } from '../../src/store/db.js';
import { testDatabases } from '../helpers/databases.js';

const [t] = testDatabases();

describe('web chat: POST /api/chat/file', () => {
  let database: Database;
  let server: Server;
  let url: string;
  const reads: { fileName: string; content: Uint8Array }[] = [];

  beforeAll(async () => {
    database = await t!.open();
    const bot = new Bot({
      database,
      defaultRuleSetId: 'yueyang-reference',
      readFile: async (fileName, content) => {
        reads.push({ fileName, content });
        throw new ImportError('IMPORT_NOTHING', `「${fileName}」里没有找到能对上的行。`);
      },
    });
    server = createApp({ config: readConfig({}), database, bot }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await database.close();
    await t!.cleanup();
  });

  const upload = (query: Record<string, string>, body: BodyInit, type = 'application/octet-stream', extra: RequestInit = {}) =>
    fetch(`${url}/api/chat/file?${new URLSearchParams(query)}`, { method: 'POST', headers: { 'Content-Type': type }, body, ...extra });

  it('a file reaches the bot (name and bytes), and the answer is the confirm flow’s, shaped like /api/chat/message', async () => {
    for (const text of ['创建单位', '上传单位', '正科级', '2024']) {
      const res = await fetch(`${url}/api/chat/message`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: '上传者', text }) });
      expect(res.status).toBe(200);
    }
    const bytes = Buffer.from('项目,本年决算\n编制数,12\n', 'utf8');
    const res = await upload({ user: '上传者', name: '决算表.csv', id: 'u-1' }, bytes);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { replies: { text: string }[]; progress: unknown };
    expect(reads.at(-1)!.fileName).toBe('决算表.csv');
    expect(Buffer.from(reads.at(-1)!.content).equals(bytes)).toBe(true);
    // the flow says the reader's refusal, then asks where the person left off
    expect(body.replies[0]!.text).toBe('「决算表.csv」里没有找到能对上的行。');
    expect(body).toHaveProperty('progress');
    // the same message id again: already answered, nothing more
    const again = await upload({ user: '上传者', name: '决算表.csv', id: 'u-1' }, bytes);
    expect(((await again.json()) as { replies: unknown[] }).replies).toEqual([]);
  });

  it('only the file’s own name is kept (no folders, no control characters)', async () => {
    await upload({ user: '上传者', name: 'C:\\Users\\张\\Desktop\\报告\u0007.docx' }, Buffer.from('x'));
    expect(reads.at(-1)!.fileName).toBe('报告.docx');
  });

  it('refuses over 20 MB with 413 and a Chinese message, before the body is read (Content-Length) and as soon as it passes 20 MB (chunked)', async () => {
    const count = reads.length;
    const big = await upload({ user: '上传者', name: 'big.xlsx' }, new Uint8Array(MAX_IMPORT_BYTES + 1));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: 413, message: expect.stringContaining('文件太大了（超过 20 MB）') });

    // no Content-Length: a stream of 1 MB pieces, 30 MB in all unless the server stops it
    let sent = 0;
    const piece = new Uint8Array(1024 * 1024);
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent >= 30) return c.close();
        sent++;
        c.enqueue(piece);
      },
    });
    const chunked = await upload({ user: '上传者', name: 'big.xlsx' }, stream, 'application/octet-stream', { duplex: 'half' } as RequestInit).catch((e: unknown) => e);
    // the server answers 413 as soon as it has 20 MB; the client may still be sending and see the
    // connection closed instead: either way it was refused, not read
    if (chunked instanceof Response) {
      expect(chunked.status).toBe(413);
      expect(((await chunked.json()) as { message: string }).message).toContain('文件太大了');
    }
    expect(reads.length).toBe(count);
  });

  it.each([
    ['no person', { name: 'a.csv' }, 'application/octet-stream', 400, '请先输入您的名字'],
    ['no file name', { user: '上传者' }, 'application/octet-stream', 400, '请选择一个文件'],
    ['a name of 201 characters', { user: '上传者', name: `${'名'.repeat(197)}.csv` }, 'application/octet-stream', 400, '文件名须为'],
    ['a form post (another site could send one)', { user: '上传者', name: 'a.csv' }, 'text/plain', 415, '可以发送的文件'],
  ])('refuses %s', async (_n, query, type, status, message) => {
    const res = await upload(query, Buffer.from('x'), type);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { message: string }).message).toContain(message);
  });

  it('模板 in the chat gives a download link to the XLSX template', async () => {
    const res = await fetch(`${url}/api/chat/message`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: '上传者', text: '模板' }) });
    const body = (await res.json()) as { replies: { text: string; file?: { name: string; url: string } }[] };
    const file = body.replies[0]!.file!;
    expect(file.name).toBe('2024年度上传单位绩效自评填报模板.xlsx');
    const got = await fetch(url + file.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(got.headers.get('content-disposition')).toContain(encodeURIComponent(file.name));
    expect(Buffer.from(await got.arrayBuffer()).subarray(0, 2).toString('latin1')).toBe('PK');
    // another person's name in the link: not found
    expect((await fetch(url + file.url.replace(/user=[^&]+/, 'user=别人'))).status).toBe(404);
  });
});
