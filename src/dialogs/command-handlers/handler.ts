import type { FieldDef } from '../../report/fields.js';
import type { Command } from '../commands.js';
import type { Turn } from '../turn.js';
import type { Step } from '../types.js';

/**
 * What every command handler may need besides the command: the step the turn is on, the field
 * it asks for, and whether a text answer is pending (then an argument command that resolves to
 * nothing is a text answer after all, and the handler returns false).
 */
export interface CommandContext {
  step: Step;
  pendingField: FieldDef | undefined;
  /** A text or long-text question is pending and the user did not say this is a command (meant.ts). */
  textPending: boolean;
}

export type CommandKind = Command['kind'];

/** The parsed command of kind K, with its arguments. */
export type CommandOf<K extends CommandKind> = Extract<Command, { kind: K }>;

/**
 * Decides one command of kind K; false when the message is not a command after all. Handlers are
 * function declarations, not arrow constants: table.ts reads them while engine.ts (which they
 * import and which imports the table) may still be loading, and only declarations are hoisted.
 */
export type Handler<K extends CommandKind> = (t: Turn, cmd: CommandOf<K>, ctx: CommandContext) => boolean;

/** One handler for every kind the parser produces: a kind without a handler is a compile error. */
export type HandlerTable = { readonly [K in CommandKind]: Handler<K> };
