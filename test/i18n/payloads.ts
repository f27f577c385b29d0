// Every view builder, called in Japanese with Japanese data, for the tests over "every built payload"
// (test/i18n/view-markers.test.ts, test/i18n/glossary.test.ts). The insight, story, link and rating-scale modals
// are left out: they hold only plain_text, where markers are never formatting.
import { composeDigest } from "../../src/views/digest/compose-digest.js";
import { cohortTriangle } from "../../src/domain/kpi/cohorts.js";
import { translator } from "../../src/i18n/index.js";
import type { AtRiskList, CustomerPrediction, FitOutcome, NextPeriodForecast, StoredFit } from "../../src/services/prediction/index.js";
import type { SubscriptionWithLastRun } from "../../src/services/digest/list-subscriptions.js";
import type { ItemScore } from "../../src/services/ratings/score-items.js";
import { botAdminsText } from "../../src/views/access/bot-admins.js";
import { homeRefusalBlocks } from "../../src/views/home/home-refusal.js";
import { insightConfirmation } from "../../src/views/capture/insight-confirmation.js";
import { customerResolutionNote } from "../../src/views/capture/customer-resolution.js";
import { duplicateOffer } from "../../src/views/capture/duplicate-offer.js";
import { evidenceThreadLine } from "../../src/views/capture/insight-evidence.js";
import { insightMessage } from "../../src/views/capture/insight-message.js";
import { insightSearchResults } from "../../src/views/capture/insight-search.js";
import { routingSummary } from "../../src/views/capture/routing-summary.js";
import { storyMessage } from "../../src/views/capture/story-message.js";
import { subscriptionsList } from "../../src/views/digest/subscriptions-list.js";
import { contributionsSection } from "../../src/views/home/contributions.js";
import { homeAdminBlocks } from "../../src/views/home/home-admin.js";
import { homeBotAdminBlocks } from "../../src/views/home/home-bot-admins.js";
import { homeCaptureBlocks } from "../../src/views/home/home-capture.js";
import { homeInsightsBlocks } from "../../src/views/home/home-insights.js";
import { homeKpiBlocks } from "../../src/views/home/home-kpis.js";
import { refusedModal } from "../../src/views/home/home-modals.js";
import { cohortTableBlocks } from "../../src/views/kpi/cohort-table-blocks.js";
import { kpiChangeTableBlocks } from "../../src/views/kpi/kpi-change-table-blocks.js";
import { kpiTrendBlocks } from "../../src/views/kpi/kpi-trend-blocks.js";
import { buildKpiReport } from "../../src/views/kpi/kpi-report.js";
import { atRiskMessage } from "../../src/views/prediction/at-risk.js";
import { homeAtRiskBlocks } from "../../src/views/home/home-at-risk.js";
import { customerPredictionMessage } from "../../src/views/prediction/customer.js";
import { atRiskDigestSection } from "../../src/views/prediction/digest-section.js";
import { forecastMessage } from "../../src/views/prediction/forecast.js";
import { refitMessage } from "../../src/views/prediction/refit.js";
import { leaderboardMessage } from "../../src/views/ratings/leaderboard-message.js";
import { ratingsSettingsMessage } from "../../src/views/ratings/ratings-settings-message.js";
import { thankYouMessage } from "../../src/views/ratings/thank-you-message.js";
import { fullDigest, kpiReport } from "../digest/fixtures.js";
import { REPORT, TREND } from "../kpi/visuals/fixtures.js";
import { insightChangeLine } from "../../src/views/work/insight-change-line.js";
import { insightWorkBlocks } from "../../src/views/work/insight-work-blocks.js";
import { standingsOf } from "../../src/domain/targets/target-kpis.js";
import { homeTargetBlocks, setTargetModal } from "../../src/views/targets/home-targets.js";
import { addAlertModal, homeAlertBlocks } from "../../src/views/alerts/home-alerts.js";
import { standingLines, targetsListLines } from "../../src/views/targets/target-words.js";
import { loopClosureMessage } from "../../src/views/work/loop-closure-message.js";
import { logOutreachModal, outreachLoggedView, takeAnswer } from "../../src/views/outreach/outreach-blocks.js";
import { alertMessage, groupedAlertMessage } from "../../src/views/alerts/alert-message.js";
import { alertSubscriptionsText } from "../../src/views/alerts/alert-subscriptions.js";
import type { AlertFacts } from "../../src/domain/alerts/alert-kinds.js";
import { loopMetricsBlocks } from "../../src/views/work/loop-metrics-blocks.js";
import { themeListBlocks } from "../../src/views/work/theme-list-blocks.js";
import { themeModal, themeSavedModal } from "../../src/views/work/theme-modal.js";
import { savesBlocks } from "../../src/views/outreach/saves.js";
import { measureUplift } from "../../src/domain/outreach/uplift.js";

