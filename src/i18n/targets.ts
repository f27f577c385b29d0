import { defineMessages } from "./define.js";

/** Messages of KPI targets (`/kpi target`, `/kpi targets`, and KPIs shown against their targets). */
export const targets = defineMessages({
  en: {
    "targets.usage":
      "Usage: `/kpi target <kpi> <value> [segment]` sets a target, `/kpi target <kpi> off [segment]` removes it, `/kpi targets` lists them. KPIs: retention, churn, repeat-purchase rate, CSAT, NPS, new customers, revenue. Rates as `85%` or `85`, NPS from -100 to 100, new customers a whole number, revenue an amount.",
    "targets.unknownKpi": (p: { name: string }) =>
      `"${p.name}" is not a KPI a target can be set for. Use one of: retention, churn, repeat-purchase rate, CSAT, NPS, new customers, revenue.`,
    "targets.badValue.rate": (p: { kpi: string; value: string }) => `"${p.value}" is not a target for ${p.kpi}: give a percentage from 0 to 100, as \`85%\` or \`85\`.`,
    "targets.badValue.nps": (p: { kpi: string; value: string }) => `"${p.value}" is not a target for ${p.kpi}: give a score from -100 to 100, as \`30\`.`,
    "targets.badValue.count": (p: { kpi: string; value: string }) => `"${p.value}" is not a target for ${p.kpi}: give a whole number, as \`120\`.`,
    "targets.badValue.money": (p: { kpi: string; value: string }) => `"${p.value}" is not a target for ${p.kpi}: give an amount, as \`25000\`.`,
    "targets.allCustomers": "all customers",
    "targets.set": (p: { kpi: string; value: string; segment: string }) => `Target set: ${p.kpi} ${p.value} (${p.segment}). \`/kpi\` now shows it against this target.`,
    "targets.replaced": (p: { kpi: string; value: string; previous: string; segment: string }) => `Target changed: ${p.kpi} ${p.value} (${p.segment}), was ${p.previous}.`,
    "targets.removed": (p: { kpi: string; segment: string }) => `Target removed: ${p.kpi} (${p.segment}).`,
    "targets.notSet": (p: { kpi: string; segment: string }) => `${p.kpi} (${p.segment}) had no target, so nothing changed.`,
    "targets.list.title": "*KPI targets*",
    "targets.list.empty": "No KPI targets yet. Admins set one with `/kpi target retention 85%` (add a segment name to set one for a segment).",
    "targets.list.segment": (p: { segment: string }) => `_${p.segment}_`,
    "targets.list.line": (p: { kpi: string; value: string }) => `• ${p.kpi}: ${p.value}`,
    "targets.list.howTo": "Admins change them with `/kpi target <kpi> <value> [segment]` and remove one with `/kpi target <kpi> off [segment]`.",
    "targets.heading": "*Against targets*",
    "targets.standing.on": (p: { kpi: string; value: string; target: string; gap: string }) =>
      `:white_check_mark: ${p.kpi} ${p.value}, target ${p.target}: on track, ${p.gap} better.`,
    "targets.standing.onExact": (p: { kpi: string; value: string; target: string }) => `:white_check_mark: ${p.kpi} ${p.value}, target ${p.target}: on track, exactly on target.`,
    "targets.standing.off": (p: { kpi: string; value: string; target: string; gap: string }) => `:warning: ${p.kpi} ${p.value}, target ${p.target}: off track, ${p.gap} short.`,
    "targets.standing.noData": (p: { kpi: string; target: string }) => `${p.kpi}: no data in this period (target ${p.target}).`,
    "targets.chart.retentionTarget": "Retention target",
    "targets.chart.churnTarget": "Churn target",
    "targets.home.title": "*KPI targets*",
  },
  ja: {
    "targets.usage":
      "使い方: `/kpi target <KPI> <値> [セグメント]` で目標を設定し、`/kpi target <KPI> off [セグメント]` で削除します。`/kpi targets` で一覧を表示します。KPI: retention（リテンション率）、churn（離反率）、repeat（リピート購入率）、CSAT、NPS、new（新規顧客）、revenue（売上）。率は `85%` または `85`、NPS は -100 から 100、新規顧客は整数、売上は金額で指定してください。",
    "targets.unknownKpi": (p: { name: string }) =>
      `「${p.name}」は目標を設定できる KPI ではありません。retention（リテンション率）、churn（離反率）、repeat（リピート購入率）、CSAT、NPS、new（新規顧客）、revenue（売上）のいずれかを指定してください。`,
    "targets.badValue.rate": (p: { kpi: string; value: string }) =>
      `「${p.value}」は${p.kpi}の目標として指定できません。0 から 100 の割合を \`85%\` または \`85\` の形式で指定してください。`,
    "targets.badValue.nps": (p: { kpi: string; value: string }) => `「${p.value}」は${p.kpi}の目標として指定できません。-100 から 100 のスコアを \`30\` の形式で指定してください。`,
    "targets.badValue.count": (p: { kpi: string; value: string }) => `「${p.value}」は${p.kpi}の目標として指定できません。整数を \`120\` の形式で指定してください。`,
    "targets.badValue.money": (p: { kpi: string; value: string }) => `「${p.value}」は${p.kpi}の目標として指定できません。金額を \`25000\` の形式で指定してください。`,
    "targets.allCustomers": "全顧客",
    "targets.set": (p: { kpi: string; value: string; segment: string }) => `目標を設定しました（${p.kpi} ${p.value}、${p.segment}）。\`/kpi\` でこの目標との比較を表示します。`,
    "targets.replaced": (p: { kpi: string; value: string; previous: string; segment: string }) =>
      `目標を変更しました（${p.kpi} ${p.value}、${p.segment}）。変更前は ${p.previous} でした。`,
    "targets.removed": (p: { kpi: string; segment: string }) => `目標を削除しました（${p.kpi}、${p.segment}）。`,
    "targets.notSet": (p: { kpi: string; segment: string }) => `${p.kpi}（${p.segment}）には目標が設定されていないため、変更はありません。`,
    "targets.list.title": "*KPI の目標*",
    "targets.list.empty": "KPI の目標はまだありません。管理者は `/kpi target retention 85%` で設定できます（セグメント名を続けるとセグメントごとに設定できます）。",
    "targets.list.segment": (p: { segment: string }) => `【${p.segment}】`,
    "targets.list.line": (p: { kpi: string; value: string }) => `• ${p.kpi}: ${p.value}`,
    "targets.list.howTo": "管理者は `/kpi target <KPI> <値> [セグメント]` で変更し、`/kpi target <KPI> off [セグメント]` で削除できます。",
    "targets.heading": "*目標との比較*",
    "targets.standing.on": (p: { kpi: string; value: string; target: string; gap: string }) =>
      `:white_check_mark: ${p.kpi} ${p.value}（目標 ${p.target}）: 目標達成ペースです。目標より ${p.gap} 良好です。`,
    "targets.standing.onExact": (p: { kpi: string; value: string; target: string }) => `:white_check_mark: ${p.kpi} ${p.value}（目標 ${p.target}）: 目標どおりです。`,
    "targets.standing.off": (p: { kpi: string; value: string; target: string; gap: string }) =>
      `:warning: ${p.kpi} ${p.value}（目標 ${p.target}）: 目標未達です。目標まであと ${p.gap} です。`,
    "targets.standing.noData": (p: { kpi: string; target: string }) => `${p.kpi}: この期間のデータはありません（目標 ${p.target}）。`,
    "targets.chart.retentionTarget": "リテンション率の目標",
    "targets.chart.churnTarget": "離反率の目標",
    "targets.home.title": "*KPI の目標*",
  },
});
