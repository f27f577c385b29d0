import type { KnownBlock } from "@slack/types";
import type { Period } from "../../domain/ratings/period.js";
import type { Translate } from "../../i18n/index.js";
import type { Leaderboard } from "../../services/ratings/get-leaderboard.js";
import type { UserContributions } from "../../services/ratings/get-user-contributions.js";
import { context, divider, header, section } from "../blocks.js";
import { itemLine, personLine } from "../ratings/leaderboard-message.js";

export interface ContributionsView {
  mine: UserContributions;
  board: Leaderboard;
  period: Period;
  /** People on the leaderboard who left the workspace. */
  leftUsers: ReadonlySet<string>;
}

/**
 * The App Home section about recognition: what the user shared and the points it earned, then who is
 * leading this period. Pure; at most 8 blocks, so other home sections keep room.
 */
export function contributionsSection(t: Translate, v: ContributionsView): KnownBlock[] {
  const blocks: KnownBlock[] = [header(t("home.contributions.title"))];
  if (v.mine.count === 0) {
    blocks.push(section(t("home.contributions.none")));
  } else {
    blocks.push(section(t("home.contributions.summary", { count: v.mine.count, points: v.mine.totalPoints })));
    blocks.push(section(v.mine.items.map((i) => `• ${itemLine(t, i, { showAuthor: false })}`).join("\n")));
    if (v.mine.count > v.mine.items.length) blocks.push(context(t("home.contributions.more", { count: v.mine.count - v.mine.items.length })));
  }
  blocks.push(divider(), header(t("home.leaderboard.title", { period: t(`ratings.period.${v.period}`) })));
  if (!v.board.people.length) {
    blocks.push(section(t("home.leaderboard.empty")));
  } else {
    blocks.push(section(v.board.people.map((p) => personLine(t, p, v.leftUsers.has(p.userId))).join("\n")));
    blocks.push(context(t("home.leaderboard.hint")));
  }
  return blocks;
}
