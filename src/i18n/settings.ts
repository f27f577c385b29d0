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
  },
});
