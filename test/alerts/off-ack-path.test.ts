// Alert evaluation runs off the path that answers Slack and the ingestion API (#17 speed): the runner is held at a
// gate this test controls (the fake Web API holds the alert's chat.postMessage, so the runner's evaluation and delivery
// cannot finish), and meanwhile the ingestion request that started it has its answer and a signed slash command to
// the real app is acked and answered. Nothing here waits for time to pass: every wait is for a condition.
import { describe, expect, it } from "vitest";
import { useTestBot } from "../helpers/bot.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { insertCustomers } from "../kpi/fixtures.js";

const NOW = new Date("2026-11-25T10:00:00Z");

/** Waits until `read` gives a value `done` accepts (bounded); returns it. */
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(v)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(storeKinds())("alert evaluation off the ack path on %s", (kind) => {
  const h = useTestBot(kind, {}, { now: () => NOW });

  /**
   * A workspace with a valuable customer (BIG, 1,200 to date), an admin's API token and a channel subscribed to
   * detractor alerts by the signed `/kpi alerts add` command; the alert's post to that channel is held until `release`.
   */
  async function heldWorkspace(channelId: string) {
    const { t, store } = h;
    const teamId = newTeamId();
    t.fake.users.set("U0OFFADMIN", { is_admin: true });
    t.fake.join(channelId);
    await insertCustomers(store.db, teamId, [{ ext: "BIG", purchases: [["2026-11-01T12:00:00Z", "1200.00"]] }]);
    const command = async (userId: string, text: string) => {
      const { res, responseId } = await t.command({ teamId, userId }, "/kpi", text);
      return { status: res.status, reply: (await t.fake.waitForResponse(responseId, 30_000)).text as string };
    };
    expect((await command("U0OFFADMIN", `alerts add detractor <#${channelId}|alerts>`)).reply).toContain(`<#${channelId}>`);
    const token = /`(rd_[A-Za-z0-9_-]+)`/.exec((await command("U0OFFADMIN", "token crm")).reply)?.[1];
    expect(token).toBeDefined();
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    t.fake.on("chat.postMessage", async (args) => {
      if (args.channel === channelId) await gate;
      return { ok: true, channel: args.channel, ts: `${Math.floor(NOW.getTime() / 1000)}.000100`, message: { text: args.text } };
    });
    const ingest = (records: unknown[]) =>
      fetch(`${t.baseUrl}/api/v1/survey-responses`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ records }),
      });
    const ledger = () => store.db.alertLedger.findMany({ where: { teamId }, select: { status: true, conditionKey: true } });
    const detractor = { id: "survey-1", customerId: "BIG", kind: "nps", score: 2, at: "2026-11-25T09:00:00Z", comment: "Too slow" };
    return { teamId, command, ingest, ledger, detractor, release: () => (release(), t.fake.on("chat.postMessage", undefined)) };
  }

  it("an ingestion request is answered while the alert evaluation it started is still held", async () => {
    const w = await heldWorkspace(`C0OFFAPI${kind.slice(0, 2).toUpperCase()}`);
    try {
      const res = await w.ingest([w.detractor]);
      // Answered with the gate still shut: the request did not wait for its evaluation.
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, errors: [] });
      // The evaluation it started judged the response and is now held posting it.
      await h.t.fake.waitFor("chat.postMessage", (c) => c.args.text === "BIG answered NPS 2", 30_000);
      expect(await w.ledger()).toEqual([{ status: "claimed", conditionKey: expect.stringMatching(/^detractor\|\d+$/) }]);
    } finally {
      w.release();
    }
    await until(w.ledger, (rows) => rows[0]?.status === "posted", "the held alert after the gate opened");
  }, 90_000);

  it("while an evaluation is held, a signed slash command is acked and answered", async () => {
    const channelId = `C0OFFCMD${kind.slice(0, 2).toUpperCase()}`;
    const w = await heldWorkspace(channelId);
    try {
      expect((await w.ingest([w.detractor])).status).toBe(200);
      await h.t.fake.waitFor("chat.postMessage", (c) => c.args.channel === channelId, 30_000);
      const listed = await w.command("U0OFFMEMBER", "alerts");
      expect(listed.status).toBe(200);
      expect(listed.reply).toContain(`<#${channelId}>: detractor survey responses of valuable or at-risk customers`);
      // Still held: the command was answered in the middle of the evaluation, not after it.
      expect((await w.ledger()).map((r) => r.status)).toEqual(["claimed"]);
    } finally {
      w.release();
    }
    await until(w.ledger, (rows) => rows[0]?.status === "posted", "the held alert after the gate opened");
  }, 90_000);
});
