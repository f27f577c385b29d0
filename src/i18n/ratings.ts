import { defineMessages } from "./define.js";

/** Messages of the ratings area: reactions as votes, /story top, /story ratings, thank-yous. */
export const ratings = defineMessages({
  en: {
    "ratings.points": (p: { points: number }) => (p.points === 1 ? "1 pt" : `${p.points} pts`),
    "ratings.left": "(left the workspace)",
    "ratings.period.week": "past 7 days",
    "ratings.period.month": "past 30 days",
    "ratings.period.quarter": "past 90 days",
    "ratings.top.title": (p: { period: string }) => `Best rated: ${p.period}`,
    "ratings.top.wins": "🏆 Wins",
    "ratings.top.failures": "🧭 Failures and what they taught us",
    "ratings.top.insights": "🗣 Customer voices",
    "ratings.top.people": "🙌 People who shared",
    "ratings.top.itemsShared": (p: { count: number }) => (p.count === 1 ? "1 rated post" : `${p.count} rated posts`),
    "ratings.top.noneYet": "Nothing rated yet.",
    "ratings.top.empty": "Nothing has been rated in this period yet. React to a posted story or customer voice to rate it.",
    "ratings.top.footer": "Wins and failures are ranked separately: a lesson shared counts as much as a win. Equal points share a rank.",
    "ratings.top.usage": "Usage: `/story top [week|month|quarter]` (default: month).",
    "ratings.thanks.win": (p: { author: string; points: number; title: string }) =>
      `🎉 <@${p.author}>, your story *${p.title}* has reached ${p.points} points. Thank you for sharing it!`,
    "ratings.thanks.failure": (p: { author: string; points: number; title: string }) =>
      `💡 <@${p.author}>, your story *${p.title}* has reached ${p.points} points. Thank you for sharing what went wrong and what it taught us!`,
    "ratings.settings.title": "Rating scale",
    "ratings.settings.default": "(default)",
    "ratings.settings.emptyScale": "No emoji count at the moment.",
    "ratings.settings.threshold": (p: { points: number }) => `The bot thanks a story's author in the thread at ${p.points} points.`,
    "ratings.settings.usage":
      "Admins: `/story ratings set :emoji: <points>` · `/story ratings remove :emoji:` · `/story ratings threshold <points>` · `/story ratings reset`. Points 1–100; skin tones count as the base emoji; the author's own reactions never count.",
    "ratings.settings.set": (p: { emoji: string; points: number }) => `:${p.emoji}: now counts ${p.points === 1 ? "1 point" : `${p.points} points`}. Existing votes are re-scored.`,
    "ratings.settings.removed": (p: { emoji: string }) => `:${p.emoji}: no longer counts. Its votes are kept in case you add it back.`,
    "ratings.settings.thresholdSet": (p: { points: number }) => `Stories will be celebrated at ${p.points} points.`,
    "ratings.settings.reset": "The rating scale is back to the default.",
    "ratings.settings.badInput": "I didn't understand that.",
  },
  ja: {
    "ratings.points": (p: { points: number }) => `${p.points}ポイント`,
    "ratings.left": "（ワークスペース退出済み）",
    "ratings.period.week": "過去7日間",
    "ratings.period.month": "過去30日間",
    "ratings.period.quarter": "過去90日間",
    "ratings.top.title": (p: { period: string }) => `高評価ランキング（${p.period}）`,
    "ratings.top.wins": "🏆 成功",
    "ratings.top.failures": "🧭 失敗とそこからの学び",
    "ratings.top.insights": "🗣 顧客の声",
    "ratings.top.people": "🙌 共有してくださった方",
    "ratings.top.itemsShared": (p: { count: number }) => `評価された投稿 ${p.count}件`,
    "ratings.top.noneYet": "まだ評価はありません。",
    "ratings.top.empty": "この期間に評価された投稿はまだありません。投稿されたストーリーや顧客の声にリアクションして評価しましょう。",
    "ratings.top.footer": "成功と失敗は別々に順位付けします。失敗から得た学びの共有は成功と同じくらい価値があります。同点は同順位です。",
    "ratings.top.usage": "使い方: `/story top [week|month|quarter]`（省略時は month）",
    "ratings.thanks.win": (p: { author: string; points: number; title: string }) =>
      `🎉 <@${p.author}> さん、ストーリー「${p.title}」が${p.points}ポイントに達しました。共有ありがとうございます！`,
    "ratings.thanks.failure": (p: { author: string; points: number; title: string }) =>
      `💡 <@${p.author}> さん、ストーリー「${p.title}」が${p.points}ポイントに達しました。うまくいかなかったことと、そこから得た学びを共有していただき、ありがとうございます！`,
    "ratings.settings.title": "評価スケール",
    "ratings.settings.default": "（デフォルト）",
    "ratings.settings.emptyScale": "現在ポイントになる絵文字はありません。",
    "ratings.settings.threshold": (p: { points: number }) => `ストーリーが${p.points}ポイントに達すると、スレッドで投稿者にお礼を伝えます。`,
    "ratings.settings.usage":
      "管理者向け: `/story ratings set :絵文字: <ポイント>` · `/story ratings remove :絵文字:` · `/story ratings threshold <ポイント>` · `/story ratings reset`。ポイントは1〜100。肌の色違いは元の絵文字として数えます。投稿者自身のリアクションは数えません。",
    "ratings.settings.set": (p: { emoji: string; points: number }) => `:${p.emoji}: は${p.points}ポイントになりました。既存の評価も再計算しました。`,
    "ratings.settings.removed": (p: { emoji: string }) => `:${p.emoji}: はポイントに数えなくなりました。評価の記録は残していますので、再度追加すると元に戻ります。`,
    "ratings.settings.thresholdSet": (p: { points: number }) => `ストーリーが${p.points}ポイントに達したらお礼を伝えます。`,
    "ratings.settings.reset": "評価スケールをデフォルトに戻しました。",
    "ratings.settings.badInput": "入力内容を解釈できませんでした。",
  },
});
