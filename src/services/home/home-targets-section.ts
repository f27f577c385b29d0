import { standingsOf } from "../../domain/targets/target-kpis.js";
import { homeTargetBlocks } from "../../views/targets/home-targets.js";
import { customerDataRefusal } from "../access/check-access.js";
import { computeKpis } from "../kpi/compute-kpis.js";
import { listKpiTargets } from "../targets/list-kpi-targets.js";
import type { HomeSection } from "./home-section.js";

/** The headline period against the KPI targets (members), and the list of targets with how to change them (admins). */
export const homeTargetsSection: HomeSection = {
  name: "targets",
  async build({ deps, teamId, userId, t, now, access }) {
    if (customerDataRefusal(access)) return [];
    const all = await listKpiTargets({ db: deps.db, teamId });
    const mine = all.filter((x) => x.segment === "");
    const report = mine.length ? await computeKpis({ db: deps.db, teamId, now }) : null;
    const standings = report?.hasData ? standingsOf(report, mine) : [];
    const locale = (await deps.users.get(teamId, userId)).locale ?? deps.config.DEFAULT_LOCALE;
    return homeTargetBlocks(t, locale, { standings, targets: access.isAdmin ? all : null });
  },
};
