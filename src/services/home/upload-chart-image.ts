import type { WebClient } from "@slack/web-api";
import { errorFields, type Log } from "../../log.js";

/** Input of `uploadChartImage`. */
export interface UploadChartImageInput {
  client: WebClient;
  log: Log;
  teamId: string;
  png: Buffer;
  filename: string;
  title: string;
  altText: string;
}

interface CompletedUpload {
  files?: Array<{ id?: string }>;
}

/**
 * Uploads a PNG with Slack's current flow (files.getUploadURLExternal, POST of the bytes to the returned
 * URL, files.completeUploadExternal: what WebClient.filesUploadV2 does) WITHOUT a channel: the file stays
 * private to the bot, which is what an image block's `slack_file: { id }` in a surface the bot publishes
 * (App Home) needs; nothing is posted anywhere. Returns the file id, or null on any failure (logged without
 * content): callers then show the text fallback. Never throws.
 */
export async function uploadChartImage(input: UploadChartImageInput): Promise<string | null> {
  try {
    const res = (await input.client.filesUploadV2({
      file: input.png,
      filename: input.filename,
      title: input.title,
      alt_text: input.altText,
    })) as { files?: CompletedUpload[] };
    const id = res.files?.[0]?.files?.[0]?.id;
    if (!id) {
      input.log.warn({ teamId: input.teamId, filename: input.filename }, "chart upload returned no file id");
      return null;
    }
    return id;
  } catch (e) {
    input.log.warn({ teamId: input.teamId, filename: input.filename, err: errorFields(e) }, "chart upload failed");
    return null;
  }
}
