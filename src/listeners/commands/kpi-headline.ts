import type { ListenerDeps } from "../deps.js";
import { looksLikePeriod } from "../../domain/kpi/parse-period.js";
import { requestContext } from "../../middleware/context.js";
import { computeKpis } from "../../services/kpi/compute-kpis.js";
import { findSegment } from "../../services/kpi/find-segment.js";
import { mayPostCustomerData } from "../../services/slack/may-post-customer-data.js";
import { getWorkspace } from "../../services/settings/get-workspace.js";
import { computeKpiTrend } from "../../services/kpi/compute-kpi-trend.js";
import { buildKpiReport } from "../../views/kpi/kpi-report.js";
import { listKpiTargets } from "../../services/targets/list-kpi-targets.js";
import { standingsOf, trendTargetsOf } from "../../domain/targets/target-kpis.js";
import { kpiTrendBlocks } from "../../views/kpi/index.js";
import type { KpiArgs, KpiSubcommand } from "./kpi-command.js";

/** Resolves the words after `/kpi` (or `/kpi share`) to a segment; answers and returns false when unknown. */
async function segmentFrom(deps: ListenerDeps, args: KpiArgs, words: string[]): Promise<{ ok: boolean; segment: string | null }> {
  const name = words.join(" ").trim();
  if (!name) return { ok: true, segment: null };
  const { teamId, t } = requestContext(args.context);
  const found = await findSegment({ db: deps.db, teamId, name });
  if (found.segment !== null) return { ok: true, segment: found.segment };
  await args.respond({ response_type: "ephemeral", text: t("kpi.unknownSegment", { segment: name, known: found.known.join(", ") || t("word.none") }) });
  return { ok: false, segment: null };
}

/** Whether `/kpi share` may post in the command's channel; answers the caller why not and returns false otherwise. */
async function mayShareHere(deps: ListenerDeps, args: KpiArgs): Promise<boolean> {
  const { teamId, t } = requestContext(args.context);
  const channelId = args.command.channel_id;
  const allowed = await mayPostCustomerData({ db: deps.db, teamId, client: args.client }, channelId).catch(() => undefined);
  if (allowed) return true;
  const text = allowed === false ? t("kpi.share.blockedExternal", { channel: channelId }) : t("kpi.share.uncheckable");
  await args.respond({ response_type: "ephemeral", text });
  return false;
}

function headline(deps: ListenerDeps, share: boolean): KpiSubcommand {
  return async (args, words) => {
    const ctx = requestContext(args.context);
    const { teamId, t, locale } = ctx;
    if (share && !(await mayShareHere(deps, args))) return;
    // `/kpi [period] [segment]`: a first word shaped like a period is one (a bad one gets examples, not "unknown segment").
    const period = words[0] !== undefined && looksLikePeriod(words[0]) ? words[0] : undefined;
    const seg = await segmentFrom(deps, args, period === undefined ? words : words.slice(1));
    if (!seg.ok) return;
    // Days are the asker's: their Slack time zone, else the workspace's.
    const workspace = await getWorkspace({ db: deps.db, teamId });
    const timeZone = (await ctx.userTimeZone()) ?? workspace.timeZone;
    // One after the other: the KPI query is a transaction, and PGlite has one connection.
    const targets = await listKpiTargets({ db: deps.db, teamId, segment: seg.segment });
    const report = await computeKpis({ db: deps.db, teamId, period, segment: seg.segment, now: deps.now(), timeZone });
    // A shared answer is read by the channel: the import command is only for an admin asking for themselves.
    const forAdmin = !share && (await ctx.isAdmin());
    const standings = report.hasData ? standingsOf(report, targets) : [];
    const view = buildKpiReport(report, { t, locale, counter: workspace.customerCounter, forAdmin, standings });
    const responseType = share ? "in_channel" : "ephemeral";
    // The numbers go out at once; the 12-period trend (a dozen KPI periods, seconds on large workspaces) follows by
    // replacing that message with the numbers plus the native chart, whose text states the key numbers.
    await args.respond({ response_type: responseType, ...view });
    const trend = await computeKpiTrend({ db: deps.db, teamId, segment: seg.segment, to: report.to, now: deps.now(), timeZone });
    const chart = kpiTrendBlocks(t, locale, trend, trendTargetsOf(targets));
    await args.respond({
      response_type: responseType,
      replace_original: true,
      text: `${view.text}\n${chart.text}`,
      blocks: [...view.blocks, ...(chart.blocks as never[])],
    });
  };
}

/**
 * `/kpi [period] [segment]`: headline KPIs of the period (default: the last 4 complete weeks) against the period of
 * the same length before it, in the caller's time zone, visible only to the caller.
 */
export const kpiHeadline = (deps: ListenerDeps): KpiSubcommand => headline(deps, false);

/** `/kpi share [period] [segment]`: the same answer, posted in the channel. */
export const kpiShare = (deps: ListenerDeps): KpiSubcommand => headline(deps, true);
