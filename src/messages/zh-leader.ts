/**
 * Operator log lines about which instance holds the WeCom long connection (src/bot/leader.ts).
 * Spread into `zh` (zh.ts).
 */
export const zhLeader = {
  leader: {
    leading: '企业微信智能机器人：本实例持有长连接（主实例）。',
    standby: '企业微信智能机器人：另一实例持有长连接，本实例待命（继续服务自建应用回调和网页），主实例停止后自动接替。',
    replaced: (seconds: number) =>
      `【警告】企业微信智能机器人：另一个连接接管了本机器人（disconnected_event）。本实例转为待命，${seconds} 秒内不再尝试连接。若不是本服务的其他实例，请检查是否有别处（如测试环境）在使用同一个 Bot ID 和 Secret。`,
    lost: '【警告】企业微信智能机器人：长连接租约已被另一实例取得（本实例曾长时间无响应），已断开长连接，转为待命。',
    expiring: (seconds: number) => `【警告】企业微信智能机器人：${seconds} 秒未能续约长连接租约（数据库无法访问？），已断开长连接以免两个实例同时连接，转为待命。`,
    leaseFailed: (why: string) => `【警告】企业微信智能机器人：访问长连接租约失败：${why}。稍后重试。`,
    leaseBack: '企业微信智能机器人：长连接租约又可访问了。',
  },
};