const t = translator("ja");
const now = new Date("2026-11-25T00:00:00Z");

export const insight = {
  id: "i1",
  status: "new",
  ownerId: null,
  link: null,
  resolution: null,
  customer: "山田商事",
  source: "call",
  sentiment: "negative",
  themes: ["価格", "オンボーディング"],
  quote: "更新の価格が倍になったのに、誰からも連絡がありませんでした。",
  context: "契約更新の電話で",
  teams: ["sales", "product"],
  authorId: "U0AUTHOR",
  messagePermalink: "https://example.slack.com/archives/C1/p1",
  messageAuthorId: "U0ORIG",
};
export const names = new Map([
  ["U0AUTHOR", "佐藤 花子"],
  ["U0ORIG", "鈴木"],
]);
const story = {
  kind: "failure",
  title: "解約の兆候を見逃した",
  happened: "連絡が途絶えていました。",
  learned: "月次で確認します。",
  customer: "山田商事",
  metricImpact: "離反率 +2pt",
  authorId: "U0AUTHOR",
};

const item = (over: Partial<ItemScore>): ItemScore => ({
  kind: "story",
  itemId: "i1",
  authorId: "U0AUTHOR",
  storyKind: "win",
  title: "更新を守った",
  quote: null,
  channelId: "C1",
  ts: "1.1",
  postedAt: now,
  points: 5,
  ...over,
});
const board = {
  wins: [{ ...item({}), rank: 1 }],
  failures: [{ ...item({ itemId: "i2", storyKind: "failure", title: "解約の兆候を見逃した" }), rank: 1 }],
  insights: [{ ...item({ itemId: "i3", kind: "insight", storyKind: null, title: "山田商事", quote: "価格が高い" }), rank: 1 }],
  people: [
    { userId: "U0AUTHOR", points: 12, items: 3, firstPostedAt: now, rank: 1 },
    { userId: "U0LEFT", points: 2, items: 1, firstPostedAt: now, rank: 2 },
  ],
};

