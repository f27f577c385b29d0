import { createHash } from "node:crypto";

/**
 * Gives every ingested purchase or survey response its identity (`dedupKey`, unique per workspace):
 * `id:<external id>` when the record has one; otherwise a hash of its normalised fields plus the
 * occurrence number of that identical record within the file or request (`h:<hash>:<n>`).
 *
 * So re-sending the same file or request changes nothing, and two identical rows in one file are still
 * two purchases (CDNOW has same-day repeat purchases of the same amount). Use one DedupKeys per file or
 * request, fed in record order; the keys are deterministic for the same sequence of records.
 */
export class DedupKeys {
  private readonly seen = new Map<string, number>();

  key(externalId: string | null | undefined, fields: readonly string[]): string {
    if (externalId) return `id:${externalId}`;
    const digest = createHash("sha256").update(fields.join("\u001f"), "utf8").digest("base64url").slice(0, 22);
    const n = (this.seen.get(digest) ?? 0) + 1;
    this.seen.set(digest, n);
    return `h:${digest}:${n}`;
  }
}
