import type { ListenerDeps } from "../deps.js";
import { requestContext } from "../../middleware/context.js";
import { computeCohorts } from "../../services/kpi/compute-cohorts.js";
import { findSegment } from "../../services/kpi/find-segment.js";
import { cohortTableBlocks, parseCohortYear } from "../../views/kpi/index.js";
import type { KpiSubcommand } from "./kpi-command.js";

/**
 * `/kpi cohorts [year] [segment]`: the monthly acquisition cohort triangle of the last 12 complete months, or of
 * the cohorts acquired in `year` (with every month after them). When the table cannot hold everything, the
 * message says what was cut and which `/kpi cohorts <year>` shows the rest.
 */
export const kpiCohorts =
  (deps: ListenerDeps): KpiSubcommand =>
  async (args, words) => {
    const { teamId, t, locale } = requestContext(args.context);
    const now = deps.now();
    const parsed = parseCohortYear(words.join(" "), now.getUTCFullYear());
    let segment: string | null = null;
    if (parsed.segment) {
      const found = await findSegment({ db: deps.db, teamId, name: parsed.segment });
      if (found.segment === null) {
        await args.respond({ response_type: "ephemeral", text: t("kpi.unknownSegment", { segment: parsed.segment, known: found.known.join(", ") || t("word.none") }) });
        return;
      }
      segment = found.segment;
    }
    const report = await computeCohorts({ db: deps.db, teamId, segment, now, ...(parsed.from ? { from: parsed.from } : {}) });
    const view = cohortTableBlocks(t, locale, report, { year: parsed.year });
    await args.respond({ response_type: "ephemeral", blocks: view.blocks as never, text: view.text });
  };
