/**
 * How Japanese messages count customers: 人 for consumers, 社 for companies (B2B), 件 when neither fits.
 * English says "customers" whatever the setting. Stored on the workspace as the code.
 */
export const CUSTOMER_COUNTERS = ["people", "companies", "items"] as const;
export type CustomerCounter = (typeof CUSTOMER_COUNTERS)[number];

const WORDS: Record<string, CustomerCounter> = {
  people: "people",
  person: "people",
  人: "people",
  companies: "companies",
  company: "companies",
  社: "companies",
  items: "items",
  item: "items",
  件: "items",
};

/** Reads an admin's word (`社`, `companies`, ...); undefined when it names no counter. */
export function parseCustomerCounter(word: string | undefined): CustomerCounter | undefined {
  return word === undefined ? undefined : WORDS[word.trim().toLowerCase()];
}

/** A stored value, with the default for anything unexpected. */
export const toCustomerCounter = (stored: string | null | undefined): CustomerCounter =>
  (CUSTOMER_COUNTERS as readonly string[]).includes(stored ?? "") ? (stored as CustomerCounter) : "people";
