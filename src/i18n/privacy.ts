import { defineMessages } from "./define.js";

/** Messages of the data lifecycle: privacy erase, export, workspace erase. */
export const privacy = defineMessages({
  en: {
    "privacy.customerNotFound": (p: { customerId: string }) => `No customer with id ${p.customerId} in this workspace.`,
    "digest.reason.uninstalled": "the app was uninstalled from this workspace",
    "privacy.export.badCursor": "after is not a cursor this API returned (use the x-next-after header or the next field of the previous page).",
    "privacy.erase.usage": "Usage: npm run erase-customer -- --team T0123 <customer id>",
    "privacy.erase.done": (p: { customerId: string; purchases: number; surveyResponses: number; insights: number; stories: number }) =>
      `Customer ${p.customerId} erased: ${p.purchases} purchases and ${p.surveyResponses} survey responses deleted; the customer removed from ${p.insights} voices and ${p.stories} stories.`,
  },
  ja: {
    "privacy.customerNotFound": (p: { customerId: string }) => `このワークスペースに ID ${p.customerId} の顧客はいません。`,
    "digest.reason.uninstalled": "このワークスペースからアプリがアンインストールされました",
    "privacy.export.badCursor": "after には前のページの x-next-after ヘッダーまたは next の値を指定してください。",
    "privacy.erase.usage": "使い方: npm run erase-customer -- --team T0123 <顧客ID>",
    "privacy.erase.done": (p: { customerId: string; purchases: number; surveyResponses: number; insights: number; stories: number }) =>
      `顧客 ${p.customerId} を消去しました。購入${p.purchases}件とアンケート回答${p.surveyResponses}件を削除し、顧客の声${p.insights}件とストーリー${p.stories}件から顧客名を削除しました。`,
  },
});
