import { computeLoopMetrics } from "../work/compute-loop-metrics.js";
import { loopMetricsBlocks } from "../../views/work/loop-metrics-blocks.js";
import type { HomeSection } from "./home-section.js";

/** Days of voices App Home's loop-closure figures cover. */
export const HOME_LOOP_DAYS = 90;

/** Loop-closure rate, median days to close and customers told, per team, over the voices of the last 90 days (members only). */
export const homeLoopSection: HomeSection = {
  name: "loop",
  async build({ deps, teamId, userId, t, now, access }) {
    if (access.standing !== "member") return [];
    const locale = (await deps.users.get(teamId, userId)).locale ?? deps.config.DEFAULT_LOCALE;
    const metrics = await computeLoopMetrics({ db: deps.db, teamId }, { from: new Date(now.getTime() - HOME_LOOP_DAYS * 86_400_000), to: now, now });
    return loopMetricsBlocks(t, locale, { title: t("work.loop.title", { days: HOME_LOOP_DAYS }), metrics });
  },
};
