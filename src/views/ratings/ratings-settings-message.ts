import type { KnownBlock } from "@slack/types";
import type { Translate } from "../../i18n/index.js";
import type { RatingSettings } from "../../services/ratings/rating-settings.js";
import { context, section } from "../blocks.js";

/** `/story ratings`: the scale in effect, the thank-you threshold, and how admins change them. */
export function ratingsSettingsMessage(t: Translate, s: RatingSettings, note?: string): { text: string; blocks: KnownBlock[] } {
  const entries = Object.entries(s.scale).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const scale = entries.length ? entries.map(([emoji, points]) => `:${emoji}: ${t("ratings.points", { points })}`).join("\n") : `_${t("ratings.settings.emptyScale")}_`;
  const lines = [`*${t("ratings.settings.title")}*${s.isDefaultScale ? ` ${t("ratings.settings.default")}` : ""}`, scale, t("ratings.settings.threshold", { points: s.threshold })];
  const blocks: KnownBlock[] = [];
  if (note) blocks.push(section(note));
  blocks.push(section(lines.join("\n")), context(t("ratings.settings.usage")));
  return { text: note ?? t("ratings.settings.title"), blocks };
}
