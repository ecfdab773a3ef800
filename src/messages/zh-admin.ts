/**
 * The web dashboard at /admin (issue 28 item 5): the chat's `后台`, the login pages, the error
 * pages and the dashboard's labels. Spread into `zh` (zh.ts).
 */
export const zhAdmin = {
  admin: {
    // chat
    link: (url: string, minutes: number) => `后台登录链接（${minutes} 分钟内有效，只能使用一次，仅限您本人）：\n${url}\n请勿转发。登录后 8 小时内有效。`,
    linkPath: (path: string, minutes: number) =>
      `后台登录路径（${minutes} 分钟内有效，只能使用一次，仅限您本人）：\n${path}\n请在本服务的网址后加上此路径打开。（运维人员设置 PUBLIC_URL 后，这里会直接给出可点击的链接。）`,
    groupChat: '后台登录链接只在与机器人的单聊中发送（群里的其他人也能打开链接）。请在单聊中发送「后台」。',
    // login
    title: '绩效自评后台',
    loginTitle: '登录绩效自评后台',
    loginAs: (name: string) => `您将以「${name}」的身份登录后台。`,
    loginButton: '进入后台',
    linkInvalid: '登录链接无效。请在企业微信中向机器人发送「后台」获取新的链接。',
    linkExpired: '登录链接已过期（10 分钟内有效）。请在企业微信中向机器人发送「后台」获取新的链接。',
    linkUsed: '登录链接已经使用过，每个链接只能使用一次。请在企业微信中向机器人发送「后台」获取新的链接。',
    linkOtherPerson: '此登录链接属于另一个人，不能在您已登录的浏览器中使用。请先退出后台，或由链接的本人打开。',
    noSession: '请先登录：在企业微信中向机器人发送「后台」，打开收到的链接。',
    notMember: '您已不是任何财政局或主管部门的成员，不能查看后台。',
    unitForbidden: '没有找到您可以查看的这个单位（可能未关联或已取消关联）。',
    errorTitle: (status: number) => (status === 401 ? '需要登录' : status === 403 ? '无权访问' : '出错了'),
    // dashboard
    labels: {
      units: '单位',
      filter: '筛选单位名称',
      onlyOpen: '只看未完成',
      unit: '单位',
      year: '年度',
      progress: '进度',
      score: '暂估分',
      grade: '等级',
      missing: '缺项',
      flags: '审核提示',
      last: '最近填写',
      notStarted: '尚未开始',
      provisional: '暂估',
      distribution: '得分分布（单位数）',
      overTime: '填报进度（已填项数，累计）',
      export: '下载汇总表（Excel）',
      logout: '退出',
      back: '返回列表',
      indicator: '指标',
      weight: '分值',
      points: '得分',
      pending: '待填',
      missingItems: '缺项',
      noFlags: '无审核提示',
      none: '无',
      loading: '加载中…',
      orgs: '所属机构',
      latestYear: '各单位最近年度',
      yearSuffix: '年度',
    },
    loggedOut: '已退出后台。',
  },
} as const;
