import { defineMessages } from "./define.js";

/** Messages of workspace settings set with `/kpi settings`. */
export const settings = defineMessages({
  en: {
    "customerCounter.people": "人 (people)",
    "customerCounter.companies": "社 (companies)",
    "customerCounter.items": "件 (items)",
    "settings.show": (p: { counter: string }) =>
      `*Workspace settings*\n• Japanese messages count customers with ${p.counter}. English messages always say “customers”.\nAdmins change it with \`/kpi settings counter 人|社|件\`.`,
    "settings.counter.set": (p: { counter: string }) => `Japanese messages now count customers with ${p.counter}.`,
    "settings.counter.usage":
      "Usage: `/kpi settings counter 人|社|件`: how Japanese messages count customers (人 for consumers, 社 for companies, 件 when neither fits). English messages always say “customers”.",
    "settings.usage": "Usage: `/kpi settings` lists the workspace settings; admins change them with `/kpi settings counter 人|社|件` or `/kpi settings outreach-window <days>`.",
    "settings.outreachWindow.show": (p: { days: number }) =>
      `• Outreach counts as a win-back when the customer buys within ${p.days} days of the contact. Admins change it with \`/kpi settings outreach-window <days>\`.`,
    "settings.outreachWindow.set": (p: { days: number }) =>
      `Outreach from now on counts as a win-back when the customer buys within ${p.days} days. Contacts already logged keep the window they were logged with.`,
    "settings.outreachWindow.home": (p: { days: number }) =>
      `Outreach window: a contact counts as a win-back when the customer buys within ${p.days} days. Change it with \`/kpi settings outreach-window <days>\`.`,
    "settings.outreachWindow.usage": (p: { min: number; max: number }) =>
      `Usage: \`/kpi settings outreach-window <days>\`, a whole number of days from ${p.min} to ${p.max} (e.g. \`/kpi settings outreach-window 45\`).`,
  },
  ja: {
    "customerCounter.people": "人",
    "customerCounter.companies": "社",
    "customerCounter.items": "件",
    "settings.show": (p: { counter: string }) =>
      `*ワークスペースの設定*\n• 日本語のメッセージでは顧客を「${p.counter}」で数えます（英語のメッセージでは常に customers と表示します）。\n管理者は \`/kpi settings counter 人|社|件\` で変更できます。`,
    "settings.counter.set": (p: { counter: string }) => `日本語のメッセージで顧客を「${p.counter}」で数えるように設定しました。`,
    "settings.counter.usage":
      "使い方: `/kpi settings counter 人|社|件`（日本語のメッセージで顧客を数える単位です。個人のお客様は 人、法人のお客様は 社、どちらにも当てはまらない場合は 件 を指定します）。英語のメッセージでは常に customers と表示します。",
    "settings.usage":
      "使い方: `/kpi settings` でワークスペースの設定を表示します。管理者は `/kpi settings counter 人|社|件` または `/kpi settings outreach-window <日数>` で変更できます。",
    "settings.outreachWindow.show": (p: { days: number }) =>
      `• 連絡から${p.days}日以内に顧客の購入があった場合に、再購入として測定します。管理者は \`/kpi settings outreach-window <日数>\` で変更できます。`,
    "settings.outreachWindow.set": (p: { days: number }) =>
      `今後の連絡は、${p.days}日以内に購入があった場合に再購入として測定します。記録済みの連絡は、記録したときの期間のまま測定します。`,
    "settings.outreachWindow.home": (p: { days: number }) =>
      `連絡の測定期間: 連絡から${p.days}日以内に購入があった場合に再購入として測定します。\`/kpi settings outreach-window <日数>\` で変更できます。`,
    "settings.outreachWindow.usage": (p: { min: number; max: number }) =>
      `使い方: \`/kpi settings outreach-window <日数>\`（${p.min}から${p.max}までの整数の日数を指定してください。例: \`/kpi settings outreach-window 45\`）。`,
  },
});