const fit = {
  id: "f1",
  asOf: "2026-11-22",
  unitDays: 7,
  unit: "week",
  customers: 1234,
  repeatCustomers: 456,
  horizon: 52,
  discountRate: 0.1,
  converged: true,
  status: "converged",
  durationMs: 1500,
  logLikelihood: -1234.5,
  bgNbd: { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 },
  gammaGamma: { p: 6.2, q: 3.7, gamma: 15.4 },
} as unknown as StoredFit;
const failedFit = { ...fit, asOf: "2026-11-23", converged: false, status: "did_not_converge" } as StoredFit;
export const atRisk: AtRiskList = {
  fit: fit as AtRiskList["fit"],
  failedSince: failedFit,
  segment: "法人",
  threshold: 0.5,
  count: 12,
  valueAtRisk: 98765.4,
  customers: [{ customerId: "C-1", name: "山田商事", segment: "法人", purchaseDays: 4, lastPurchase: "2026-08-01", revenue: 5000, pAlive: 0.2, valueAtRisk: 4000 }],
} as AtRiskList;
export const prediction = {
  customerId: "C-1",
  name: "山田商事",
  segment: "法人",
  fitId: "f1",
  asOf: "2026-11-22",
  unit: "week",
  unitDays: 7,
  horizon: 52,
  discountRate: 0.1,
  frequency: 3,
  recency: 20,
  T: 40,
  pAlive: 0.4,
  expectedPurchases: 1.5,
  expectedAverageSpend: 1200,
  clv: 1800,
  enoughData: false,
  history: { firstPurchase: "2026-01-01", lastPurchase: "2026-08-01", purchaseDays: 4, revenue: 5000, averageRepeatSpend: 1100 },
} as unknown as CustomerPrediction;
const forecast = {
  fit,
  failedSince: failedFit,
  segment: "法人",
  from: "2026-11-23",
  to: "2026-11-30",
  customers: 1234,
  expectedPurchases: 321.5,
  expectedRevenue: 45678,
} as unknown as NextPeriodForecast;
const subscription = {
  id: "s1",
  teamId: "T1",
  channelId: "C1",
  frequency: "weekly",
  day: 1,
  time: "09:00",
  timeZone: "Asia/Tokyo",
  segment: "法人",
  locale: "ja",
  pausedAt: null,
  pauseReason: null,
  lastRun: { scheduledFor: now, status: "posted", late: true, error: null },
} as unknown as SubscriptionWithLastRun;
const paused = {
  ...subscription,
  channelId: "C2",
  pausedAt: now,
  pauseReason: "not_in_channel",
  lastRun: { scheduledFor: now, status: "failed", late: false, error: "not_in_channel" },
} as unknown as SubscriptionWithLastRun;
const cohorts = cohortTriangle({
  from: "2026-01-01",
  to: "2026-04-01",
  timeZone: "Asia/Tokyo",
  segment: null,
  rows: [
    { cohort: "2026-01", month: null, n: 10 },
    { cohort: "2026-01", month: "2026-02", n: 6 },
    { cohort: "2026-02", month: null, n: 8 },
  ],
} as never);

const admins = { users: [{ userId: "U0LEAD", addedBy: "U0ADMIN", addedAt: now }], group: { groupId: "S0LEADS", addedBy: "U0ADMIN", addedAt: now } };

/**
 * Every payload a Japanese business user or channel can get, with the builder that made it. A new view builder
 * belongs here (or in adminPayloads): test/i18n/view-coverage.test.ts fails for a view file not imported here.
 */
