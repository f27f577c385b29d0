import type { FieldErrors } from "../domain/capture/validate-insight-form.js";
import type { MessageKey, Translate } from "../i18n/index.js";

/** Translates validation errors into the `response_action: errors` map Slack shows under each field. */
export function fieldErrors(t: Translate, errors: FieldErrors): Record<string, string> {
  const tr = t as (k: MessageKey, p?: unknown) => string;
  const out: Record<string, string> = {};
  for (const [block, e] of Object.entries(errors)) {
    const params = { ...e.params } as Record<string, unknown>;
    if (typeof params.fieldKey === "string") params.field = tr(params.fieldKey as MessageKey);
    out[block] = tr(e.key, params);
  }
  return out;
}
