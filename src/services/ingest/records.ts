import { z } from "zod";
import { storableText } from "../../domain/text/storable-text.js";

/**
 * The record shapes every ingestion path validates against (HTTP API bodies and CSV rows alike).
 * CSV cells arrive as strings, API fields as JSON values: the schemas accept both representations and
 * normalise them, so one record means the same thing whichever way it came in.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * The dates ingestion accepts, both inclusive (UTC). Nothing a retention team tracks happened before 1970 (and
 * epoch-day arithmetic in the CLV model starts there); 2100 leaves room for contract dates while refusing the
 * placeholders systems write for "never" (9999-12-31) and typos (0050 for 2050).
 */
export const DATE_RANGE = { min: new Date("1970-01-01T00:00:00.000Z"), max: new Date("2100-12-31T23:59:59.999Z") } as const;

/** The UTC instant of a calendar date and time, the year taken exactly (Date.UTC reads 0-99 as 1900-1999). */
function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Date {
  const t = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  t.setUTCFullYear(y, mo - 1, d);
  return t;
}

/**
 * Parses ISO 8601 (`2024-03-01`, `2024-03-01T10:00:00Z`, `2024-03-01T10:00:00+09:00`) or `YYYYMMDD`.
 * A time without an offset and a bare date are taken as UTC. Returns null for anything else,
 * including impossible calendar dates such as 2024-02-30. The year is read as written (0050 is year 50);
 * the range check is the caller's (`DATE_RANGE`).
 */
export function parseInstant(text: string): Date | null {
  const s = text.trim();
  const compact = COMPACT_DATE.exec(s);
  const m = compact ?? ISO_DATE.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const day = utc(y, mo, d);
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  if (compact || m[4] === undefined) return day;
  const [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (h > 23 || mi > 59 || sec > 59) return null;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  let t = utc(y, mo, d, h, mi, sec, ms).getTime();
  const off = m[8];
  if (off && off.toUpperCase() !== "Z") {
    const sign = off.startsWith("-") ? -1 : 1;
    const digits = off.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 23 || om > 59) return null;
    t -= sign * (oh * 60 + om) * 60_000;
  }
  return new Date(t);
}

const DATE_HINT = "must be a date in ISO 8601 (2024-03-01, 2024-03-01T10:00:00Z) or YYYYMMDD";
const DATE_RANGE_HINT = "must be between 1970-01-01 and 2100-12-31 (UTC)";

const ZInstant = z.union([z.string(), z.number().int()], { error: DATE_HINT }).transform((v, ctx) => {
  const d = parseInstant(String(v));
  if (!d) {
    ctx.addIssue({ code: "custom", message: DATE_HINT });
    return z.NEVER;
  }
  if (d < DATE_RANGE.min || d > DATE_RANGE.max) {
    ctx.addIssue({ code: "custom", message: DATE_RANGE_HINT });
    return z.NEVER;
  }
  return d;
});

/** An external identifier: the customer's or record's id in the team's own system. */
const ZExternalId = z
  .union([z.string(), z.number().int().nonnegative()], { error: "must be a text or a whole number" })
  .transform((v) => String(v).trim())
  .pipe(storableText())
  .pipe(z.string().min(1, "must not be empty").max(200, "must be at most 200 characters"));

const optionalText = (max: number) =>
  storableText()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((v) => (v === "" ? null : v))
    .nullish();

const AMOUNT_TEXT = /^\d{1,12}(\.\d{1,2})?$/;
const AMOUNT_HINT = "must be a number of 0 or more with at most 2 decimals, below 1,000,000,000,000";

