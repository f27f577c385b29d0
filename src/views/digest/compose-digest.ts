/**
 * DigestData -> one Slack message. Every section is bounded (a few lines each, whole lines dropped with
 * "…and N more" before a text reaches 3,000 characters), so the message stays far below 50 blocks by
 * construction; `fitBlocks` is the last guard and reports if it ever had to cut.
 */
import { loopMetricsBlocks } from "../work/loop-metrics-blocks.js";
import type { KnownBlock } from "@slack/types";
import type { Locale } from "../../config.js";
import type { MessageKey, Translate } from "../../i18n/index.js";
import { BLOCK_LIMITS, fitBlocks, type FitReport } from "../block-limits.js";
import { clip, context, divider, escapeMrkdwn, header, section } from "../blocks.js";
import { HEADLINE_KPIS, kpiLine } from "../kpi/kpi-report.js";
import { kpiTrendBlocks } from "../kpi/index.js";
import { standingsOf, trendTargetsOf } from "../../domain/targets/target-kpis.js";
import { standingLines } from "../targets/target-words.js";
import { atRiskCustomerBlocks, atRiskDigestSection } from "../prediction/digest-section.js";
import { savesBlocks } from "../outreach/saves.js";
import { isEmptyDigest, type DigestData, type DigestQuote, type DigestStory, type DigestTheme } from "../../domain/digest/digest-data.js";
import { formatDay, formatInstant } from "../../domain/digest/format-time.js";

/** How many entries each section shows at most. */
export const DIGEST_SECTION_SIZES = { storiesPerKind: 3, themes: 5, themesByRevenue: 3, quotes: 5, quoteChars: 400, atRiskCustomers: 3 } as const;

export interface ComposeOptions {
  locale: Locale;
  /** Set when the run is posted after its time (the bot was down): the digest says so. */
  lateFor?: Date;
  /** Shown only to the caller (`/kpi digest preview`). */
  preview?: boolean;
}

export interface ComposedDigest {
  /** Notification and screen-reader text. */
  text: string;
  blocks: KnownBlock[];
  empty: boolean;
  /** What `fitBlocks` had to drop: null in every case we can construct. */
  fit: FitReport | null;
}

/** A message key built at run time (KPI keys, team names); falls back when the catalog lacks it. */
function lookup(t: Translate, key: string, fallback: string): string {
  const text = (t as unknown as (k: string) => string)(key);
  return text === key ? fallback : text;
}

/** Joins whole lines under a heading; lines that would pass `limit` are replaced by "…and N more". */
export function linesWithin(heading: string, lines: string[], limit: number, more: (n: number) => string): string {
  let text = heading;
  for (let i = 0; i < lines.length; i++) {
    const reserve = i < lines.length - 1 ? more(lines.length - i).length + 1 : 0;
    const next = `${text}\n${lines[i]}`;
    if (next.length + reserve > limit) return `${text}\n${more(lines.length - i)}`;
    text = next;
  }
  return text;
}

const linkText = (s: string) => escapeMrkdwn(s).replace(/\|/g, "¦");

function storyLine(s: DigestStory, rank: number, t: Translate): string {
  const title = clip(s.title, 150);
  const link = s.permalink ? `<${s.permalink}|${linkText(title)}>` : `${escapeMrkdwn(title)} (<#${s.channelId}>)`;
  const customer = s.customer ? ` · ${escapeMrkdwn(clip(s.customer, 80))}` : "";
  return `${rank}. ${link}${customer} · ${t("digest.points", { points: s.points })}`;
}

function themeLine(th: DigestTheme, t: Translate, money: (n: number) => string): string {
  const change =
    th.previousCount === 0
      ? t("digest.theme.new")
      : `${th.count > th.previousCount ? "↑" : th.count < th.previousCount ? "↓" : "→"} ${t("digest.theme.previous", { previous: th.previousCount })}`;
  const revenue = th.revenue !== null && th.revenue > 0 ? ` · ${t("digest.theme.revenue", { amount: money(th.revenue) })}` : "";
  return `• *${escapeMrkdwn(clip(th.theme, 40))}*: ${t("digest.theme.count", { count: th.count })}${t("word.aside", { text: change })}${revenue}`;
}

function quoteEntry(q: DigestQuote, t: Translate): string {
  const sentiment = t(`digest.sentiment.${q.sentiment}` as MessageKey & `digest.sentiment.${string}`);
  const icon = q.sentiment === "negative" ? ":warning: " : "";
  const source = q.permalink ? ` · <${q.permalink}|${t("digest.quote.link")}>` : "";
  const quoted = escapeMrkdwn(clip(q.quote.trim(), DIGEST_SECTION_SIZES.quoteChars))
    .split("\n")
    .map((l) => `> ${l}`)
    .join("\n");
  return `${quoted}\n— ${icon}${escapeMrkdwn(clip(q.customer, 80))} · ${sentiment}${source}`;
}

const SENTIMENT_ORDER = { negative: 0, neutral: 1, positive: 2 } as const;

