import type { FieldChange } from "../../domain/work/insight-work.js";
import type { Translate } from "../../i18n/index.js";
import { escapeMrkdwn } from "../blocks.js";
import { statusLabel } from "./insight-work-blocks.js";

/**
 * The one line posted in an insight's thread for a change: who (by name, never a mention) and each field's
 * from → to (and the theme, when the insight followed its theme). `names` maps user ids to display names; an unknown id shows as the id.
 */
export function insightChangeLine(t: Translate, p: { changes: FieldChange[]; actorId: string | null; names: ReadonlyMap<string, string>; theme?: string | undefined }): string {
  const person = (id: string) => escapeMrkdwn(p.names.get(id) ?? id);
  const value = (c: FieldChange, v: string | null) => {
    if (v === null) return t("work.thread.none");
    if (c.field === "status") return statusLabel(t, v);
    if (c.field === "owner") return person(v);
    return escapeMrkdwn(v);
  };
  const changes = p.changes
    .map((c) => t("work.thread.from_to", { field: t(`work.field.${c.field}`), from: value(c, c.from), to: value(c, c.to) }))
    .join(t("work.thread.separator"));
  if (p.theme !== undefined) {
    const theme = escapeMrkdwn(p.theme);
    return p.actorId ? t("work.thread.changedByTheme", { actor: person(p.actorId), theme, changes }) : t("work.thread.changedByThemeApi", { theme, changes });
  }
  return p.actorId ? t("work.thread.changed", { actor: person(p.actorId), changes }) : t("work.thread.changedByApi", { changes });
}
