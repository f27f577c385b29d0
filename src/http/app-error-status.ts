import type { AppError, AppErrorCode } from "../errors/app-error.js";
import { translator } from "../i18n/index.js";

/** The one table from an AppError's code to the HTTP status the REST API answers with. */
export const HTTP_STATUS_OF: Readonly<Record<AppErrorCode, number>> = {
  BAD_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_ADMIN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NOT_ENOUGH_DATA: 422,
  DID_NOT_CONVERGE: 422,
  SLACK_API: 502,
  BUSY: 503,
};

const en = translator("en") as (key: string, params?: unknown) => string;

/**
 * An AppError as the API's status, JSON body (`{ error: <the English catalog message> }`) and headers: BUSY (the store
 * stayed locked or in conflict through every retry, nothing written) tells the client when to send again.
 */
export function appErrorResponse(e: AppError): { status: number; body: { error: string }; headers: Record<string, string> } {
  const retryAfter = e.params?.retryAfterSeconds;
  const headers: Record<string, string> = e.code === "BUSY" && typeof retryAfter === "number" ? { "retry-after": String(retryAfter) } : {};
  return { status: HTTP_STATUS_OF[e.code], body: { error: en(e.messageKey, e.params) }, headers };
}
