import type { MessageKey } from "../i18n/index.js";

export type AppErrorCode =
  | "NOT_ADMIN"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_INPUT"
  | "CONFLICT"
  | "SLACK_API"
  | "UNAUTHORIZED"
  | "NOT_ENOUGH_DATA"
  | "DID_NOT_CONVERGE"
  /** The store stayed locked or in conflict through every retry; nothing was written. Try again shortly. */
  | "BUSY";

/**
 * An error we expect and can explain to the user. `messageKey` names the catalog entry shown to them,
 * so services never build user-facing text themselves.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly messageKey: MessageKey = "error.internal",
    readonly params?: Record<string, unknown>,
  ) {
    super(`${code}: ${messageKey}`);
    this.name = "AppError";
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
