import type { WebClient } from "@slack/web-api";
import type { KnownBlock } from "@slack/types";
import { translator } from "../../i18n/index.js";
import { checkAccess } from "../access/check-access.js";
import { slackErrorCode } from "../slack/slack-error.js";
import { BLOCK_LIMITS, fitBlocks, shareBlocks } from "../../views/block-limits.js";
import { context, divider } from "../../views/blocks.js";
import type { HomeDeps, HomeSection, HomeSectionInput } from "./home-section.js";
import { homeSections } from "./home-sections.js";
import { errorFields } from "../../log.js";

/** Image blocks replaced by their alt text (which states the key numbers): for when Slack refuses the image. */
export function withoutImages(blocks: KnownBlock[]): KnownBlock[] {
  return blocks.map((b) => (b.type === "image" ? context(b.alt_text) : b));
}

/**
 * Builds and publishes one user's Home from `sections` (in order, dividers between, 100 blocks at most: past that,
 * each section keeps its fair share and the longer ones end with a line saying how many were left out). A
 * section that fails is left out and logged. When Slack refuses the view because of the chart image (e.g. a file
 * it cannot show), the view is published again with the image's alt text instead, so Home never stays empty.
 */
export async function publishHome(deps: HomeDeps, client: WebClient, opts: { teamId: string; userId: string; sections: readonly HomeSection[] }): Promise<void> {
  const { teamId, userId } = opts;
  const locale = (await deps.users.get(teamId, userId)).locale ?? deps.config.DEFAULT_LOCALE;
  // Asked on every publish: sections with customer data or settings show them only to whom they belong.
  const access = await checkAccess({ db: deps.db, teamId, users: deps.users, groups: deps.groups }, userId);
  const input: HomeSectionInput = { deps, client, teamId, userId, t: translator(locale), now: deps.now(), access };
  const built = await Promise.all(
    opts.sections.map((s) =>
      s.build(input).catch((e: unknown) => {
        deps.log.error({ teamId, section: s.name, err: errorFields(e) }, "home section failed");
        return [] as KnownBlock[];
      }),
    ),
  );
  // Every section keeps a fair share of Home's 100 blocks (the admin settings at the bottom are never pushed out).
  const shared = shareBlocks(built, BLOCK_LIMITS.blocksPerHomeTab, divider, (count) => context(input.t("homeTab.overflow", { count })));
  const fitted = fitBlocks(shared.blocks, { surface: "home", overflowNotice: (r) => context(input.t("homeTab.overflow", { count: r.droppedBlocks })) });
  const dropped = shared.leftOut + (fitted.report?.droppedBlocks ?? 0);
  if (dropped > 0) deps.log.warn({ teamId, dropped }, "home over the block limit");
  const blocks = fitted.blocks as KnownBlock[];
  try {
    await client.views.publish({ user_id: userId, view: { type: "home", blocks } });
  } catch (e) {
    const reason = slackErrorCode(e);
    if (!blocks.some((b) => b.type === "image") || !/invalid_blocks|invalid_slack_file|invalid_arguments/.test(reason)) throw e;
    deps.log.warn({ teamId, reason }, "home image refused; publishing its text instead");
    await client.views.publish({ user_id: userId, view: { type: "home", blocks: withoutImages(blocks) } });
  }
}

/**
 * Re-publishes one user's Home after they changed something on it. Errors are logged, never thrown: the change
 * itself is already saved.
 */
export async function republishHome(deps: HomeDeps, client: WebClient, teamId: string, userId: string): Promise<void> {
  try {
    await publishHome(deps, client, { teamId, userId, sections: homeSections });
  } catch (e) {
    deps.log.warn({ teamId, err: errorFields(e) }, "could not refresh home");
  }
}
