import { defineMessages } from "./define.js";

/** Messages shared by every surface: errors, generic words. */
export const common = defineMessages({
  en: {
    "error.internal": "Something went wrong on our side. Nothing you entered was lost; please try again.",
    "error.notAdmin": "Only Retention Desk admins can do this: the workspace's admins and owners and the people they named. `/kpi admins` lists them.",
    "error.notFound": "Not found.",
    "error.badChannel": "Mention a channel like #product-feedback.",
    "error.tooLong": (p: { field: string; max: number; length: number }) => `${p.field} is too long: ${p.length} characters, at most ${p.max}.`,
    "error.required": "Please fill this in.",
    "error.unstorableText": "This text contains a character that can't be saved (a NUL character or half of an emoji). Please remove it and submit again.",
    "error.saveFailedKeepInput": "Couldn't save right now. Your text is still here; please submit again.",
    "form.unreadable.title": "Form not saved",
    "form.unreadable.close": "Close",
    "form.unreadable.body": "This form could not be read, so nothing was saved. Please close it and open it again.",
    "error.busy": (p: { retryAfterSeconds: number }) => `The database is busy with other updates. Nothing was saved; please try again in ${p.retryAfterSeconds} seconds.`,
    "word.and": " and ",
    "word.none": "none",
    /** A remark after a word, in brackets: " (C-1)" / "（C-1）". It brings its own leading space (Japanese needs none). */
    "word.aside": (p: { text: string }) => ` (${p.text})`,
    "team.product": "Product",
    "team.support": "Support",
    "team.sales": "Sales",
    "team.marketing": "Marketing",
    "button.next": "Next",
    "button.previous": "Previous",
  },
  ja: {
    "error.internal": "システム側で問題が発生しました。入力内容は失われていません。もう一度お試しください。",
    "error.notAdmin":
      "この操作は Retention Desk の管理者（ワークスペースの管理者とオーナー、およびその方々が指定したメンバー）のみが行えます。`/kpi admins` で一覧を表示できます。",
    "error.notFound": "見つかりませんでした。",
    "error.badChannel": "#product-feedback のようにチャンネルを指定してください。",
    "error.tooLong": (p: { field: string; max: number; length: number }) => `${p.field}が長すぎます（${p.length}文字、上限${p.max}文字）。`,
    "error.required": "入力してください。",
    "error.unstorableText": "保存できない文字（NUL文字、または途中で切れた絵文字）が含まれています。その文字を削除して、もう一度送信してください。",
    "error.saveFailedKeepInput": "保存できませんでした。入力内容は残っていますので、もう一度送信してください。",
    "form.unreadable.title": "保存できませんでした",
    "form.unreadable.close": "閉じる",
    "form.unreadable.body": "このフォームの内容を読み取れなかったため、何も保存されていません。いったん閉じて、もう一度開いてください。",
    "error.busy": (p: { retryAfterSeconds: number }) =>
      `データベースが他の更新処理で混み合っています。何も保存されていません。${p.retryAfterSeconds}秒ほど待ってからもう一度お試しください。`,
    "word.and": "、",
    "word.none": "なし",
    "word.aside": (p: { text: string }) => `（${p.text}）`,
    "team.product": "プロダクト",
    "team.support": "サポート",
    "team.sales": "営業",
    "team.marketing": "マーケティング",
    "button.next": "次へ",
    "button.previous": "前へ",
  },
});
