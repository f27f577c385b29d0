import { parseTargetCommand, TARGET_KPIS, TARGET_UNIT } from "../../domain/targets/target-kpis.js";
import { AppError } from "../../errors/app-error.js";
import { translator } from "../../i18n/index.js";
import { requestContext } from "../../middleware/context.js";
import { findSegment } from "../../services/kpi/find-segment.js";
import { listKpiTargets } from "../../services/targets/list-kpi-targets.js";
import { removeKpiTarget } from "../../services/targets/remove-kpi-target.js";
import { saveKpiTarget } from "../../services/targets/save-kpi-target.js";
import { targetKpiLabel, targetSegmentText, targetsListLines, targetValueText } from "../../views/targets/target-words.js";
import type { ListenerDeps } from "../deps.js";
import type { KpiSubcommand } from "./kpi-command.js";

/** KPI names in both languages (`/kpi target リテンション率 85%` works as well as `retention`). */
const LABELS = (["en", "ja"] as const).flatMap((l) => TARGET_KPIS.map((kpi) => ({ kpi, label: targetKpiLabel(translator(l), kpi) })));

/** `/kpi targets`: every target, by segment. Members may read them; the list says how admins change them. */
export function kpiTargetsSubcommand(deps: ListenerDeps): KpiSubcommand {
  return async ({ respond, context }) => {
    const { t, locale, teamId } = requestContext(context);
    const rows = await listKpiTargets({ db: deps.db, teamId });
    const lines = [t("targets.list.title"), ...targetsListLines(t, locale, rows), ...(rows.length ? [t("targets.list.howTo")] : [])];
    await respond({ response_type: "ephemeral", text: lines.join("\n") });
  };
}

/**
 * `/kpi target <kpi> <value> [segment]` sets a target, `/kpi target <kpi> off [segment]` removes it (the bot's
 * admins only). The segment must be one the workspace's customers have. Replies are ephemeral.
 */
export function kpiTargetSubcommand(deps: ListenerDeps): KpiSubcommand {
  return async ({ respond, context, command }, rest) => {
    const ctx = requestContext(context);
    const { t, locale, teamId } = ctx;
    const reply = (text: string) => respond({ response_type: "ephemeral", text });
    const parsed = parseTargetCommand(rest, LABELS);
    if (parsed.kind === "usage") return void (await reply(t("targets.usage")));
    if (parsed.kind === "unknownKpi") return void (await reply(t("targets.unknownKpi", { name: parsed.name })));
    if (!(await ctx.isAdmin())) throw new AppError("NOT_ADMIN", "error.notAdmin");
    const kpi = targetKpiLabel(t, parsed.kpi);
    if (parsed.kind === "badValue") return void (await reply(t(`targets.badValue.${TARGET_UNIT[parsed.kpi]}`, { kpi, value: parsed.value })));

    const scope = { db: deps.db, teamId };
    const unknownSegment = (known: string[]) => reply(t("kpi.unknownSegment", { segment: parsed.segment, known: known.join(", ") || t("word.none") }));
    if (parsed.kind === "off") {
      const found = parsed.segment === "" ? { segment: "", known: [] } : await findSegment({ ...scope, name: parsed.segment });
      if (found.segment === null) return void (await unknownSegment(found.known));
      const removed = await removeKpiTarget(scope, { kpi: parsed.kpi, segment: found.segment });
      deps.log.info({ teamId, userId: ctx.userId, kpi: parsed.kpi, removed }, "kpi target removed");
      return void (await reply(t(removed ? "targets.removed" : "targets.notSet", { kpi, segment: targetSegmentText(t, found.segment) })));
    }
    const saved = await saveKpiTarget(scope, { kpi: parsed.kpi, value: parsed.value, segmentName: parsed.segment, setBy: command.user_id });
    if (saved.status === "unknownSegment") return void (await unknownSegment(saved.known));
    deps.log.info({ teamId, userId: ctx.userId, kpi: parsed.kpi }, "kpi target set");
    const { previous } = saved;
    const segmentText = targetSegmentText(t, saved.segment);
    const value = targetValueText(locale, parsed.kpi, parsed.value);
    if (previous === null || previous === parsed.value) return void (await reply(t("targets.set", { kpi, value, segment: segmentText })));
    await reply(t("targets.replaced", { kpi, value, previous: targetValueText(locale, parsed.kpi, previous), segment: segmentText }));
  };
}
