/** The benchmark's baseline: the same SDK and transport as the bot, but it only echoes. */
import { randomUUID } from 'node:crypto';
import { WSClient } from '@wecom/aibot-node-sdk';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const client = new WSClient({ botId: process.env.WECOM_BOT_ID!, secret: process.env.WECOM_BOT_SECRET!, wsUrl: process.env.WECOM_WS_URL!, logger: quiet });
client.on('message', (frame) => {
  const content = (frame.body as { text?: { content?: string } }).text?.content ?? '';
  void client.replyStream(frame, randomUUID(), content, true).catch(() => undefined);
});
client.connect();
process.on('SIGTERM', () => {
  client.disconnect();
  process.exit(0);
});
