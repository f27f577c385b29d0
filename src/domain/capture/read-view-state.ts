/** The `view.state.values` shape Slack sends with view_submission. */
export type ViewStateValues = Record<string, Record<string, {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_conversation?: string | null;
}>>;

/** Reads one input's value by block id (action id equals block id in our views). */
export function readText(values: ViewStateValues, id: string): string {
  return (values[id]?.[id]?.value ?? "").trim();
}
export function readOption(values: ViewStateValues, id: string): string | undefined {
  return values[id]?.[id]?.selected_option?.value ?? undefined;
}
export function readOptions(values: ViewStateValues, id: string): string[] {
  return (values[id]?.[id]?.selected_options ?? []).map((o) => o.value);
}
export function readConversation(values: ViewStateValues, id: string): string | undefined {
  return values[id]?.[id]?.selected_conversation ?? undefined;
}
