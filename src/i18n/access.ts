import { defineMessages } from "./define.js";

/** Who may do what: the bot's admin role and refusals of customer data. */
export const access = defineMessages({
  en: {
    "access.guest": "Guests can log customer voices and share stories, but customer data is shown only to members of this workspace.",
    "access.stranger": "This is another organisation's workspace: its customer data is shown only to its own members.",
    "access.unknown": "Slack could not confirm your account just now, so customer data stays hidden. Please try again in a moment.",
    "admins.usage":
      "`/kpi admins` lists the Retention Desk admins. `/kpi admins add @person` or `/kpi admins add @group` names one (one user group at most: naming another replaces it); `/kpi admins remove @person` or `remove @group` takes them off. Workspace admins and owners are always admins.",
    "admins.title": "Retention Desk admins",
    "admins.workspace": "Workspace admins and owners (always).",
    "admins.people": (p: { people: string }) => `People: ${p.people}`,
    "admins.group": (p: { group: string }) => `User group: ${p.group} (its members)`,
    "admins.none": "No one else has been named yet.",
    "admins.hint": "Add or remove with `/kpi admins add @person`, `/kpi admins add @group` or `/kpi admins remove @person`.",
    "admins.added": (p: { member: string }) => `${p.member} is now a Retention Desk admin.`,
    "admins.already": (p: { member: string }) => `${p.member} is already a Retention Desk admin.`,
    "admins.groupSet": (p: { group: string }) => `Members of ${p.group} are now Retention Desk admins.`,
    "admins.groupReplaced": (p: { group: string; previous: string }) =>
      `Members of ${p.group} are now Retention Desk admins, instead of the members of ${p.previous} (one user group at most).`,
    "admins.removed": (p: { member: string }) => `${p.member} is no longer named a Retention Desk admin.`,
    "admins.notNamed": (p: { member: string }) => `${p.member} was not named a Retention Desk admin, so nothing changed.`,
    "admins.removedWorkspaceAdmin": (p: { member: string }) => `${p.member} is no longer named, but stays an admin as a workspace admin or owner.`,
    "admins.notMember": (p: { member: string }) => `${p.member} is not a full member of this workspace (a guest, or someone of another organisation), so they cannot be an admin.`,
    "story.blockedExternal": (p: { channel: string }) =>
      `Thanks for sharing! It is saved, but not posted to <#${p.channel}>: that channel is shared with another organisation. An admin can allow it with \`/insight allow-shared #channel\`.`,
    "kpi.share.blockedExternal": (p: { channel: string }) =>
      `Not shared: <#${p.channel}> is shared with another organisation, and KPIs stay inside the company unless an admin allows the channel with \`/insight allow-shared #channel\`.`,
    "kpi.share.uncheckable":
      "Not shared: Slack could not tell whether this conversation is shared with another organisation, so nothing was posted. `/kpi` shows the numbers only to you.",
    "digest.subscribe.blockedExternal": (p: { channel: string }) =>
      `<#${p.channel}> is shared with another organisation, so no digest was set up: digests carry customer names and quotes. An admin can allow the channel with \`/insight allow-shared #channel\` first.`,
    "digest.reason.external_channel": "the channel is now shared with another organisation (allow it with `/insight allow-shared #channel`)",
    "admins.badMember": "Mention a person like @alex or a user group like @retention-leads (pick them from Slack's suggestions).",
    "admins.home.remove": "Remove",
    "admins.home.addPerson": "Add a person…",
    "admins.home.pickGroup": "Name a user group…",
    "admins.home.morePeople": (p: { count: number }) =>
      `…and ${p.count} more named ${p.count === 1 ? "person" : "people"}: \`/kpi admins\` lists everyone, \`/kpi admins remove @person\` takes one off.`,
    "admins.home.moreGroups": (p: { count: number }) =>
      `${p.count} more user ${p.count === 1 ? "group is" : "groups are"} not in the list: name one with \`/kpi admins add @group\`.`,
    "admins.home.noGroupList": "Slack did not list the user groups just now: name one with `/kpi admins add @group`.",
  },
  ja: {
    "access.guest": "ゲストの方も顧客の声の記録やストーリーの共有はできますが、顧客データはこのワークスペースのメンバーにのみ表示されます。",
    "access.stranger": "ここは別の組織のワークスペースです。顧客データはその組織のメンバーにのみ表示されます。",
    "access.unknown": "Slack でアカウントを確認できなかったため、顧客データは表示していません。少し時間をおいてもう一度お試しください。",
    "admins.usage":
      "`/kpi admins` で Retention Desk の管理者の一覧を表示します。`/kpi admins add @person` または `/kpi admins add @group` で追加します（ユーザーグループは1つまでで、別のグループを指定すると置き換わります）。`/kpi admins remove @person` または `remove @group` で外します。ワークスペースの管理者とオーナーは常に管理者です。",
    "admins.title": "Retention Desk の管理者",
    "admins.workspace": "ワークスペースの管理者とオーナー（常に管理者です）。",
    "admins.people": (p: { people: string }) => `メンバー: ${p.people}`,
    "admins.group": (p: { group: string }) => `ユーザーグループ: ${p.group}（所属する全員）`,
    "admins.none": "ほかに指定された方はまだいません。",
    "admins.hint": "`/kpi admins add @person`、`/kpi admins add @group`、`/kpi admins remove @person` で追加・削除できます。",
    "admins.added": (p: { member: string }) => `${p.member} さんを Retention Desk の管理者に追加しました。`,
    "admins.already": (p: { member: string }) => `${p.member} さんはすでに Retention Desk の管理者です。`,
    "admins.groupSet": (p: { group: string }) => `${p.group} のメンバーを Retention Desk の管理者にしました。`,
    "admins.groupReplaced": (p: { group: string; previous: string }) =>
      `${p.previous} に代わり、${p.group} のメンバーを Retention Desk の管理者にしました（ユーザーグループは1つまでです）。`,
    "admins.removed": (p: { member: string }) => `${p.member} を Retention Desk の管理者から外しました。`,
    "admins.notNamed": (p: { member: string }) => `${p.member} は管理者に指定されていないため、変更はありません。`,
    "admins.removedWorkspaceAdmin": (p: { member: string }) => `${p.member} さんの指定を外しましたが、ワークスペースの管理者またはオーナーのため引き続き管理者です。`,
    "admins.notMember": (p: { member: string }) => `${p.member} さんはこのワークスペースの正規メンバーではない（ゲスト、または別の組織の方）ため、管理者にはできません。`,
    "story.blockedExternal": (p: { channel: string }) =>
      `共有ありがとうございます。保存しましたが、<#${p.channel}> は他の組織と共有されているため投稿していません。管理者は \`/insight allow-shared #チャンネル\` で許可できます。`,
    "kpi.share.blockedExternal": (p: { channel: string }) =>
      `<#${p.channel}> は他の組織と共有されているため、KPIを投稿しませんでした。KPIは社内のチャンネルにのみ投稿します。管理者が \`/insight allow-shared #チャンネル\` で許可すると投稿できます。`,
    "kpi.share.uncheckable": "この会話が他の組織と共有されているかを Slack で確認できなかったため、投稿していません。`/kpi` を使うと、あなたにだけ表示できます。",
    "digest.subscribe.blockedExternal": (p: { channel: string }) =>
      `<#${p.channel}> は他の組織と共有されているため、ダイジェストを設定しませんでした。ダイジェストには顧客名や顧客の声が含まれます。先に管理者が \`/insight allow-shared #チャンネル\` で許可してください。`,
    "digest.reason.external_channel": "チャンネルが他の組織と共有されました（`/insight allow-shared #チャンネル` で許可できます）",
    "admins.badMember": "@alex のようなメンバー、または @retention-leads のようなユーザーグループを、Slack の候補から選んで指定してください。",
    "admins.home.remove": "外す",
    "admins.home.addPerson": "メンバーを追加…",
    "admins.home.pickGroup": "ユーザーグループを指定…",
    "admins.home.morePeople": (p: { count: number }) => `ほかに${p.count}名が指定されています。\`/kpi admins\` で全員の一覧を表示でき、\`/kpi admins remove @person\` で外せます。`,
    "admins.home.moreGroups": (p: { count: number }) => `ほかに${p.count}件のユーザーグループは一覧にありません。\`/kpi admins add @group\` で指定してください。`,
    "admins.home.noGroupList": "Slack からユーザーグループの一覧を取得できませんでした。`/kpi admins add @group` で指定してください。",
  },
});
