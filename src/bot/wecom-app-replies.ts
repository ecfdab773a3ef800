import type { Reply } from '../dialogs/types.js';
import { zh } from '../messages/zh.js';
import type { Database } from '../store/db.js';
import type { InboxEntry } from '../store/inbox.js';
import type { Bot, TurnResult } from './bot.js';
import { joinReplies, lastChoices } from './outbound.js';
import { sendPictures } from './wecom-app-picture.js';
import { buttonCard, closeCard, closeCards, findCard, MAX_BUTTONS, newTaskId, openCard } from './wecom-app-cards.js';
import { WecomApiError, type WecomApi } from './wecom-api.js';

/**
 * How the 自建应用 answers a person through the server API: a turn's text, its choices (a
 * button card, or a numbered list), its file; and a click on a card (template_card_event).
 */
export interface AppRepliesOptions {
  bot: Bot;
  database: Database;
  api: WecomApi;
  channel: string;
  /** Send choice questions (≤ 6 choices) as button cards; false: numbered text only. */
  cards: boolean;
  log: (level: 'warn' | 'error', msg: string) => void;
  /** Called per message sent (health). */
  sent: () => void;
  /** The turn was rolled back (health). */
  failed: (e: unknown) => void;
}

const numbered = (choices: string[]) => choices.map((c, i) => `${i + 1}. ${c}`).join('\n');
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function appReplies(opts: AppRepliesOptions) {
  const { api, database, log } = opts;

  /**
   * Send a turn's replies. The bot is asked with `buttons: true`, so its texts carry no numbered
   * list: the choices are added here, once — as a button card when there are at most six and
   * cards are on, else numbered after the text. Every delivery first closes the person's open
   * cards: whatever is said now, the buttons sent before no longer answer the current question.
   */
  async function deliver(userid: string, replies: Reply[]): Promise<void> {
    const user = `wecom:${userid}`;
    await closeCards(database, user);
    const choices = lastChoices(replies);
    const asCard = opts.cards && choices !== undefined && choices.length <= MAX_BUTTONS;
    let text = joinReplies(replies);
    if (choices && !asCard) text += `\n${numbered(choices)}`;
    if (text) {
      await api.sendText(userid, text);
      opts.sent();
    }
    await sendPictures(api, userid, replies, log, opts.sent);
    if (asCard) await sendCard(userid, user, text, choices);
    for (const r of replies) {
      if (!r.file) continue;
      const file = await opts.bot.file(r.file.fileId, user);
      if (!file) continue;
      try {
        await api.sendFile(userid, await api.uploadFile(file.fileName, file.content));
      } catch (e) {
        // given up (after the API's retries): the file is stored; say how to get it, never go silent
        opts.failed(e);
        log('warn', `wecom app: file ${file.fileName} to ${user} not sent: ${message(e)}`);
        await api.sendText(userid, zh.wecom.fileNotSent(file.fileName));
      }
      opts.sent();
    }
  }

  /** The choices as a button card; refused by WeCom (not a rate limit): as a numbered list. */
  async function sendCard(userid: string, user: string, question: string, choices: string[]): Promise<void> {
    const card = { taskId: newTaskId(question, choices), user, question, choices };
    await openCard(database, card);
    try {
      await api.sendTemplateCard(userid, buttonCard(card));
      opts.sent();
    } catch (e) {
      await closeCard(database, card.taskId);
      if (!(e instanceof WecomApiError) || e.errcode === 45009 || e.errcode === 45033) throw e;
      log('warn', `wecom app: card to ${user} refused (${e.errcode} ${e.errmsg}); choices sent as text`);
      await api.sendText(userid, numbered(choices));
      opts.sent();
    }
  }

  /** Run a turn and deliver its replies (the report after the first ones). */
  async function answer(userid: string, run: () => Promise<TurnResult>): Promise<void> {
    let turn: TurnResult;
    try {
      turn = await run();
    } catch (e) {
      // The turn was rolled back: say so rather than stay silent.
      opts.failed(e);
      await api.sendText(userid, zh.wecom.failed);
      return;
    }
    await deliver(userid, turn.replies);
    // the report: the user has been told their place in line; the build (already started) is awaited now
    if (turn.followUp) await deliver(userid, await turn.followUp());
  }

  /** Grey a clicked card's buttons; a refused update is logged, the click goes on. */
  async function grey(userid: string, responseCode: string | undefined, label: string): Promise<void> {
    if (!responseCode) return;
    try {
      await api.updateTemplateCard(userid, responseCode, label);
    } catch (e) {
      log('warn', `wecom app: update_template_card for ${userid} refused: ${message(e)}`);
    }
  }

  /** The current question again, after a click that was not taken. */
  async function current(userid: string, user: string, why: string): Promise<void> {
    const replies = await opts.bot.enter({ channel: opts.channel, userExternalId: user, buttons: true });
    await deliver(userid, [{ text: why }, ...replies]);
  }

  /**
   * A card click (template_card_event: TaskId, EventKey = the button's key, ResponseCode). Taken
   * as the typed choice, through the same turn (its inbox key de-duplicates it), only when the
   * card is open, was sent to this person and the key is one of its buttons. Otherwise nothing
   * is stored: the person is told why and, unless the card was someone else's, shown the current
   * question with fresh buttons.
   */
  async function click(entry: InboxEntry): Promise<void> {
    const msg = entry.payload;
    const userid = msg.FromUserName!;
    const user = entry.userExternalId;
    const taskId = msg.TaskId ?? '';
    const card = await findCard(database, taskId);
    if (!card) {
      log('warn', `wecom app: click of ${user} on unknown card ${taskId.slice(0, 140)}; not stored`);
      return current(userid, user, zh.wecomApp.cardUnknown);
    }
    if (card.user !== user) {
      log('warn', `wecom app: click of ${user} on card ${taskId} sent to ${card.user}; not stored`);
      await api.sendText(userid, zh.wecomApp.cardNotYours);
      opts.sent();
      return;
    }
    const key = msg.EventKey ?? '';
    const choice = /^\d{1,2}$/.test(key) ? card.choices[Number(key)] : undefined;
    if (!card.open || choice === undefined) {
      if (card.open) log('warn', `wecom app: click of ${user} on card ${taskId} with unknown key ${key.slice(0, 40)}; not stored`);
      await grey(userid, msg.ResponseCode, zh.wecomApp.cardGone);
      return current(userid, user, zh.wecomApp.cardExpired);
    }
    await grey(userid, msg.ResponseCode, zh.wecom.chosen(choice));
    await answer(userid, () => opts.bot.handleTurn({ channel: opts.channel, userExternalId: user, text: choice, messageId: entry.messageId, buttons: true }));
  }

  return { deliver, answer, click };
}
