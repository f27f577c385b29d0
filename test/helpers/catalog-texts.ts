import type { Locale } from "../../src/config.js";
import { catalogEntries } from "../../src/i18n/index.js";

/**
 * Parameters for every catalog function: one value for every key, so a new message is rendered without listing its
 * parameters here. Japanese text is the worst case around markers and words; a number exercises plural branches.
 */
const sampleParams = (value: string | number) => new Proxy({}, { get: (_, key) => (key === Symbol.toPrimitive ? undefined : value) });

/**
 * Each catalog message of a locale as text: a function is rendered with each sample value (by default once with
 * Japanese text and once with a number; wording checks pass only the number, so no sample reads as our wording).
 */
export function catalogTexts(locale: Locale, samples: (string | number)[] = ["山田商事", 12]): { key: string; texts: string[] }[] {
  return catalogEntries()[locale].map(([key, message]) => ({
    key,
    texts: typeof message === "function" ? samples.map((v) => message(sampleParams(v))) : [message],
  }));
}

/** Keys that say what a payload is to Slack, not what a person reads. */
const NOT_READ = new Set(["type", "action_id", "block_id", "callback_id", "private_metadata", "value", "url", "image_url", "channel", "style", "emoji"]);

/** Every string a person can read in a built payload (mrkdwn, plain_text, table cells, fallback text, alt text). */
export function readableTexts(payload: unknown): string[] {
  if (typeof payload === "string") return [payload];
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) for (const x of v) typeof x === "string" ? out.push(x) : walk(x);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (NOT_READ.has(k)) continue;
        if (typeof x === "string") out.push(x);
        else walk(x);
      }
    }
  };
  walk(payload);
  return out;
}
