/**
 * The 自建应用's choice cards (template_card button_interaction): what a person is told when a
 * click is not taken. Spread into `zh` (zh.ts).
 */
export const zhWecomApp = {
  wecomApp: {
    /** A click on a card whose question has passed (or a card already answered). */
    cardExpired: '这张卡片上的选项已失效（问题已经过去），您的选择没有保存。请回答当前的问题：',
    /** A click whose task_id names no card we sent (unknown, forged, or older than 72 小时). */
    cardUnknown: '找不到这张卡片对应的问题，您的选择没有保存。请回答当前的问题：',
    /** A click on a card that was sent to someone else. */
    cardNotYours: '这张卡片不是发给您的，您的选择没有保存。',
    /** The greyed buttons of a card whose click was not taken. */
    cardGone: '已失效',
  },
};
