import { z } from "zod";

/** The `view.state.values` shape Slack sends with view_submission. */
export type ViewStateValues = Record<
  string,
  Record<
    string,
    {
      type: string;
      value?: string | null;
      selected_option?: { value: string; text?: { text: string } } | null;
      selected_options?: { value: string }[];
      selected_conversation?: string | null;
    }
  >
>;

/** Reads one input's value by block id (action id equals block id in our views). */
export function readText(values: ViewStateValues, id: string): string {
  return (values[id]?.[id]?.value ?? "").trim();
}
export function readOption(values: ViewStateValues, id: string): string | undefined {
  return values[id]?.[id]?.selected_option?.value ?? undefined;
}
/** The label Slack sends with a chosen option (external selects send the option as we rendered it). */
export function readOptionLabel(values: ViewStateValues, id: string): string | undefined {
  return values[id]?.[id]?.selected_option?.text?.text ?? undefined;
}
export function readOptions(values: ViewStateValues, id: string): string[] {
  return (values[id]?.[id]?.selected_options ?? []).map((o) => o.value);
}
export function readConversation(values: ViewStateValues, id: string): string | undefined {
  return values[id]?.[id]?.selected_conversation ?? undefined;
}

/** An input's state as Slack sends it: an object per block, an object per action inside it. */
const ZViewStateValues = z.record(z.string(), z.record(z.string(), z.looseObject({ type: z.string() })));

/** Our private_metadata: empty, or the JSON object our modal builders wrote. */
const isMetadata = (text: unknown): boolean => {
  if (text === undefined || text === "") return true;
  if (typeof text !== "string") return false;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
};

/**
 * True when a submitted view can be read safely: its state values are objects of objects and its
 * private_metadata is empty or a JSON object. What each value holds is then checked by the form's own validator.
 */
export function isReadableSubmission(view: unknown): boolean {
  if (typeof view !== "object" || view === null) return false;
  const v = view as { state?: { values?: unknown }; private_metadata?: unknown };
  return typeof v.state === "object" && v.state !== null && ZViewStateValues.safeParse(v.state.values).success && isMetadata(v.private_metadata);
}
