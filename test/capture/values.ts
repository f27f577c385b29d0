/** Builders for view.state.values as Slack sends them for our modals. */
export const text = (v: string | null) => ({ type: "plain_text_input", value: v });
export const select = (v: string | null) => ({ type: "static_select", selected_option: v ? { value: v } : null });
export const radio = (v: string | null) => ({ type: "radio_buttons", selected_option: v ? { value: v } : null });
export const multi = (vs: string[]) => ({ type: "checkboxes", selected_options: vs.map((value) => ({ value })) });
export const conversation = (v: string | null) => ({ type: "conversations_select", selected_conversation: v });

/**
 * The customer picker (external_select) as Slack sends its choice: an imported customer (`customerId`, shown by
 * `customer` as its label) or the typed text "as written".
 */
export const customerChoice = (customer: string, customerId?: bigint | string) => ({
  type: "external_select",
  selected_option:
    customerId !== undefined
      ? { text: { type: "plain_text", text: customer, emoji: true }, value: `id:${customerId}` }
      : { text: { type: "plain_text", text: `Use “${customer}” as written`, emoji: true }, value: `text:${customer}` },
});

export function insightValues(o: {
  customer?: string;
  customerId?: bigint | string;
  source?: string;
  sentiment?: string;
  themesNew?: string;
  quote?: string;
  context?: string;
  teams?: string[];
  themesExisting?: string[];
}) {
  return {
    customer: { customer: o.customer === "" ? { type: "external_select", selected_option: null } : customerChoice(o.customer ?? "Acme Corp", o.customerId) },
    source: { source: select(o.source ?? "call") },
    sentiment: { sentiment: radio(o.sentiment ?? "negative") },
    themes_existing: { themes_existing: { type: "multi_static_select", selected_options: (o.themesExisting ?? []).map((value) => ({ value })) } },
    themes_new: { themes_new: text(o.themesNew ?? "pricing, onboarding") },
    quote: { quote: text(o.quote ?? "The renewal price doubled and nobody told us.") },
    context: { context: text(o.context ?? null) },
    teams: { teams: multi(o.teams ?? ["sales"]) },
  };
}

export function storyValues(o: { kind?: string; title?: string; happened?: string; learned?: string; customer?: string; metricImpact?: string; channel?: string }) {
  const v: Record<string, Record<string, unknown>> = {
    kind: { kind: radio(o.kind ?? "failure") },
    title: { title: text(o.title ?? "We missed the renewal call") },
    happened: { happened: text(o.happened ?? "Nobody owned the account after the CSM left.") },
    learned: { learned: text(o.learned ?? "Every account needs a named owner, checked monthly.") },
    customer: { customer: text(o.customer ?? null) },
    metric_impact: { metric_impact: text(o.metricImpact ?? null) },
  };
  if (o.channel !== undefined) v.channel = { channel: conversation(o.channel || null) };
  return v;
}