/** Money as an exact decimal string with two decimals ("29.30"); floats are checked for stray decimals. */
const ZAmount = z.union([z.string(), z.number()], { error: AMOUNT_HINT }).transform((v, ctx) => {
  let cents: number;
  if (typeof v === "number") {
    cents = Math.round(v * 100);
    // Accept float noise from JSON clients (0.1 + 0.2), reject real third decimals (29.335).
    const noise = 4 * Number.EPSILON * Math.max(1, Math.abs(v));
    if (!Number.isFinite(v) || v < 0 || Math.abs(cents / 100 - v) > noise || cents >= 1e14) {
      ctx.addIssue({ code: "custom", message: AMOUNT_HINT });
      return z.NEVER;
    }
    return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
  }
  const s = v.trim();
  if (!AMOUNT_TEXT.test(s)) {
    ctx.addIssue({ code: "custom", message: AMOUNT_HINT });
    return z.NEVER;
  }
  const [whole, frac = ""] = s.split(".");
  return `${BigInt(whole!)}.${frac.padEnd(2, "0")}`;
});

const ZCurrency = z
  .string()
  .trim()
  .transform((v) => (v === "" ? null : v.toUpperCase()))
  .pipe(
    z
      .string()
      .regex(/^[A-Z]{3}$/, "must be a 3-letter ISO 4217 code like USD")
      .nullable(),
  )
  .nullish();

const ZInteger = z
  .union(
    [
      z.number(),
      z
        .string()
        .trim()
        .regex(/^-?\d+$/, "must be a whole number")
        .transform(Number),
    ],
    { error: "must be a whole number" },
  )
  .pipe(z.number().int("must be a whole number"));

/**
 * A customer. Omitted fields leave the stored value as it is; an explicit `null` clears it (so a
 * churned customer who came back gets `churnedAt: null`).
 */
export const ZCustomerRecord = z.strictObject({
  id: ZExternalId,
  name: optionalText(500),
  segment: optionalText(100),
  signedUpAt: ZInstant.nullish(),
  churnedAt: ZInstant.nullish(),
});
export type CustomerRecord = z.output<typeof ZCustomerRecord>;

/** A purchase by a customer; an unknown customer id creates the customer. */
export const ZPurchaseRecord = z.strictObject({
  id: ZExternalId.nullish(),
  customerId: ZExternalId,
  at: ZInstant,
  amount: ZAmount,
  currency: ZCurrency,
});
export type PurchaseRecord = z.output<typeof ZPurchaseRecord>;

export const SURVEY_SCALES = { csat: { min: 1, max: 5 }, nps: { min: 0, max: 10 } } as const;

/** A CSAT (1-5) or NPS (0-10) answer, optionally tied to a customer (created when unknown). */
export const ZSurveyResponseRecord = z
  .strictObject({
    id: ZExternalId.nullish(),
    customerId: ZExternalId.nullish(),
    kind: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(["csat", "nps"], { error: 'must be "csat" or "nps"' })),
    score: ZInteger,
    at: ZInstant,
    comment: optionalText(5000),
  })
  .superRefine((r, ctx) => {
    const scale = SURVEY_SCALES[r.kind];
    if (r.score < scale.min || r.score > scale.max) {
      ctx.addIssue({ code: "custom", path: ["score"], message: `must be ${scale.min}-${scale.max} for ${r.kind}` });
    }
  });
export type SurveyResponseRecord = z.output<typeof ZSurveyResponseRecord>;

/**
 * One line per problem: `field: reason`, fields joined with "; ". `input` (the record as received) tells
 * a missing field ("is required") from a malformed one.
 */
export function describeIssues(error: z.ZodError, input: unknown, fieldName: (field: string) => string = (f) => f): string {
  const given = (field: string) => typeof input === "object" && input !== null && (input as Record<string, unknown>)[field] !== undefined;
  if (typeof input !== "object" || input === null || Array.isArray(input)) return "must be an object";
  return error.issues
    .map((i) => {
      const key = i.path.length ? String(i.path[0]) : "";
      const message = key && !given(key) ? "is required" : i.code === "unrecognized_keys" ? `unknown field(s) ${i.keys.join(", ")}` : i.message;
      return key ? `${fieldName(key)}: ${message}` : message;
    })
    .join("; ");
}
