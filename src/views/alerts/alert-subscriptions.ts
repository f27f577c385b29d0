import type { AlertKind } from "../../domain/alerts/alert-kinds.js";
import type { Translate } from "../../i18n/index.js";

/** `/kpi alerts`: one line per channel and kind, with quiet hours and grouping. Pure. */
export function alertSubscriptionsText(
  t: Translate,
  subs: ReadonlyArray<{ channelId: string; kind: string; quietStart: string | null; quietEnd: string | null; timeZone: string; groupAbove: number }>,
): string {
  if (!subs.length) return `${t("alerts.list.title")}\n${t("alerts.list.empty")}`;
  const lines = subs.map((s) => {
    const settings = [
      ...(s.quietStart && s.quietEnd ? [t("alerts.list.quiet", { start: s.quietStart, end: s.quietEnd, timeZone: s.timeZone })] : []),
      t("alerts.list.group", { count: s.groupAbove }),
    ];
    return t("alerts.list.line", { channel: s.channelId, kind: t(`alerts.kind.${s.kind as AlertKind}`), settings: ` (${settings.join(", ")})` });
  });
  return [t("alerts.list.title"), ...lines].join("\n");
}
