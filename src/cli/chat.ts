import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Bot, type TurnResult } from '../bot/bot.js';
import { readConfig } from '../config.js';
import { AppError } from '../errors.js';
import { MAX_IMPORT_BYTES } from '../import/types.js';
import { zh } from '../messages/zh.js';
import { openDatabase } from '../store/db.js';

/**
 * Terminal chat on the same bot: `npm run chat -- --user u1`, one message per line on standard
 * input (piped input works: printf '帮助\n得分\n' | npm run chat -- --user u1). A generated
 * report is written to out/ and its path printed. A line `/file <路径>` sends that file, as if
 * sent in the chat (checked to be at most 20 MB before it is read).
 */
const args = process.argv.slice(2).filter((a) => a !== '--');
const at = args.indexOf('--user');
const user = at >= 0 ? args[at + 1] : undefined;
if (!user) {
  console.error('用法：npm run chat -- --user <用户名>');
  process.exit(2);
}

try {
  const config = readConfig();
  const database = await openDatabase(config.DATABASE_URL);
  const bot = new Bot({ database, defaultRuleSetId: config.RULESET_DEFAULT });
  const externalId = `cli:${user}`;
  const print = async (replies: Awaited<ReturnType<Bot['handleMessage']>>) => {
    for (const r of replies) {
      console.log(r.text);
      if (r.file) {
        const file = await bot.file(r.file.fileId, externalId);
        if (file) {
          mkdirSync('out', { recursive: true });
          const path = resolve(join('out', file.fileName));
          writeFileSync(path, file.content);
          console.log(`文件已保存：${path}`);
        }
      }
      console.log('');
    }
  };
  const all = async (t: TurnResult) => (t.followUp ? [...t.replies, ...(await t.followUp())] : t.replies);
  /** `/file <路径>`: the file's replies, or why it was not sent. */
  const sendFile = async (arg: string) => {
    const path = arg.trim().replace(/^(["'])(.*)\1$/, '$2');
    if (!path) return [{ text: zh.files.fileUsage }];
    let size: number;
    try {
      const st = statSync(path);
      if (!st.isFile()) return [{ text: zh.files.fileMissing(path) }];
      size = st.size;
    } catch {
      return [{ text: zh.files.fileMissing(path) }];
    }
    if (size > MAX_IMPORT_BYTES) return [{ text: zh.files.tooLarge(MAX_IMPORT_BYTES / 1024 / 1024) }];
    return all(await bot.handleFile({ channel: 'cli', userExternalId: externalId, fileName: basename(path), content: readFileSync(path) }));
  };
  await print(await bot.enter({ channel: 'cli', userExternalId: externalId }));
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    console.log(`> ${line}`);
    const file = /^\/file(?:\s+(.*))?$/.exec(line.trim());
    if (file) await print(await sendFile(file[1] ?? ''));
    else await print(await bot.handleMessage({ channel: 'cli', userExternalId: externalId, text: line }));
  }
  await bot.close();
  await database.close();
} catch (e) {
  console.error(e instanceof AppError ? `[${e.code}] ${e.message}` : e);
  process.exit(1);
}
