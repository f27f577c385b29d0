import type { ListenerDeps } from "../deps.js";
import { requestContext } from "../../middleware/context.js";
import { computeCohorts } from "../../services/kpi/compute-cohorts.js";
import { findSegment } from "../../services/kpi/find-segment.js";
import { buildKpiCohorts } from "../../views/kpi/kpi-cohorts.js";
import type { KpiSubcommand } from "./kpi-command.js";

/** `/kpi cohorts [segment]`: the monthly acquisition cohort triangle of the last 12 complete months. */
export const kpiCohorts =
  (deps: ListenerDeps): KpiSubcommand =>
  async (args, words) => {
    const { teamId, t, locale } = requestContext(args.context);
    const name = words.join(" ").trim();
    let segment: string | null = null;
    if (name) {
      const found = await findSegment({ db: deps.db, teamId, name });
      if (found.segment === null) {
        await args.respond({ response_type: "ephemeral", text: t("kpi.unknownSegment", { segment: name, known: found.known.join(", ") || t("word.none") }) });
        return;
      }
      segment = found.segment;
    }
    const report = await computeCohorts({ db: deps.db, teamId, segment, now: deps.now() });
    const view = buildKpiCohorts(report, { t, locale });
    await args.respond({ response_type: "ephemeral", blocks: view.blocks as never, text: view.text });
  };
