/** The Slack Web API error code (e.g. "channel_not_found") of a failed call, or a generic reason. */
export function slackErrorCode(e: unknown): string {
  const data = (e as { data?: { error?: string } })?.data;
  if (data?.error) return data.error;
  const code = (e as { code?: string })?.code;
  return code ?? "unknown_error";
}
