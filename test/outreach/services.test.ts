import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCustomerOwner } from "../../src/services/outreach/find-customer-owner.js";
import { listOpenOutreach } from "../../src/services/outreach/list-open-outreach.js";
import { logOutreach } from "../../src/services/outreach/log-outreach.js";
import { takeCustomer } from "../../src/services/outreach/take-customer.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { day, seedPurchases } from "../prediction/seed.js";

describe.each(storeKinds())("outreach services on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(async () => store?.close());

  async function workspaceWith(customer: string) {
    const teamId = newTeamId();
    await seedPurchases(store.db, teamId, [{ customer, at: day("2026-06-01"), amount: 100 }], [{ externalId: customer, name: "Acme" }]);
    const { id } = await store.db.customer.findUniqueOrThrow({ where: { teamId_externalId: { teamId, externalId: customer } } });
    return { teamId, scope: { db: store.db, teamId }, customerId: id };
  }
  const now = new Date("2026-11-20T10:00:00Z");

  it("taking is idempotent; a second person sees who has the customer and takes over only explicitly; findCustomerOwner follows", async () => {
    const w = await workspaceWith("C-1");
    expect(await findCustomerOwner(store.db, w.teamId, w.customerId)).toBeNull();
    expect(await takeCustomer(w.scope, { externalId: "C-1", userId: "U0AIKO", now })).toMatchObject({ status: "taken", ownerId: "U0AIKO", customer: { name: "Acme" } });
    expect(await takeCustomer(w.scope, { externalId: "C-1", userId: "U0AIKO", now: new Date("2026-11-21T00:00:00Z") })).toMatchObject({ status: "already_yours", since: now });
    expect(await takeCustomer(w.scope, { externalId: "C-1", userId: "U0KEN", now })).toMatchObject({ status: "taken_by_other", ownerId: "U0AIKO", since: now });
    expect(await findCustomerOwner(store.db, w.teamId, w.customerId)).toEqual({ ownerId: "U0AIKO", takenAt: now, contactedAt: null });
    const later = new Date("2026-11-22T09:00:00Z");
    expect(await takeCustomer(w.scope, { externalId: "C-1", userId: "U0KEN", takeOver: true, now: later })).toMatchObject({
      status: "taken_over",
      ownerId: "U0KEN",
      previousOwnerId: "U0AIKO",
    });
    expect(await findCustomerOwner(store.db, w.teamId, w.customerId)).toEqual({ ownerId: "U0KEN", takenAt: later, contactedAt: null });
    expect(await store.db.outreach.count({ where: { teamId: w.teamId } })).toBe(1);
  });

  it("two people taking one customer at once leave one open taking, and one of them is told who has it", async () => {
    const w = await workspaceWith("C-2");
    const results = await Promise.all(["U0A", "U0B", "U0C"].map((userId) => takeCustomer(w.scope, { externalId: "C-2", userId, now })));
    expect(await store.db.outreach.count({ where: { teamId: w.teamId } })).toBe(1);
    const owner = (await findCustomerOwner(store.db, w.teamId, w.customerId))!.ownerId;
    for (const r of results) expect(r.ownerId).toBe(owner);
    expect(results.filter((r) => r.status === "taken")).toHaveLength(1);
  });

  it("logging fills the open taking with the contact and the logger as owner; the same key twice stores once; bad input is refused", async () => {
    const w = await workspaceWith("C-3");
    await takeCustomer(w.scope, { externalId: "C-3", userId: "U0AIKO", now });
    const base = { externalId: "C-3", ownerId: "U0KEN", contactDay: "2026-11-19", channel: "call" as const, note: " Called about renewal ", source: "slack" as const, now };
    const first = await logOutreach(w.scope, { ...base, sourceKey: "view:V1" });
    expect(first.created).toBe(true);
    expect(first.outreach).toMatchObject({
      ownerId: "U0KEN",
      channel: "call",
      note: "Called about renewal",
      contactedAt: new Date("2026-11-19T00:00:00Z"),
      windowDays: 30,
      pReturn: null,
    });
    expect(await logOutreach(w.scope, { ...base, note: "changed", sourceKey: "view:V1" })).toEqual({ outreach: first.outreach, created: false });
    await expect(logOutreach(w.scope, { ...base, contactDay: "2026-11-21", sourceKey: "view:V2" })).rejects.toMatchObject({ code: "BAD_INPUT", messageKey: "outreach.error.date" });
    await expect(logOutreach(w.scope, { ...base, note: "  ", sourceKey: "view:V3" })).rejects.toMatchObject({ code: "BAD_INPUT", messageKey: "outreach.error.note" });
    await expect(logOutreach(w.scope, { ...base, externalId: "nobody", sourceKey: "view:V4" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const second = await logOutreach(w.scope, { ...base, ownerId: "U0AIKO", contactDay: "2026-11-20", sourceKey: "view:V5" });
    expect(second.outreach.id).not.toBe(first.outreach.id);
    expect(await store.db.outreach.count({ where: { teamId: w.teamId } })).toBe(2);
    expect(await findCustomerOwner(store.db, w.teamId, w.customerId)).toMatchObject({ ownerId: "U0AIKO", contactedAt: new Date("2026-11-20T00:00:00Z") });
  });
  it("a contact logged late without a taking is taken by the end of its day: an earlier contact logged after a later one does not make its author the owner", async () => {
    const w = await workspaceWith("C-LATE");
    const base = { externalId: "C-LATE", channel: "email" as const, note: "Followed up", source: "slack" as const, now };
    await logOutreach(w.scope, { ...base, ownerId: "U0AIKO", contactDay: "2026-11-19", sourceKey: "view:L1" });
    const late = await logOutreach(w.scope, { ...base, ownerId: "U0KEN", contactDay: "2026-11-10", sourceKey: "view:L2" });
    expect(late.outreach.takenAt).toEqual(new Date("2026-11-11T00:00:00Z"));
    expect(await findCustomerOwner(store.db, w.teamId, w.customerId)).toEqual({
      ownerId: "U0AIKO",
      takenAt: new Date("2026-11-20T00:00:00Z"),
      contactedAt: new Date("2026-11-19T00:00:00Z"),
    });
  });

  it("open outreach: a taking until the customer buys again, a contact until it is won back or its window closes; the latest row decides", async () => {
    const teamId = newTeamId();
    const customers = ["T-OPEN", "T-BOUGHT", "C-OPEN", "C-BOUGHT", "C-EXPIRED", "RETAKEN"];
    await seedPurchases(
      store.db,
      teamId,
      customers.map((customer) => ({ customer, at: day("2026-06-01"), amount: 100 })),
    );
    const scope = { db: store.db, teamId };
    const contact = (externalId: string, contactDay: string, ownerId = "U0AIKO") =>
      logOutreach(scope, { externalId, ownerId, contactDay, channel: "call", note: "Called", source: "slack", sourceKey: `${externalId}:${contactDay}`, now });
    await takeCustomer(scope, { externalId: "T-OPEN", userId: "U0AIKO", now: new Date("2026-11-01T09:00:00Z") });
    await takeCustomer(scope, { externalId: "T-BOUGHT", userId: "U0AIKO", now: new Date("2026-11-01T09:00:00Z") });
    await contact("C-OPEN", "2026-11-10");
    await contact("C-BOUGHT", "2026-11-10");
    await contact("C-EXPIRED", "2026-10-01");
    // An expired contact of Aiko's, then Ken takes the customer: Ken's taking is what counts.
    await contact("RETAKEN", "2026-09-01");
    await takeCustomer(scope, { externalId: "RETAKEN", userId: "U0KEN", takeOver: true, now });
    await seedPurchases(store.db, teamId, [
      { customer: "T-BOUGHT", at: new Date("2026-11-05T12:00:00Z"), amount: 30 },
      { customer: "C-BOUGHT", at: new Date("2026-11-12T12:00:00Z"), amount: 30 },
      // After `now`: not seen yet.
      { customer: "C-OPEN", at: new Date("2026-11-25T12:00:00Z"), amount: 30 },
    ]);
    const open = await listOpenOutreach(scope, { now });
    expect([...open.keys()].sort()).toEqual(["C-OPEN", "RETAKEN", "T-OPEN"]);
    expect(open.get("T-OPEN")).toEqual({ externalId: "T-OPEN", ownerId: "U0AIKO", takenAt: new Date("2026-11-01T09:00:00Z"), contactedAt: null, windowEnd: null });
    expect(open.get("C-OPEN")).toMatchObject({ ownerId: "U0AIKO", contactedAt: new Date("2026-11-10T00:00:00Z"), windowEnd: new Date("2026-12-10T00:00:00Z") });
    expect(open.get("RETAKEN")).toMatchObject({ ownerId: "U0KEN", contactedAt: null });
    // The contact's window closes 30 days after the contact day.
    expect([...(await listOpenOutreach(scope, { now: new Date("2026-12-10T00:00:00Z") })).keys()].sort()).toEqual(["RETAKEN", "T-OPEN"]);
  });
});
