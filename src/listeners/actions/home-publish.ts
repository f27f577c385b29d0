import type { WebClient } from "@slack/web-api";
import type { KnownBlock } from "@slack/types";
import { translator } from "../../i18n/index.js";
import { fitBlocks } from "../../views/block-limits.js";
import { divider } from "../../views/blocks.js";
import type { ListenerDeps } from "../deps.js";
import { homeSections, type HomeSectionInput } from "../events/app-home-opened.js";

/**
 * Re-publishes one user's Home after they changed something on it, from the same `homeSections` as
 * `app_home_opened` (and assembled the same way: sections in order, dividers between, 100 blocks at most).
 * Errors are logged, never thrown: the change itself is already saved.
 */
export async function republishHome(deps: ListenerDeps, client: WebClient, teamId: string, userId: string): Promise<void> {
  try {
    const locale = (await deps.users.get(teamId, userId)).locale ?? deps.config.DEFAULT_LOCALE;
    const input: HomeSectionInput = { deps, teamId, userId, t: translator(locale), now: deps.now() };
    const built = await Promise.all(
      homeSections.map((s) =>
        s.build(input).catch((e: unknown) => {
          deps.log.error({ teamId, section: s.name, err: String(e) }, "home section failed");
          return [] as KnownBlock[];
        }),
      ),
    );
    const blocks = built.filter((b) => b.length).flatMap((b, i) => (i === 0 ? b : [divider(), ...b]));
    await client.views.publish({ user_id: userId, view: { type: "home", blocks: fitBlocks(blocks, { surface: "home" }).blocks } });
  } catch (e) {
    deps.log.warn({ teamId, err: String(e) }, "could not refresh home");
  }
}
