import { splitByBytes } from '../bot/outbound.js';
import { runReminders, type ReminderDeps, type Sent } from './reminders.js';

/** One aibot markdown message holds at most this many bytes (as a stream, bot/wecom-ws.ts). */
const MARKDOWN_MAX = 20480;

/**
 * Runs the deadline reminders and digests (reminders.ts) now and then. Started on the instance that
 * leads (bot/leader.ts: the holder of the WeCom long connection, the only one that can send) and
 * stopped when it steps down; a message is claimed before it is sent, so an overlap during a
 * hand-over still sends it once.
 */
export interface SchedulerOptions {
  /** Between runs (default one hour). */
  everyMs?: number;
  /** Before the first run after start (default 30 s: not in the middle of start-up). */
  firstMs?: number;
  log?: (msg: string) => void;
  /** Told after each run (tests). */
  onRun?: (sent: Sent[] | Error) => void;
}

export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private started = false;

  constructor(
    private readonly deps: ReminderDeps,
    private readonly opts: SchedulerOptions = {},
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(this.opts.firstMs ?? 30_000);
  }

  /** No new run; one in progress is waited for. */
  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.running = this.runOnce().finally(() => {
        this.running = undefined;
        if (this.started) this.schedule(this.opts.everyMs ?? 3_600_000);
      });
    }, ms);
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    try {
      const sent = await runReminders(this.deps);
      if (sent.length) this.opts.log?.(`oversight reminders: ${sent.length} sent`);
      this.opts.onRun?.(sent);
    } catch (e) {
      this.opts.log?.(`oversight reminders failed: ${e instanceof Error ? e.message : String(e)}`);
      this.opts.onRun?.(e instanceof Error ? e : new Error(String(e)));
    }
  }
}

/** A sender over the WeCom 智能机器人 long connection (aibot_send_msg, markdown); the budget is taken by the reminders. */
export function wecomSender(client: { sendMessage(chatid: string, body: never): Promise<unknown> }, log?: (msg: string) => void) {
  return async (user: string, text: string): Promise<boolean> => {
    if (!user.startsWith('wecom:')) return false;
    try {
      // one send, counted once: a text over the limit is cut at a line (a digest lists at most DIGEST_UNITS units)
      const content = splitByBytes(text, MARKDOWN_MAX)[0]!;
      await client.sendMessage(user.slice('wecom:'.length), { msgtype: 'markdown', markdown: { content } } as never);
      return true;
    } catch (e) {
      log?.(`oversight reminder to ${user} refused: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  };
}

/** A sender over the 自建应用 (message/send text, split at 2048 bytes by WecomApi); no proactive budget applies there. */
export function appSender(api: { sendText(userid: string, content: string): Promise<void> }, log?: (msg: string) => void) {
  return async (user: string, text: string): Promise<boolean> => {
    if (!user.startsWith('wecom:')) return false;
    try {
      await api.sendText(user.slice('wecom:'.length), text);
      return true;
    } catch (e) {
      log?.(`oversight reminder to ${user} refused: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  };
}
