import type { Reply } from '../dialogs/types.js';
import type { BuildReport } from '../export/builder.js';
import type { readImportFile } from '../import/read-file.js';
import type { RuleSet } from '../scoring/ruleset-schema.js';
import type { Database } from '../store/db.js';

/** What the bot takes and gives, in every channel (re-exported by bot.ts, where channels import them). */

/** A message a person sent, in any channel. */
export interface InboundMessage {
  channel: string;
  /** The person's id on the channel; stored as `${channel-family}:${id}` by the caller. */
  userExternalId: string;
  userName?: string;
  /** Inbound message id for de-duplication (WeCom retries); unique per channel and person. */
  messageId?: string;
  /** The network address the message came from, where the channel knows it (web chat). */
  address?: string;
  /** Sent in a group chat (others read the replies): no personal login link is given there. */
  group?: boolean;
  text: string;
  /** Whether the channel shows choices as buttons. */
  buttons?: boolean;
}

/** A file a person sent, in any channel: read, then shown for confirmation (nothing stored yet). */
export interface InboundFile extends Omit<InboundMessage, 'text'> {
  fileName: string;
  content: Uint8Array;
}

/** A file the bot hands out: a generated report (stored) or a template (made for this person). */
export interface ServedFile {
  id: string;
  fileName: string;
  content: Uint8Array;
  size: number;
  createdAt: Date;
}

/** A turn's replies; `followUp` when the turn started something slow (building the report). */
export interface TurnResult {
  replies: Reply[];
  /**
   * The replies that come when the slow part is done (the file). The build has started already
   * (in the line of builds, build-queue.ts); the caller waits for it after sending `replies`,
   * outside the turn limiter, so other people's messages are not held up by builds.
   * Never rejects: a failed build is logged and answered with what to do next.
   */
  followUp?: () => Promise<Reply[]>;
}

export interface BotOptions {
  database: Database;
  defaultRuleSetId: string;
  /** Injected for tests; defaults to the real clock. */
  now?: () => Date;
  newId?: () => string;
  ruleSet?: (id: string) => RuleSet;
  /** How DOCX files are built; the server passes a worker thread, tests build in process. */
  build?: BuildReport;
  log?: (level: 'warn' | 'error', msg: string) => void;
  /**
   * How a file is read into a proposal. Default: readImportFile in worker threads (WorkerReader),
   * so reading never holds up other people's turns; tests inject a reader (or readImportFile).
   */
  readFile?: typeof readImportFile;
  /**
   * How long reading one file may take before the person is told it timed out. Default: the
   * reader's own deadline (READ_TIMEOUT_MS) and 10 s more; the worker ends a read at 5 s more.
   */
  readTimeoutMs?: number;
  /** The address people reach this server at (PUBLIC_URL), for the dashboard's login link (`后台`). */
  publicUrl?: string;
}
