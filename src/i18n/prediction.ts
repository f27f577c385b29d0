import { defineMessages } from "./define.js";

type Fit = { asOf: string };

/** Messages of the prediction area (P(alive), CLV, at-risk customers, forecasts, refits). */
export const prediction = defineMessages({
  en: {
    /** BCP 47 locale the prediction views format numbers and dates with. */
    "prediction.numberLocale": "en-US",
    "prediction.noFit": "No prediction model has been fitted for this workspace yet. It is refitted every week once purchases are imported; an admin can also run `/kpi refit`.",
    "prediction.customerNotFound": (p: { id: string }) => `No customer with id ${p.id}.`,
    "prediction.customerNoPurchases": (p: { id: string; asOf: string }) => `Too little data for ${p.id}: no purchase on or before ${p.asOf}, the date of the current model fit.`,
    "prediction.usage.customer": "Usage: `/kpi customer <customer id>`",
    "prediction.tooLittleData": (p: Fit) =>
      `:information_source: Too little data to judge this customer: a single purchase day on or before ${p.asOf}. For one-time buyers the model reports P(alive) = 100% by construction and uses the average spend of all customers.`,
    "prediction.failedSince": (p: { date: string; reason: string; asOf: string }) =>
      `:warning: The refit as of ${p.date} failed (${p.reason}); these figures use the previous fit, as of ${p.asOf}.`,
    "prediction.status.not_enough_data": "too little data",
    "prediction.status.did_not_converge": "the model did not converge",
    "prediction.status.invalid_input": "the spend model has no finite average",
    "prediction.status.converged": "converged",
    "prediction.fitContext": (p: { asOf: string; unit: string; customers: string; counter: string }) =>
      `Model fit as of ${p.asOf} on ${p.customers} customers · time unit: ${p.unit}`,
    "prediction.fitAsOf": (p: { asOf: string; unit: string }) => `Model fit as of ${p.asOf} · time unit: ${p.unit}`,
    "prediction.unit.day": "day",
    "prediction.unit.week": "week",
    "prediction.unit.days": (p: { n: number }) => `${p.n} days`,
    "prediction.refit.ok": (p: { asOf: string; customers: string; repeat: string; seconds: string; counter: string }) =>
      `:white_check_mark: Models refitted as of ${p.asOf} on ${p.customers} customers (${p.repeat} with repeat purchases) in ${p.seconds} s.`,
    "prediction.refit.params": (p: { r: string; alpha: string; a: string; b: string; ll: string; p: string; q: string; gamma: string }) =>
      `BG/NBD r = ${p.r}, α = ${p.alpha}, a = ${p.a}, b = ${p.b} (log-likelihood ${p.ll}) · Gamma-Gamma p = ${p.p}, q = ${p.q}, γ = ${p.gamma}`,
    "prediction.refit.failed": (p: { asOf: string; reason: string; customers: string; repeat: string; counter: string }) =>
      `:warning: The refit as of ${p.asOf} failed: ${p.reason} (${p.customers} customers, ${p.repeat} with repeat purchases).`,
    "prediction.refit.kept": (p: Fit) => `The previous fit, as of ${p.asOf}, is kept and still used.`,
    "prediction.refit.noPrevious": "There is no earlier fit, so predictions stay unavailable until a refit succeeds.",
    "prediction.refit.usage": "Usage: `/kpi refit [YYYY-MM-DD]` (default: yesterday)",
    "prediction.atRisk.header": "Customers at risk",
    "prediction.atRisk.headerSegment": (p: { segment: string }) => `Customers at risk: ${p.segment}`,
    "prediction.atRisk.summary": (p: { count: string; value: string; counter: string }) => `*${p.count}* customers at risk, *${p.value}* value at risk.`,
    "prediction.atRisk.none": "No customer is at risk right now.",
    "prediction.atRisk.row": (p: { who: string; revenue: string; days: string; last: string; pAlive: string; value: string }) =>
      `*${p.who}*\nSpent ${p.revenue} on ${p.days} purchase days · last purchase ${p.last} · P(alive) ${p.pAlive} · value at risk *${p.value}*`,
    "prediction.atRisk.definition": (p: { threshold: string }) =>
      `At risk: bought again at least once and P(alive) below ${p.threshold}. Value at risk = money spent so far × (1 − P(alive)).`,
    "prediction.customer.header": (p: { who: string }) => `Customer ${p.who}`,
    "prediction.customer.history": (p: { first: string; last: string; days: string; revenue: string; average: string }) =>
      `*History*\nFirst purchase ${p.first} · last purchase ${p.last}\n${p.days} purchase days · spent ${p.revenue} · average repeat-day spend ${p.average}`,
    "prediction.customer.predictions": (p: { pAlive: string; horizon: string; purchases: string; spend: string; clv: string; rate: string }) =>
      `*Predictions*\nP(alive) ${p.pAlive}\nExpected purchases in the next ${p.horizon}: ${p.purchases}\nExpected spend per purchase: ${p.spend}\nPredicted value over the next ${p.horizon} (discounted at ${p.rate} a year): *${p.clv}*`,
    "prediction.customer.rfm": (p: { x: string; tx: string; t: string; unit: string }) => `Repeat purchase days x = ${p.x} · recency = ${p.tx} · age T = ${p.t} (in ${p.unit}s)`,
    "prediction.horizon": (p: { n: number; unit: string }) => `${p.n} × ${p.unit}`,
    "prediction.forecast.header": (p: { from: string; to: string }) => `Forecast for ${p.from} – ${p.to}`,
    "prediction.forecast.body": (p: { purchases: string; revenue: string; customers: string; counter: string }) =>
      `Expected repeat purchases: *${p.purchases}*\nExpected revenue from them: *${p.revenue}*\nFrom ${p.customers} existing customers (first purchases of new customers are not included).`,
    "prediction.digest.title": "At risk",
    "prediction.digest.body": (p: { count: string; countChange: string; value: string; valueChange: string; counter: string }) =>
      `*${p.count}* customers at risk (${p.countChange} from last week) · value at risk *${p.value}* (${p.valueChange})`,
    "prediction.digest.noFit": "No prediction model yet: the at-risk figures appear after the first weekly refit.",
  },
  ja: {
    "prediction.numberLocale": "ja-JP",
    "prediction.noFit":
      "このワークスペースでは予測モデルがまだ推定されていません。購入データの取り込み後、毎週自動で推定されます。管理者は `/kpi refit` で今すぐ推定することもできます。",
    "prediction.customerNotFound": (p: { id: string }) => `顧客ID ${p.id} の顧客は見つかりませんでした。`,
    "prediction.customerNoPurchases": (p: { id: string; asOf: string }) => `${p.id} はデータが不足しています。現在のモデルの基準日 ${p.asOf} までに購入がありません。`,
    "prediction.usage.customer": "使い方: `/kpi customer <顧客ID>`",
    "prediction.tooLittleData": (p: Fit) =>
      `:information_source: この顧客を判断するにはデータが不足しています（${p.asOf} までの購入日が1日のみ）。1回だけ購入した顧客の継続見込みはモデルの性質上つねに100%となり、購入単価には全顧客の平均を使っています。`,
    "prediction.failedSince": (p: { date: string; reason: string; asOf: string }) =>
      `:warning: ${p.date} 時点の再推定は失敗しました（${p.reason}）。以下は前回（${p.asOf} 時点）のモデルによる数値です。`,
    "prediction.status.not_enough_data": "データ不足",
    "prediction.status.did_not_converge": "モデルが収束しませんでした",
    "prediction.status.invalid_input": "購入単価モデルの平均値を計算できません",
    "prediction.status.converged": "収束",
    "prediction.fitContext": (p: { asOf: string; unit: string; customers: string; counter: string }) =>
      `${p.asOf} 時点・顧客${p.customers}${p.counter}で推定したモデル・時間単位: ${p.unit}`,
    "prediction.fitAsOf": (p: { asOf: string; unit: string }) => `${p.asOf} 時点で推定したモデル・時間単位: ${p.unit}`,
    "prediction.unit.day": "日",
    "prediction.unit.week": "週",
    "prediction.unit.days": (p: { n: number }) => `${p.n}日`,
    "prediction.refit.ok": (p: { asOf: string; customers: string; repeat: string; seconds: string; counter: string }) =>
      `:white_check_mark: ${p.asOf} 時点のデータでモデルを再推定しました（顧客${p.customers}${p.counter}、うちリピート購入あり${p.repeat}${p.counter}、${p.seconds}秒）。`,
    "prediction.refit.params": (p: { r: string; alpha: string; a: string; b: string; ll: string; p: string; q: string; gamma: string }) =>
      `BG/NBD r = ${p.r}, α = ${p.alpha}, a = ${p.a}, b = ${p.b}（対数尤度 ${p.ll}）・Gamma-Gamma p = ${p.p}, q = ${p.q}, γ = ${p.gamma}`,
    "prediction.refit.failed": (p: { asOf: string; reason: string; customers: string; repeat: string; counter: string }) =>
      `:warning: ${p.asOf} 時点の再推定に失敗しました: ${p.reason}（顧客${p.customers}${p.counter}、うちリピート購入あり${p.repeat}${p.counter}）。`,
    "prediction.refit.kept": (p: Fit) => `前回（${p.asOf} 時点）のモデルをそのまま使い続けます。`,
    "prediction.refit.noPrevious": "以前のモデルがないため、再推定が成功するまで予測は利用できません。",
    "prediction.refit.usage": "使い方: `/kpi refit [YYYY-MM-DD]`（省略時は昨日）",
    "prediction.atRisk.header": "離反リスクのある顧客",
    "prediction.atRisk.headerSegment": (p: { segment: string }) => `離反リスクのある顧客: ${p.segment}`,
    "prediction.atRisk.summary": (p: { count: string; value: string; counter: string }) => `離反リスクのある顧客は *${p.count}* ${p.counter}、リスク金額は *${p.value}* です。`,
    "prediction.atRisk.none": "現在、離反リスクのある顧客はいません。",
    "prediction.atRisk.row": (p: { who: string; revenue: string; days: string; last: string; pAlive: string; value: string }) =>
      `*${p.who}*\n購入額 ${p.revenue}（購入日数${p.days}日）・最終購入 ${p.last}・継続見込み ${p.pAlive}・リスク金額 *${p.value}*`,
    "prediction.atRisk.definition": (p: { threshold: string }) =>
      `離反リスク: 2回以上購入し、継続見込みが ${p.threshold} 未満の顧客です。リスク金額 = これまでの購入額 ×（1 − 継続見込み）。`,
    "prediction.customer.header": (p: { who: string }) => `顧客 ${p.who}`,
    "prediction.customer.history": (p: { first: string; last: string; days: string; revenue: string; average: string }) =>
      `*購入履歴*\n初回購入 ${p.first}・最終購入 ${p.last}\n購入日数${p.days}日・購入額 ${p.revenue}・リピート日の平均購入額 ${p.average}`,
    "prediction.customer.predictions": (p: { pAlive: string; horizon: string; purchases: string; spend: string; clv: string; rate: string }) =>
      `*予測*\n継続見込み ${p.pAlive}\n今後${p.horizon}の予測購入回数: ${p.purchases}\n1回あたりの予測購入額: ${p.spend}\n今後${p.horizon}の予測顧客生涯価値（年率 ${p.rate} で割引）: *${p.clv}*`,
    "prediction.customer.rfm": (p: { x: string; tx: string; t: string; unit: string }) =>
      `リピート購入日数 x = ${p.x}・初回から最終購入までの期間 = ${p.tx}・初回購入からの期間 T = ${p.t}（単位: ${p.unit}）`,
    "prediction.horizon": (p: { n: number; unit: string }) => (/^\d/.test(p.unit) ? `${p.n} × ${p.unit}` : `${p.n}${p.unit}`),
    "prediction.forecast.header": (p: { from: string; to: string }) => `${p.from} 〜 ${p.to} の予測`,
    "prediction.forecast.body": (p: { purchases: string; revenue: string; customers: string; counter: string }) =>
      `予測リピート購入回数: *${p.purchases}*\n予測売上: *${p.revenue}*\n既存顧客${p.customers}${p.counter}が対象です（新規顧客の初回購入は含みません）。`,
    "prediction.digest.title": "離反リスク",
    "prediction.digest.body": (p: { count: string; countChange: string; value: string; valueChange: string; counter: string }) =>
      `離反リスクのある顧客 *${p.count}* ${p.counter}（先週比 ${p.countChange}）・リスク金額 *${p.value}* （先週比 ${p.valueChange}）`,
    "prediction.digest.noFit": "予測モデルはまだありません。最初の週次の推定が終わると、離反リスクが表示されます。",
  },
});
