import { z } from "zod";

/** A NUL, or a UTF-16 surrogate without its partner (`"\uD800"`): neither can be stored as PostgreSQL text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point of this pattern
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when PostgreSQL can store `text` as it is: no NUL byte (text columns refuse it) and no unpaired
 * surrogate (it has no UTF-8 encoding; the driver would fail the whole statement, and with it every good
 * record beside the bad one). Every text a user or an integration sends is checked with this before any write.
 */
export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

export const UNSTORABLE_TEXT_MESSAGE = "must not contain a NUL character or an unpaired UTF-16 surrogate";

/**
 * The one text check, as a zod schema: a string PostgreSQL can store. Chain the field's own rules after it
 * (`storableText().trim().max(100)`). Used by the ingestion records (API and CSV import), the capture inputs
 * (modals and commands) and the modal validators, so a bad character is refused the same way everywhere.
 */
export const storableText = () => z.string().refine(isStorableText, { message: UNSTORABLE_TEXT_MESSAGE });
