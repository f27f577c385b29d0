import { beforeAll, describe, expect, it } from "vitest";
import { useTestBot } from "../helpers/bot.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { blockAction, messageShortcut, viewSubmission } from "../slack/payloads.js";
import { seedPurchases } from "../prediction/seed.js";
import { insightValues, radio } from "./values.js";

const FIRST = "Exporting to CSV drops the accents in customer names";
const SAME = "Exporting to CSV drops the accents in names";

describe.each(storeKinds())("duplicates at capture on %s", (kind) => {
  const h = useTestBot(kind);

  // A cold bot on a loaded machine can take over Slack's 3 s for its first submission (every query path compiled
  // for the first time); one submission in a scratch workspace warms it so the tests measure behaviour, not start-up.
  beforeAll(async () => {
    await h.t.interact(viewSubmission({ teamId: newTeamId(), userId: "U0WARM" }, { callbackId: "insight_modal", values: insightValues({ customer: "Warm-up" }) }));
    await h.t.idle();
  }, 60_000);

  /** A workspace with two imported customers, product voices routed to `channel`, and one voice already posted. */
  async function withVoice(channel: string) {
    const teamId = newTeamId();
    await seedPurchases(
      h.store.db,
      teamId,
      [],
      [
        { externalId: "C-1", name: "Initech" },
        { externalId: "C-2", name: "Globex Corporation" },
      ],
    );
    h.t.fake.users.set("U0ADMIN", { is_admin: true });
    await h.t.command({ teamId, userId: "U0ADMIN" }, "/insight", `route product <#${channel}>`);
    await h.t.idle();
    await h.t.interact(
      viewSubmission(
        { teamId, userId: "U0FIRST" },
        { callbackId: "insight_modal", values: insightValues({ customer: "Initech", quote: FIRST, themesNew: "export", teams: ["product"] }) },
      ),
    );
    await h.t.idle();
    const first = await h.store.db.insight.findFirstOrThrow({ where: { teamId } });
    const post = await h.store.db.postedMessage.findFirstOrThrow({ where: { teamId, insightId: first.id } });
    const globex = (await h.store.db.customer.findUniqueOrThrow({ where: { teamId_externalId: { teamId, externalId: "C-2" } } })).id;
    return { teamId, first, post, globex };
  }

  it("the modal offers a similar voice; 'same as this one' adds the words as evidence, threads them and updates the post; a retry adds nothing", async () => {
    const w = await withVoice("C0DUPM");
    const who = { teamId: w.teamId, userId: "U0SECOND" };
    const values = insightValues({ customer: "Globex Corporation (C-2)", customerId: w.globex, quote: SAME, themesNew: "export", teams: ["product"] });
    const viewId = `VSAME${w.teamId}`;
    const meta = JSON.stringify({ channelId: "C0WORKM" });
    const offered = (await (await h.t.interact(viewSubmission(who, { callbackId: "insight_modal", values, viewId, privateMetadata: meta }))).json()) as any;
    expect(offered.response_action).toBe("update");
    const choice = offered.view.blocks.find((b: any) => b.block_id === "duplicate_of");
    expect(choice.element.options.map((o: any) => o.value)).toEqual([w.first.id, "new"]);
    expect(choice.element.options[0].text.text).toBe("Same as the voice of Initech");
    // Every input the person filled keeps its ids, so Slack keeps what they typed.
    expect(offered.view.blocks.map((b: any) => b.block_id)).toEqual(expect.arrayContaining(["customer", "quote", "themes_new", "teams"]));
    await h.t.idle();
    expect(await h.store.db.insight.count({ where: { teamId: w.teamId } })).toBe(1);

    const same = viewSubmission(who, {
      callbackId: "insight_modal",
      values: { ...values, duplicate_of: { duplicate_of: radio(w.first.id) } },
      viewId,
      privateMetadata: offered.view.private_metadata,
    });
    const res = await h.t.interact(same);
    expect(await res.text()).toBe("");
    await h.t.idle();
    await h.t.interact(same); // Slack's retry
    await h.t.idle();

    expect(await h.store.db.insight.count({ where: { teamId: w.teamId } })).toBe(1);
    const evidence = await h.store.db.insightEvidence.findMany({ where: { teamId: w.teamId } });
    expect(evidence).toEqual([
      expect.objectContaining({ insightId: w.first.id, authorId: "U0SECOND", customer: "Globex Corporation", customerId: w.globex, quote: SAME, sourceKey: `view:${viewId}` }),
    ]);
    const thread = h.t.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === "C0DUPM" && c.args.thread_ts === w.post.ts);
    expect(thread).toHaveLength(1);
    expect(JSON.stringify(thread[0]!.args.blocks)).toContain("added the same from Globex Corporation");
    expect(JSON.stringify(thread[0]!.args.blocks)).toContain(SAME);
    const updates = h.t.fake.callsTo("chat.update").filter((c) => c.args.channel === "C0DUPM" && c.args.ts === w.post.ts);
    expect(updates).toHaveLength(1);
    expect(JSON.stringify(updates[0]!.args.blocks)).toContain("1 more voice says the same");
    const told = await h.t.fake.waitFor("chat.postEphemeral", (c) => c.args.channel === "C0WORKM" && c.args.user === "U0SECOND");
    expect(told.args.text).toBe("Added as supporting evidence to the existing voice of Initech.");

    // "No, log a new voice" stores a new one.
    const other = `VNEW${w.teamId}`;
    const again = (await (await h.t.interact(viewSubmission(who, { callbackId: "insight_modal", values, viewId: other }))).json()) as any;
    expect(again.response_action).toBe("update");
    await h.t.interact(
      viewSubmission(who, {
        callbackId: "insight_modal",
        values: { ...values, duplicate_of: { duplicate_of: radio("new") } },
        viewId: other,
        privateMetadata: again.view.private_metadata,
      }),
    );
    await h.t.idle();
    expect(await h.store.db.insight.count({ where: { teamId: w.teamId } })).toBe(2);
    expect(await h.store.db.insightEvidence.count({ where: { teamId: w.teamId } })).toBe(1);
  });

  it("quick /insight offers similar voices first; 'same as this one' adds evidence once; 'log as a new voice' stores it", async () => {
    const w = await withVoice("C0DUPQ");
    const who = { teamId: w.teamId, userId: "U0QUICK" };
    const { responseId } = await h.t.command(who, "/insight", `Globex Corporation: ${SAME} #export`, { triggerId: `trig.q${w.teamId}` });
    const offer = await h.t.fake.waitForResponse(responseId);
    expect(offer.text).toContain("Similar voices are already logged");
    await h.t.idle();
    expect(await h.store.db.insight.count({ where: { teamId: w.teamId } })).toBe(1);
    const buttons = offer.blocks.flatMap((b: any) => [b.accessory, ...(b.elements ?? [])]).filter((e: any) => e?.type === "button");
    const same = buttons.find((b: any) => b.action_id === "capture_same_as");
    const logNew = buttons.find((b: any) => b.action_id === "capture_log_new");
    expect(JSON.parse(same.value)).toMatchObject({ i: w.first.id });

    for (const n of [1, 2]) {
      await h.t.interact(blockAction(who, { actionId: "capture_same_as", value: same.value, responseUrl: h.t.fake.responseUrl(`same${n}${w.teamId}`) }));
      await h.t.idle();
    }
    expect((await h.t.fake.waitForResponse(`same1${w.teamId}`)).text).toBe("Added as supporting evidence to the existing voice of Initech.");
    expect((await h.t.fake.waitForResponse(`same2${w.teamId}`)).text).toBe("This was already added as supporting evidence.");
    const evidence = await h.store.db.insightEvidence.findMany({ where: { teamId: w.teamId } });
    expect(evidence).toEqual([
      expect.objectContaining({ insightId: w.first.id, authorId: "U0QUICK", customer: "Globex Corporation", customerId: w.globex, sourceKey: `command:trig.q${w.teamId}` }),
    ]);
    expect(h.t.fake.callsTo("chat.postMessage").filter((c) => c.args.thread_ts === w.post.ts)).toHaveLength(1);

    // A second quick log, kept as a new voice.
    const second = await h.t.command(who, "/insight", `Globex Corporation: ${SAME} #export`, { triggerId: `trig.n${w.teamId}` });
    const offer2 = await h.t.fake.waitForResponse(second.responseId);
    const logNew2 = offer2.blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id === "capture_log_new");
    expect(logNew.value).not.toBe(logNew2.value);
    await h.t.interact(blockAction(who, { actionId: "capture_log_new", value: logNew2.value, responseUrl: h.t.fake.responseUrl(`new${w.teamId}`) }));
    await h.t.idle();
    expect((await h.t.fake.waitForResponse(`new${w.teamId}`)).text).toContain("Saved the voice of *Globex Corporation*");
    const voices = await h.store.db.insight.findMany({ where: { teamId: w.teamId }, orderBy: { createdAt: "asc" } });
    expect(voices.map((v) => [v.customer, v.sourceKey])).toEqual([
      ["Initech", expect.stringMatching(/^view:/)],
      ["Globex Corporation", `command:trig.n${w.teamId}`],
    ]);
  });

  it("the message shortcut's form goes through the same offer", async () => {
    const w = await withVoice("C0DUPS");
    const who = { teamId: w.teamId, userId: "U0SHORT" };
    const shortcut = messageShortcut(who, {
      callbackId: "save_insight",
      channelId: "C0SUPPORT",
      message: { ts: "1700000000.000100", text: SAME, user: "U0CUSTOMERFACING" },
      responseUrl: h.t.fake.responseUrl(`sc${w.teamId}`),
    });
    await h.t.interact(shortcut);
    const open = await h.t.fake.waitFor("views.open", (c) => c.args.trigger_id === shortcut.trigger_id);
    expect(open.args.view.blocks.find((b: any) => b.block_id === "customer").element.type).toBe("external_select");
    const values = insightValues({ customer: "Globex Corporation (C-2)", customerId: w.globex, quote: SAME, themesNew: "export", teams: ["product"] });
    const viewId = `VSC${w.teamId}`;
    const offered = (await (
      await h.t.interact(viewSubmission(who, { callbackId: "insight_modal", values, viewId, privateMetadata: open.args.view.private_metadata }))
    ).json()) as any;
    expect(offered.response_action).toBe("update");
    expect(JSON.parse(offered.view.private_metadata)).toMatchObject({ channelId: "C0SUPPORT", offered: [w.first.id] });
    await h.t.interact(
      viewSubmission(who, {
        callbackId: "insight_modal",
        values: { ...values, duplicate_of: { duplicate_of: radio(w.first.id) } },
        viewId,
        privateMetadata: offered.view.private_metadata,
      }),
    );
    await h.t.idle();
    expect(await h.store.db.insightEvidence.count({ where: { teamId: w.teamId, insightId: w.first.id, authorId: "U0SHORT" } })).toBe(1);
    expect(await h.store.db.insight.count({ where: { teamId: w.teamId } })).toBe(1);
  });
});
