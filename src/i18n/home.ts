import { defineMessages } from "./define.js";

/** Messages of the home area (App Home sections). */
export const home = defineMessages({
  en: {
    "home.contributions.title": "Your contributions",
    "home.contributions.none": "You haven't shared a story or a customer voice yet. Use `/story` or `/insight` to share one; colleagues rate it with reactions.",
    "home.contributions.summary": (p: { count: number; points: number }) =>
      `You shared *${p.count}* ${p.count === 1 ? "story or customer voice" : "stories and customer voices"} and received *${p.points}* ${p.points === 1 ? "point" : "points"}.`,
    "home.contributions.more": (p: { count: number }) => `…and ${p.count} more.`,
    "home.leaderboard.title": (p: { period: string }) => `Leaderboard: ${p.period}`,
    "home.leaderboard.empty": "Nobody has been rated in this period yet.",
    "home.leaderboard.hint": "`/story top week|month|quarter` shows the best wins, failures and customer voices.",
    "homeTab.overflow": (p: { count: number }) =>
      `Home holds 100 blocks at most: ${p.count} more ${p.count === 1 ? "was" : "were"} left out here. \`/kpi\`, \`/insight search\` and \`/kpi admins\` show everything.`,
  },
  ja: {
    "home.contributions.title": "あなたの貢献",
    "home.contributions.none": "まだストーリーや顧客の声を共有していません。`/story` や `/insight` で共有すると、同僚がリアクションで評価します。",
    "home.contributions.summary": (p: { count: number; points: number }) => `共有したストーリーと顧客の声は *${p.count}* 件、獲得したポイントは *${p.points}* ポイントです。`,
    "home.contributions.more": (p: { count: number }) => `…ほか${p.count}件`,
    "home.leaderboard.title": (p: { period: string }) => `ランキング（${p.period}）`,
    "home.leaderboard.empty": "この期間に評価された人はまだいません。",
    "home.leaderboard.hint": "`/story top week|month|quarter` で成功・失敗・顧客の声の上位を表示します。",
    "homeTab.overflow": (p: { count: number }) =>
      `ホームに表示できる量には上限（100ブロック）があるため、${p.count}ブロック分を省略しました。\`/kpi\`、\`/insight search\`、\`/kpi admins\` ですべて確認できます。`,
  },
});