export const memberPayloads: Record<string, unknown> = {
  insightMessage: insightMessage(t, insight, names),
  insightMessageUnknownNames: insightMessage(t, insight, new Map()),
  insightSearch: insightSearchResults(t, { query: "価格", items: [{ ...insight, createdAt: now }], total: 30, page: 2, pages: 3 }),
  insightSearchWordsCut: insightSearchResults(t, { query: "価格", leftOut: 3, items: [{ ...insight, createdAt: now }], total: 30, page: 2, pages: 3 }),
  insightConfirmation: insightConfirmation(t, "山田商事", [
    { status: "posted", teams: ["sales"], channelId: "C1", ts: "1.1" },
    { status: "no_route", teams: ["product"] },
    { status: "blocked_external", teams: ["support"], channelId: "C2" },
    { status: "failed", teams: ["marketing"], channelId: "C3", reason: "not_in_channel" },
  ]),
  routingSummary: routingSummary(t, [{ team: "sales", channelId: "C1" }]),
  insightMessageLinked: insightMessage(
    t,
    {
      ...insight,
      customerId: 7n,
      customerSegment: "大企業",
      customerActive: true,
      customerRevenue: { toNumber: () => 125000 },
      customerPAlive: 0.82,
      customerExpectedClv: 40210.5,
      evidenceCount: 2,
    },
    names,
  ),
  resolutionSimilar: customerResolutionNote(t, "山田商亊", { status: "linked", by: "similar", customer: { name: "山田商事", externalId: "C-1" } }),
  resolutionAmbiguous: customerResolutionNote(t, "山田", {
    status: "ambiguous",
    candidates: [
      { name: "山田商事", externalId: "C-1" },
      { name: "山田物産", externalId: "C-2" },
    ],
  }),
  resolutionUnknown: customerResolutionNote(t, "田中工業", { status: "unknown", anyCustomers: true }),
  duplicateOffer: duplicateOffer(t, [{ id: "i1", customer: "山田商事", quote: "CSVの書き出しで文字化けします", createdAt: now, evidenceCount: 1 }], (id) => id ?? "new"),
  evidenceThread: evidenceThreadLine(t, { authorId: "U0AUTHOR", customer: "山田物産", quote: "CSVが文字化けします" }, names),
  storyMessage: storyMessage(t, story, names),
  leaderboard: leaderboardMessage(t, { period: "month", board, leftUsers: new Set(["U0LEFT"]) }),
  thankYouWin: thankYouMessage(t, { authorId: "U0AUTHOR", title: "更新を守った", points: 5, storyKind: "win" }),
  thankYouFailure: thankYouMessage(t, { authorId: "U0AUTHOR", title: "解約の兆候を見逃した", points: 5, storyKind: "failure" }),
  ratingsSettings: ratingsSettingsMessage(t, { scale: { star: 1, tada: 3 }, threshold: 5, isDefaultScale: false }, "設定しました"),
  kpiReport: buildKpiReport(kpiReport(), { t, locale: "ja", counter: "companies", forAdmin: false }),
  kpiReportNoData: buildKpiReport({ ...kpiReport(), hasData: false }, { t, locale: "ja", counter: "people", forAdmin: false }),
  kpiChangeTable: kpiChangeTableBlocks(t, "ja", REPORT),
  kpiTrend: kpiTrendBlocks(t, "ja", TREND),
  cohortTable: cohortTableBlocks(t, "ja", cohorts),
  subscriptions: subscriptionsList(t, "ja", [subscription, paused], now),
  digest: composeDigest(fullDigest({ segment: "法人", customerCounter: "companies" }), t, { locale: "ja", lateFor: now }),
  digestPreview: composeDigest(fullDigest(), t, { locale: "ja", preview: true }),
  atRisk: atRiskMessage(t, atRisk, "companies"),
  atRiskOwned: atRiskMessage(t, atRisk, "companies", new Map(atRisk.customers.map((c, i) => [c.customerId, { ownerId: "U0AUTHOR", since: "2026-11-20", contacted: i % 2 === 0 }]))),
  homeAtRisk: homeAtRiskBlocks(t, {
    count: 12,
    valueAtRisk: 40_000,
    yours: [
      { ...atRisk.customers[0]!, outreach: { kind: "taken", since: "2026-11-20" } },
      { ...atRisk.customers[0]!, customerId: "C-4", outreach: { kind: "contacted", since: "2026-11-21", windowOpenUntil: "2026-12-20" } },
    ],
    unowned: [
      { ...atRisk.customers[0]!, customerId: "C-2", name: null, segment: null },
      { ...atRisk.customers[0]!, customerId: "C-3" },
    ],
    owners: new Map([["C-2", { ownerId: "U0OTHER", since: "2026-10-21", contacted: true }]]),
    more: 8,
    counter: "companies",
    viewerId: "U0AUTHOR",
  }),
  homeAtRiskNone: homeAtRiskBlocks(t, { count: 0, valueAtRisk: 0, yours: [], unowned: [], owners: new Map(), more: 0, counter: "people", viewerId: "U0AUTHOR" }),
  ...Object.fromEntries(
    (["taken", "already_yours", "taken_over", "taken_by_other"] as const).map((status) => [
      `outreachTake_${status}`,
      takeAnswer(t, { status, customer: { externalId: "C-1", name: "山田商事" }, ownerId: "U0AUTHOR", previousOwnerId: "U0ORIG", since: "2026-11-20" }),
    ]),
  ),
  outreachModal: logOutreachModal(t, "C-1", "2026-11-20"),
  ...Object.fromEntries(
    [measureUplift(Array.from({ length: 12 }, (_, i) => ({ returned: i < 5, pReturn: 0.25 }))), measureUplift([])].map((uplift, i) => [
      `outreachSaves${i}`,
      savesBlocks(t, "ja", {
        team: { contacts: 14, wonBack: 6, revenueRecovered: 4321, uplift },
        owners: [{ ownerId: "U0AUTHOR", wonBack: 6, revenueRecovered: 4321 }],
        windowDays: 30,
      }),
    ]),
  ),
  outreachLogged: outreachLoggedView(t, { externalId: "C-1", date: "2026-11-20", windowDays: 30, pReturn: "12%" }),
  atRiskDigest: atRiskDigestSection(
    t,
    {
      current: { asOf: "2026-11-22", count: 14, valueAtRisk: 5200 },
      previous: null,
      countChange: 3,
      valueChange: 1100,
      segment: "法人",
      fitId: "f1",
      failedSince: failedFit,
    } as never,
    "items",
  ),
  customerPrediction: customerPredictionMessage(t, prediction),
  forecast: forecastMessage(t, forecast, "companies"),
  homeCapture: homeCaptureBlocks(t),
  homeKpis: homeKpiBlocks(t, "ja", REPORT, { fileId: null, altText: "代替テキスト", title: "推移" }, { forAdmin: false }),
  homeKpisNoData: homeKpiBlocks(t, "ja", { ...REPORT, hasData: false }, null, { forAdmin: false }),
  homeInsights: homeInsightsBlocks(t, "ja", {
    followed: ["sales"],
    insights: [
      {
        id: "i1",
        customer: "山田商事",
        quote: "価格が高い",
        sentiment: "negative",
        teams: ["sales"],
        themes: ["価格"],
        status: "planned",
        ownerId: "U0AUTHOR",
        link: "https://tracker.example.com/T-42",
        resolution: "次回リリースで価格表を改定",
        createdAt: now,
      },
      {
        id: "i2",
        customer: "株式会社アクメ",
        quote: "更新価格が倍になりました。",
        sentiment: "negative",
        teams: ["sales"],
        themes: [],
        status: "new",
        ownerId: null,
        link: null,
        resolution: null,
        createdAt: now,
      },
    ],
    total: 12,
  }),
  homeContributions: contributionsSection(t, { mine: { items: [item({})], count: 3, totalPoints: 12 }, board, period: "month", leftUsers: new Set(["U0LEFT"]) }),
  homeBotAdmins: homeBotAdminBlocks(
    t,
    { ...admins, users: Array.from({ length: 12 }, (_, i) => ({ userId: `U0LEAD${i}`, addedBy: "U0ADMIN", addedAt: now })) },
    Array.from({ length: 101 }, (_, i) => ({ id: `S0G${i}`, handle: `leads-${i}`, name: "リテンション担当" })),
  ),
  homeBotAdminsNoGroups: homeBotAdminBlocks(t, admins, null),
  botAdmins: botAdminsText(t, admins),
  homeRefusal: homeRefusalBlocks(t, "error.notAdmin"),
  refusedModal: refusedModal(t),
  insightWork: insightWorkBlocks(t, "i1", { status: "planned", ownerId: "U0AUTHOR", link: "https://tracker.example.com/T-42", resolution: "次回リリースで価格表を改定" }),
  insightChange: insightChangeLine(t, {
    changes: [
      { field: "status", from: "new", to: "planned" },
      { field: "owner", from: null, to: "U0AUTHOR" },
      { field: "resolution", from: null, to: "次回リリースで価格表を改定" },
    ],
    actorId: "U0ORIG",
    names,
  }),
  insightChangeByApi: insightChangeLine(t, { changes: [{ field: "status", from: "planned", to: "done" }], actorId: null, names }),
  // KPI targets (#17)
  ...targetPayloads(),
  insightChangeByTheme: insightChangeLine(t, { changes: [{ field: "status", from: "new", to: "done" }], actorId: "U0ORIG", names, theme: "価格" }),
  insightChangeByThemeApi: insightChangeLine(t, { changes: [{ field: "status", from: "new", to: "planned" }], actorId: null, names, theme: "価格" }),
  loopClosureInsight: loopClosureMessage(t, {
    closureId: "c1",
    themeName: null,
    resolution: null,
    insights: [{ customer: "株式会社アクメ", quote: "更新価格が倍になりました。", resolution: "次回リリースで価格表を改定", link: "https://tracker.example.com/T-42" }],
    told: null,
  }),
  loopMetrics: loopMetricsBlocks(t, "ja", {
    title: t("work.loop.title", { days: 90 }),
    metrics: [
      { team: "product", total: 5, closed: 3, done: 2, rate: 0.6, medianDaysToDone: 3.5, told: 1, toldRate: 0.5 },
      { team: "support", total: 1, closed: 0, done: 0, rate: 0, medianDaysToDone: null, told: 0, toldRate: null },
    ],
  }),
  loopMetricsEmpty: loopMetricsBlocks(t, "ja", { title: t("work.loop.digestTitle"), metrics: [] }),
  loopClosureTheme: loopClosureMessage(t, {
    closureId: "c2",
    themeName: "価格",
    resolution: "更新案内を60日前に送ります",
    insights: Array.from({ length: 12 }, (_, i) => ({ customer: `顧客${i}`, quote: "請求書が分かりにくいです。", resolution: null, link: null })),
    told: { at: now },
  }),
  // Alerts (#17)
  ...alertPayloads(),
  // Themes as work in App Home and /insight themes (#16)
  ...themePayloads(),
};

