/** Why a CLV computation could not produce a trustworthy answer. */
export type ClvErrorCode =
  /** Too few customers (or repeat customers) for the model's parameters to be identified. */
  | "NOT_ENOUGH_DATA"
  /** The optimizer stopped without reaching a maximum of the likelihood. */
  | "DID_NOT_CONVERGE"
  /** Inputs outside the model's domain (negative times, non-finite spend, bad parameters). */
  | "INVALID_INPUT";

/**
 * Typed error thrown by the CLV core. Callers (services) map `code` to a translated message;
 * `details` carries the numbers a developer needs to see why, never customer data.
 */
export class ClvError extends Error {
  readonly code: ClvErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ClvErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "ClvError";
    this.code = code;
    this.details = details;
  }
}

/** Narrowing helper for `catch` blocks and `expect(...).rejects`. */
export function isClvError(error: unknown, code?: ClvErrorCode): error is ClvError {
  return error instanceof ClvError && (code === undefined || error.code === code);
}