/** Builds the digest message for `data` in `opts.locale`. Pure; never throws on any DigestData. */
export function composeDigest(data: DigestData, t: Translate, opts: ComposeOptions): ComposedDigest {
  const { locale } = opts;
  const range = { first: formatDay(data.period.firstDay, locale), last: formatDay(data.period.lastDay, locale) };
  const more = (count: number) => t("digest.more", { count });
  const limit = BLOCK_LIMITS.sectionTextChars;
  const notes: string[] = [];
  if (opts.preview) notes.push(t("digest.preview"));
  if (opts.lateFor) notes.push(t("digest.late", { scheduled: formatInstant(opts.lateFor, data.period.timeZone, locale) }));
  if (data.segment) notes.push(t("digest.segment", { segment: escapeMrkdwn(clip(data.segment, 100)) }));

  if (isEmptyDigest(data)) {
    const line = t("digest.empty", range);
    const blocks = [section(line), ...(notes.length ? [context(...notes)] : [])];
    return { text: line, blocks, empty: true, fit: null };
  }

  const loc = locale === "ja" ? "ja-JP" : "en-US";
  const money = (n: number) => n.toLocaleString(loc, { maximumFractionDigits: 0 });
  const blocks: KnownBlock[] = [header(t("digest.header", range))];
  if (notes.length) blocks.push(context(...notes));

  if (data.kpis?.hasData) {
    // The same lines as `/kpi` (the KPI area's formatter), one per headline KPI.
    const report = data.kpis;
    const lines = HEADLINE_KPIS.map((k) => kpiLine({ ...k, report, t, locale })).map((l) => `• ${l.label}: *${l.value}*${l.change ? `  ${l.change}` : ""}`);
    blocks.push(divider(), section(linesWithin(t("digest.section.kpis"), lines, limit, more)));
    // Each KPI with a target: on or off track and by how much.
    const standings = standingsOf(report, data.targets ?? []);
    if (standings.length) blocks.push(section([t("targets.heading"), ...standingLines(t, locale, standings)].join("\n")));
    // The retention/churn trend as a native chart (its context line states the key numbers), with target lines.
    if (data.trend.length) blocks.push(...(kpiTrendBlocks(t, locale, data.trend, trendTargetsOf(data.targets ?? [])).blocks as KnownBlock[]));
  }

  // Who is about to lapse: count and value at risk with the change from last week (left out without a model fit).
  if (data.atRisk)
    blocks.push(
      divider(),
      ...atRiskDigestSection(t, data.atRisk, data.customerCounter),
      ...atRiskCustomerBlocks(t, (data.atRiskCustomers ?? []).slice(0, DIGEST_SECTION_SIZES.atRiskCustomers)),
    );
  // Recognition by results: customers won back by outreach and revenue recovered, with the uplift over the model.
  if (data.saves?.team.contacts) blocks.push(divider(), ...savesBlocks(t, locale, data.saves));

  const byPoints = (a: DigestStory, b: DigestStory) => b.points - a.points || a.title.localeCompare(b.title);
  const wins = data.topStories
    .filter((s) => s.kind === "win")
    .sort(byPoints)
    .slice(0, DIGEST_SECTION_SIZES.storiesPerKind);
  const failures = data.topStories
    .filter((s) => s.kind === "failure")
    .sort(byPoints)
    .slice(0, DIGEST_SECTION_SIZES.storiesPerKind);
  if (wins.length || failures.length) blocks.push(divider());
  if (wins.length)
    blocks.push(
      section(
        linesWithin(
          t("digest.section.wins"),
          wins.map((s, i) => storyLine(s, i + 1, t)),
          limit,
          more,
        ),
      ),
    );
  if (failures.length)
    blocks.push(
      section(
        linesWithin(
          t("digest.section.failures"),
          failures.map((s, i) => storyLine(s, i + 1, t)),
          limit,
          more,
        ),
      ),
    );

  const themes = [...data.themes].sort((a, b) => b.count - a.count || (b.revenue ?? 0) - (a.revenue ?? 0) || a.theme.localeCompare(b.theme)).slice(0, DIGEST_SECTION_SIZES.themes);
  if (themes.length) {
    blocks.push(
      divider(),
      section(
        linesWithin(
          t("digest.section.themes"),
          themes.map((th) => themeLine(th, t, money)),
          limit,
          more,
        ),
      ),
    );
    const byRevenue = data.themes
      .filter((th) => th.revenue !== null && th.revenue > 0)
      .sort((a, b) => b.revenue! - a.revenue! || b.count - a.count || a.theme.localeCompare(b.theme))
      .slice(0, DIGEST_SECTION_SIZES.themesByRevenue);
    if (byRevenue.length) {
      const lines = byRevenue.map(
        (th) => `• *${escapeMrkdwn(clip(th.theme, 40))}*: ${money(th.revenue!)}${t("word.aside", { text: t("digest.theme.count", { count: th.count }) })}`,
      );
      blocks.push(section(linesWithin(t("digest.section.themesByRevenue"), lines, limit, more)));
    }
  }

  const quotes = [...data.quotes].sort((a, b) => SENTIMENT_ORDER[a.sentiment] - SENTIMENT_ORDER[b.sentiment]).slice(0, DIGEST_SECTION_SIZES.quotes);
  if (quotes.length)
    blocks.push(
      divider(),
      section(
        linesWithin(
          t("digest.section.quotes"),
          quotes.map((q) => quoteEntry(q, t)),
          limit,
          more,
        ),
      ),
    );

  if (data.routed.length) {
    const line = [...data.routed]
      .sort((a, b) => b.count - a.count || a.team.localeCompare(b.team))
      .map((r) => `${escapeMrkdwn(lookup(t, `team.${r.team}`, r.team))} ${r.count}`)
      .join(" · ");
    blocks.push(section(clip(`${t("digest.section.routed")}\n${line}`, limit)));
  }

  if (data.loop?.length) blocks.push(...loopMetricsBlocks(t, locale, { title: t("work.loop.digestTitle"), metrics: data.loop }));

  const fitted = fitBlocks(blocks, { surface: "message", overflowNotice: () => context(t("digest.overflow")) as KnownBlock });
  return { text: t("digest.text", range), blocks: fitted.blocks, empty: false, fit: fitted.report };
}