function themePayloads(): Record<string, unknown> {
  const themes = [
    { name: "価格", status: "planned", resolution: "更新案内を60日前に送ります", link: "https://tracker.example.com/T-9", customers: 12, voices: 15, open: 4, value: 1234567.5 },
    { name: "sso", status: "open", resolution: null, link: null, customers: 3, voices: 3, open: 3, value: null },
    { name: "請求書", status: "wont_do", resolution: null, link: null, customers: 1, voices: 1, open: 0, value: 0 },
  ];
  return {
    themeList: themeListBlocks(t, { themes, sort: "customers", more: true }),
    themeListValue: themeListBlocks(t, { themes, sort: "value", more: false, footer: [t("work.themes.homeHint")], sortControl: true }),
    themeListEmpty: themeListBlocks(t, { themes: [], sort: "customers", more: false }),
    themeModal: themeModal(t, themes[0]!, { fromHome: true }),
    themeModalOpen: themeModal(t, themes[1]!, { fromHome: false }),
    themeSaved: themeSavedModal(t, { theme: "価格", status: "done", changed: true, followed: 4 }),
    themeUnchanged: themeSavedModal(t, { theme: "価格", status: "done", changed: false, followed: 0 }),
  };
}

function alertPayloads(): Record<string, unknown> {
  const customer = { externalId: "C-001", name: "山田商事", segment: "法人", revenue: 1200000, pAlive: 0.25, expectedClv: 340000 };
  const facts: AlertFacts[] = [
    { kind: "kpi-miss", kpi: "retentionRate", segment: "法人", value: 0.82, target: 0.85, gap: -0.03, from: "2026-10-26", to: "2026-11-23" },
    { kind: "kpi-move", kpi: "churnRate", segment: "", value: 0.2, previous: 0.1, from: "2026-10-26", to: "2026-11-23" },
    { kind: "at-risk", customer },
    { kind: "voice", customer, insightId: "i1", quote: "更新の価格が倍になりました。", permalink: "https://example.slack.com/archives/C1/p1", sentiment: "negative" },
    { kind: "detractor", customer, survey: "nps", score: 3, comment: "対応が遅いです。", at: "2026-11-24T09:00:00Z" },
  ];
  return {
    ...Object.fromEntries(facts.map((f) => [`alert-${f.kind}`, alertMessage(t, "ja", f)])),
    alertGrouped: groupedAlertMessage(t, facts),
    alertTaken: alertMessage(t, "ja", facts[2]!, { reachingOut: "U0OWNER" }),
    alertSubscriptions: alertSubscriptionsText(t, [{ channelId: "C1", kind: "at_risk", quietStart: "22:00", quietEnd: "08:00", timeZone: "Asia/Tokyo", groupAbove: 5 }]),
    homeAlerts: homeAlertBlocks(t, "ja", {
      subscriptions: [
        {
          id: "s1",
          channelId: "C1",
          kind: "at_risk",
          options: { pAliveBelow: 0.3, clvAbove: 50000 },
          quietStart: "22:00",
          quietEnd: "08:00",
          timeZone: "Asia/Tokyo",
          groupAbove: 5,
        },
        { id: "s2", channelId: "C2", kind: "voice", options: { team: "sales" }, quietStart: null, quietEnd: null, timeZone: "Asia/Tokyo", groupAbove: 3 },
        { id: "s3", channelId: "C3", kind: "kpi", options: {}, quietStart: null, quietEnd: null, timeZone: "Asia/Tokyo", groupAbove: 5 },
        ...Array.from({ length: 15 }, (_, i) => ({
          id: `d${i}`,
          channelId: `C9${i}`,
          kind: "detractor",
          options: {},
          quietStart: null,
          quietEnd: null,
          timeZone: "UTC",
          groupAbove: 5,
        })),
      ],
      access: new Map([
        ["C1", "inviteNeeded" as const],
        ["C2", "archived" as const],
      ]),
    }),
    homeAlertsEmpty: homeAlertBlocks(t, "ja", { subscriptions: [], access: new Map() }),
    addAlertModal: addAlertModal(t),
  };
}

