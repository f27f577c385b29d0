/** What the customer picker's chosen option means: an imported customer, or the typed text as written. */
export type CustomerChoice = { kind: "customer"; customerId: string } | { kind: "text"; text: string };

const CUSTOMER = "id:";
const TEXT = "text:";
/** Slack refuses an option value longer than 150 characters. */
export const OPTION_VALUE_MAX = 150;

/** The option value of a choice; null when typed text is too long to fit in one (Slack's limit). */
export function encodeCustomerChoice(choice: CustomerChoice): string | null {
  const value = choice.kind === "customer" ? `${CUSTOMER}${choice.customerId}` : `${TEXT}${choice.text}`;
  return value.length <= OPTION_VALUE_MAX ? value : null;
}

/** Reads an option value written by encodeCustomerChoice; anything else is read as typed text. */
export function decodeCustomerChoice(value: string): CustomerChoice {
  if (value.startsWith(CUSTOMER) && /^\d{1,19}$/.test(value.slice(CUSTOMER.length))) return { kind: "customer", customerId: value.slice(CUSTOMER.length) };
  if (value.startsWith(TEXT)) return { kind: "text", text: value.slice(TEXT.length) };
  return { kind: "text", text: value };
}

/** How a picked customer reads in a list: "Acme Corp (C-1001)", or the id alone when there is no name. */
export const customerLabel = (c: { name: string | null; externalId: string }) => (c.name?.trim() ? `${c.name.trim()} (${c.externalId})` : c.externalId);
