import { defineMessages } from "./define.js";

/** The bot's membership of the channels it posts to and reads reactions from. */
export const channels = defineMessages({
  en: {
    "channel.access.member": (p: { channel: string }) => `I'm in <#${p.channel}>, so reactions there count.`,
    "channel.access.notMember": (p: { channel: string }) =>
      `I'm not in <#${p.channel}> yet, so reactions there don't count: set it again, or invite me with \`/invite @Retention Desk\` there.`,
    "channel.access.inviteNeeded": (p: { channel: string }) =>
      `I can't join <#${p.channel}> by myself (it is private, or I may not see it). Invite me with \`/invite @Retention Desk\` in the channel; until then nothing can be posted or counted there.`,
    "channel.access.archived": (p: { channel: string }) => `<#${p.channel}> is archived: nothing can be posted there. Pick another channel.`,
    "channel.problems.title": ":warning: Channels that need attention:",
    "channel.problem.notMember": "the bot is not in it, so reactions there don't count: set the channel again, or `/invite @Retention Desk` there",
    "channel.problem.inviteNeeded": "the bot cannot join it by itself: `/invite @Retention Desk` in the channel",
    "channel.problem.archived": "archived: pick another channel",
    "channel.problem.line": (p: { channel: string; use: string; problem: string }) => `• <#${p.channel}> (${p.use}): ${p.problem}`,
    "channel.use.stories": "stories",
    "channel.use.digest": "digest",
  },
  ja: {
    "channel.access.member": (p: { channel: string }) => `ボットは <#${p.channel}> に参加しています。このチャンネルでのリアクションは評価に反映されます。`,
    "channel.access.notMember": (p: { channel: string }) =>
      `ボットはまだ <#${p.channel}> に参加していないため、リアクションが評価に反映されません。もう一度設定するか、チャンネルで \`/invite @Retention Desk\` を実行してボットを招待してください。`,
    "channel.access.inviteNeeded": (p: { channel: string }) =>
      `<#${p.channel}> にはボットが自分で参加できません（プライベートチャンネルか、ボットから見えないチャンネルです）。チャンネルで \`/invite @Retention Desk\` を実行して招待してください。招待されるまで、投稿もリアクションの評価もできません。`,
    "channel.access.archived": (p: { channel: string }) => `<#${p.channel}> はアーカイブされているため投稿できません。別のチャンネルを選んでください。`,
    "channel.problems.title": ":warning: 対応が必要なチャンネル:",
    "channel.problem.notMember":
      "ボットが参加していないため、リアクションが評価に反映されません。チャンネルを設定し直すか、チャンネルで `/invite @Retention Desk` を実行してください",
    "channel.problem.inviteNeeded": "ボットが自分で参加できません。チャンネルで `/invite @Retention Desk` を実行してください",
    "channel.problem.archived": "アーカイブ済みです。別のチャンネルを選んでください",
    "channel.problem.line": (p: { channel: string; use: string; problem: string }) => `• <#${p.channel}>（${p.use}）: ${p.problem}`,
    "channel.use.stories": "ストーリー",
    "channel.use.digest": "ダイジェスト",
  },
});
