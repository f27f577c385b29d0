import { defineMessages } from "./define.js";

/** Messages of `/kpi token` (API tokens). */
export const apiTokens = defineMessages({
  en: {
    "kpi.token.created": (p: { label: string; token: string; scopes: string; expires: string }) =>
      `API token *${p.label}* created (${p.scopes}; ${p.expires}). Copy it now: it is shown only this once and stored only as a hash.\n\`${p.token}\`\nSend it as \`Authorization: Bearer <token>\` to the /api/v1 endpoints. Revoke it with \`/kpi token revoke ${p.label}\`.`,
    "kpi.token.scopes.readWrite": "read and write",
    "kpi.token.scopes.read": "read only",
    "kpi.token.expiresOn": (p: { day: string }) => `expires after ${p.day} (UTC)`,
    "kpi.token.expiredOn": (p: { day: string }) => `expired after ${p.day} (UTC)`,
    "kpi.token.noExpiry": "no expiry",
    "kpi.token.revoked": (p: { label: string }) => `API token *${p.label}* revoked: requests with it are refused from now on.`,
    "kpi.token.notFound": (p: { label: string }) => `No active API token is labelled *${p.label}*. \`/kpi token list\` shows the active ones.`,
    "kpi.token.labelTaken": (p: { label: string }) => `An active API token is already labelled *${p.label}*. Choose another label or revoke that token first.`,
    "kpi.token.badLabel": "A token label is 1–40 letters, digits, or . _ : - (no spaces).",
    "kpi.token.badExpiry": "The expiry is a number of days such as `90d` (1 to 3650) or a future day `YYYY-MM-DD`.",
    "kpi.token.usage":
      "`/kpi token [label] [read] [expires 90d|YYYY-MM-DD]` creates an API token (`read`: it can only read; without it, it can also send data), `/kpi token list` lists them, `/kpi token revoke <label or id>` revokes one.",
    "kpi.token.listEmpty": "This workspace has no active API tokens. Create one with `/kpi token [label]`.",
    "kpi.token.listHeader": "API tokens:",
    "kpi.token.listLine": (p: { label: string; id: string; scopes: string; expires: string; createdBy: string; createdAt: string; lastUsed: string }) =>
      `• *${p.label}* (id \`${p.id}\`, ${p.scopes}, ${p.expires}), created by <@${p.createdBy}> on ${p.createdAt}, last used ${p.lastUsed}`,
    "kpi.token.envLine": "• *INGEST_TOKEN* from the environment (read and write, no expiry): to revoke it, remove it from the bot's environment and restart the bot.",
    "kpi.token.envNotRevocable": "INGEST_TOKEN comes from the bot's environment and cannot be revoked from Slack: remove it from the environment and restart the bot.",
    "kpi.token.neverUsed": "never",
  },
  ja: {
    "kpi.token.created": (p: { label: string; token: string; scopes: string; expires: string }) =>
      `APIトークン *${p.label}* を作成しました（${p.scopes}、${p.expires}）。今すぐコピーしてください。表示はこの一度だけで、保存されるのはハッシュのみです。\n\`${p.token}\`\n/api/v1 のエンドポイントへのリクエストに \`Authorization: Bearer <token>\` ヘッダーとして付けてください。無効にするには \`/kpi token revoke ${p.label}\` を実行してください。`,
    "kpi.token.scopes.readWrite": "読み取りと書き込み",
    "kpi.token.scopes.read": "読み取りのみ",
    "kpi.token.expiresOn": (p: { day: string }) => `${p.day}（UTC）まで有効`,
    "kpi.token.expiredOn": (p: { day: string }) => `${p.day}（UTC）で期限切れ`,
    "kpi.token.noExpiry": "有効期限なし",
    "kpi.token.revoked": (p: { label: string }) => `APIトークン *${p.label}* を無効にしました。今後このトークンでのリクエストは拒否されます。`,
    "kpi.token.notFound": (p: { label: string }) => `*${p.label}* という有効なAPIトークンはありません。\`/kpi token list\` で有効なトークンを確認できます。`,
    "kpi.token.labelTaken": (p: { label: string }) => `*${p.label}* という有効なAPIトークンがすでにあります。別のラベルを使うか、先にそのトークンを無効にしてください。`,
    "kpi.token.badLabel": "トークンのラベルは英数字と . _ : - で1〜40文字です（空白は使えません）。",
    "kpi.token.badExpiry": "有効期限は `90d` のような日数（1〜3650）か、今日より後の日付 `YYYY-MM-DD` で指定してください。",
    "kpi.token.usage":
      "`/kpi token [ラベル] [read] [expires 90d|YYYY-MM-DD]` でAPIトークンを作成します（`read` を付けると読み取り専用、付けない場合はデータの送信もできます）。`/kpi token list` で一覧、`/kpi token revoke <ラベルまたはID>` で無効化します。",
    "kpi.token.listEmpty": "このワークスペースに有効なAPIトークンはありません。`/kpi token [ラベル]` で作成できます。",
    "kpi.token.listHeader": "APIトークン：",
    "kpi.token.listLine": (p: { label: string; id: string; scopes: string; expires: string; createdBy: string; createdAt: string; lastUsed: string }) =>
      `• *${p.label}* （ID \`${p.id}\`、${p.scopes}、${p.expires}、<@${p.createdBy}> が ${p.createdAt} に作成、最終使用 ${p.lastUsed}）`,
    "kpi.token.envLine": "• *INGEST_TOKEN* （環境変数で設定、読み取りと書き込み、有効期限なし）：無効にするには、ボットの環境変数から削除して再起動してください。",
    "kpi.token.envNotRevocable": "INGEST_TOKEN はボットの環境変数で設定されているため、Slack からは無効にできません。環境変数から削除してボットを再起動してください。",
    "kpi.token.neverUsed": "未使用",
  },
});
