import type { TemplateCard } from '@wecom/aibot-node-sdk';
import { zh } from '../messages/zh.js';

/**
 * Template cards of the 智能机器人 (button_interaction), valid on their own as WeCom's template-card
 * documents require: card_type, main_title, task_id ([A-Za-z0-9_-@], ≤ 128 bytes, unique), 1–6
 * buttons with text and key. A click is answered by updating the same card (aibot_respond_update_msg)
 * with `replace_text`, which greys the buttons out with that text.
 */
export const MAX_BUTTONS = 6;
/** WeCom shows about 10 characters of a button. */
const BUTTON_TEXT = 10;

const button = (c: string) => ({ text: c.slice(0, BUTTON_TEXT), key: c, style: 1 });

export function choiceCard(choices: string[], taskId: string): TemplateCard {
  return { card_type: 'button_interaction', main_title: { title: zh.wecom.chooseTitle }, button_list: choices.map(button), task_id: taskId } as TemplateCard;
}

/** The clicked card, its buttons replaced by one grey line (`text`: chosen, expired, …). */
export function settledCard(key: string, taskId: string, text: string): TemplateCard {
  return {
    card_type: 'button_interaction',
    main_title: { title: zh.wecom.chooseTitle },
    button_list: [button(key)],
    replace_text: text.slice(0, 30),
    task_id: taskId,
  } as TemplateCard;
}
