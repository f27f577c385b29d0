import { describe, expect, it } from "vitest";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { createSubscription, digestPosts, minutes, useDigestHarness } from "./helpers.js";

describe.each(storeKinds())("a week of digest schedules on %s", (kind) => {
  const h = useDigestHarness(kind);

  it("a week of schedules in four time zones across daylight-saving changes: each digest once, on time", async () => {
    const teamId = newTeamId();
    const since = new Date("2026-10-28T00:00:00Z");
    const subs = {
      C0NYDAILY: { frequency: "daily" as const, day: null, time: "09:00", timeZone: "America/New_York" },
      C0NYSUNDAY: { frequency: "weekly" as const, day: 0, time: "01:00", timeZone: "America/New_York" },
      C0TOKYO: { frequency: "daily" as const, day: null, time: "08:00", timeZone: "Asia/Tokyo" },
      C0LONDON: { frequency: "weekly" as const, day: 1, time: "09:00", timeZone: "Europe/London" },
      C0SYDNEY: { frequency: "weekly" as const, day: 0, time: "02:00", timeZone: "Australia/Sydney" },
    };
    for (const [channelId, s] of Object.entries(subs)) await createSubscription(h.store.db, { teamId, channelId, ...s, activeSince: since });
    // Every hour for eight days: 192 ticks.
    for (let at = since.getTime(); at < Date.parse("2026-11-05T00:00:00Z"); at += minutes(60)) await h.tick(new Date(at));
    const scheduled = (channel: string) => digestPosts(h.t.fake, channel).map((c) => c.args.metadata.event_payload.scheduled_for);
    expect(scheduled("C0NYDAILY")).toEqual([
      "2026-10-28T13:00:00.000Z",
      "2026-10-29T13:00:00.000Z",
      "2026-10-30T13:00:00.000Z",
      "2026-10-31T13:00:00.000Z",
      "2026-11-01T14:00:00.000Z",
      "2026-11-02T14:00:00.000Z",
      "2026-11-03T14:00:00.000Z",
      "2026-11-04T14:00:00.000Z",
    ]);
    // 01:00 happens twice on Nov 1 in New York: one digest, at the first.
    expect(scheduled("C0NYSUNDAY")).toEqual(["2026-11-01T05:00:00.000Z"]);
    expect(scheduled("C0TOKYO")).toEqual([
      "2026-10-28T23:00:00.000Z",
      "2026-10-29T23:00:00.000Z",
      "2026-10-30T23:00:00.000Z",
      "2026-10-31T23:00:00.000Z",
      "2026-11-01T23:00:00.000Z",
      "2026-11-02T23:00:00.000Z",
      "2026-11-03T23:00:00.000Z",
      "2026-11-04T23:00:00.000Z",
    ]);
    expect(scheduled("C0LONDON")).toEqual(["2026-11-02T09:00:00.000Z"]); // GMT since Oct 25
    expect(scheduled("C0SYDNEY")).toEqual(["2026-10-31T15:00:00.000Z"]); // AEDT since Oct 4
    const runs = await h.store.db.digestRun.findMany({ where: { teamId } });
    expect(runs).toHaveLength(19);
    expect(runs.every((r) => r.status === "posted" && !r.late && r.messageTs && r.claimedBy === "replica-a")).toBe(true);
    // Nothing in the week: one line each, not an empty shell.
    expect(digestPosts(h.t.fake, "C0LONDON")[0]!.args.text).toBe("Nothing to report for Oct 26 – Nov 1: no KPI data, rated stories or customer voices in this period.");
  });
});
