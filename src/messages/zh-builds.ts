/**
 * What a person is told when their report goes into the line of builds (src/bot/build-queue.ts).
 * Spread into `zh` (zh.ts).
 */
export const zhBuilds = {
  builds: {
    /** `ahead`: builds before this one; `seconds`: about how long until the file comes. */
    queued: (ahead: number, seconds: number) =>
      ahead === 0
        ? `正在生成报告，前面没有别人在排队，约 ${seconds} 秒后发给您……`
        : `正在生成报告，前面还有 ${ahead} 份在排队，约 ${seconds} 秒后发给您……`,
  },
};
