import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bot } from '../src/bot/bot.js';
import { openDatabase } from '../src/store/db.js';
import { Walker } from '../test/helpers/walker.js';
import { seedModel } from '../test/helpers/rulesets.js';

/**
 * The messages one person sends to fill the seed report (ending with 生成报告 and its confirmation),
 * recorded from one walk that answers a row of figures in one message where the question offers
 * it (issue 26: 133 messages instead of 341 cell by cell).
 */
export async function recordSeedScript(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'jx-bench-script-'));
  const database = await openDatabase(`file:${join(dir, 'script.db')}`);
  const walker = new Walker(database, new Bot({ database, defaultRuleSetId: 'yueyang-reference' }), seedModel(), 'wecom:walker', 'test', 'row');
  await walker.walk();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  return walker.transcript.map((t) => t.sent);
}

/** The same messages up to, not including, 生成报告: the chat turns alone (report generation is measured by the load test). */
export async function recordChatScript(): Promise<string[]> {
  const full = await recordSeedScript();
  const generate = full.indexOf('生成报告');
  return generate > 0 ? full.slice(0, generate) : full;
}