function targetPayloads(): Record<string, unknown> {
  const targets = [
    { kpi: "retentionRate" as const, segment: "", value: 0.95 },
    { kpi: "churnRate" as const, segment: "", value: 0.05 },
    { kpi: "revenue" as const, segment: "法人", value: 5000 },
    { kpi: "newCustomers" as const, segment: "法人", value: 12 },
    { kpi: "csat" as const, segment: "法人", value: 0.8 },
  ];
  const standings = standingsOf({ ...kpiReport(), csat: null }, targets);
  return {
    kpiReportTargets: buildKpiReport(kpiReport(), { t, locale: "ja", counter: "companies", forAdmin: false, standings }),
    kpiTrendTargets: kpiTrendBlocks(t, "ja", TREND, { retentionRate: 0.5, churnRate: 0.3 }),
    targetStandings: standingLines(t, "ja", standings).join("\n"),
    targetsList: targetsListLines(t, "ja", targets).join("\n"),
    homeTargets: homeTargetBlocks(t, "ja", { standings, targets }),
    homeTargetsMany: homeTargetBlocks(t, "ja", {
      standings: [],
      targets: Array.from({ length: 17 }, (_, i) => ({ kpi: "revenue" as const, segment: `セグメント${i}`, value: 1000 + i })),
    }),
    homeTargetsNone: homeTargetBlocks(t, "ja", { standings: [], targets: [] }),
    setTargetModal: setTargetModal(t),
    digestTargets: composeDigest(fullDigest({ targets }), t, { locale: "ja" }),
  };
}

/** Payloads only Retention Desk admins see: they may name server commands such as `npm run import`. */
export const adminPayloads: Record<string, unknown> = {
  kpiReportNoDataAdmin: buildKpiReport({ ...kpiReport(), hasData: false }, { t, locale: "ja", counter: "people", forAdmin: true }),
  homeKpisNoDataAdmin: homeKpiBlocks(t, "ja", { ...REPORT, hasData: false }, null, { forAdmin: true }),
  refitOk: refitMessage(t, { fit, inUse: fit } as FitOutcome, "people"),
  refitFailed: refitMessage(t, { fit: failedFit, inUse: null } as FitOutcome, "people"),
  homeAdmin: homeAdminBlocks(t, "ja", {
    routes: [{ team: "sales", channelId: "C1" }],
    rating: { scale: { star: 1 }, threshold: 5, isDefaultScale: true },
    subscriptions: [subscription],
    activityWindowDays: 90,
    outreachWindowDays: 30,
    now,
    admins,
  }),
};

export const payloads: Record<string, unknown> = { ...memberPayloads, ...adminPayloads };
