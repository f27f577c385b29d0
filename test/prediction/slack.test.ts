import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forecastNextPeriod, listAtRisk } from "../../src/services/prediction/index.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { day, seedPurchases, simulatedPurchases, type SeedPurchase } from "./seed.js";

const special: SeedPurchase[] = [
  ...["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"].map((d) => ({ customer: "whale", at: day(d), amount: 500 })),
  { customer: "once", at: day("2024-03-01"), amount: 80 },
];

/** Everything a response_url post shows: its text and every text inside its blocks. */
const shown = (body: any): string => `${body.text ?? ""}\n${JSON.stringify(body.blocks ?? [])}`;

describe.each(storeKinds())("/kpi prediction commands on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  const teamId = newTeamId();
  const member = { teamId, userId: "U0MEMBER" };
  const admin = { teamId, userId: "U0ADMIN" };
  const japanese = { teamId, userId: "U0JA" };

  const run = async (who: { teamId: string; userId: string }, text: string) => {
    const { res, responseId } = await t.command(who, "/kpi", text);
    expect(res.status).toBe(200);
    return t.fake.waitForResponse(responseId, 15_000);
  };

  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store);
    t.fake.users.set("U0ADMIN", { is_admin: true });
    t.fake.users.set("U0JA", { locale: "ja-JP" });
    await seedPurchases(
      store.db,
      teamId,
      [...simulatedPurchases({ customers: 300, seed: 11, asOf: "2024-06-30" }), ...special],
      [{ externalId: "whale", name: "Whale Co", segment: "VIP" }],
    );
  });
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  it("before any fit, /kpi at-risk says there is no model yet", async () => {
    const body = await run(member, "at-risk");
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toContain("No prediction model has been fitted for this workspace yet");
  });

  it("/kpi refit is for admins; an admin's refit reports the fitted parameters", async () => {
    expect((await run(member, "refit 2024-06-30")).text).toBe(
      "Only Retention Desk admins can do this: the workspace's admins and owners and the people they named. `/kpi admins` lists them.",
    );
    expect(await store.db.modelFit.count({ where: { teamId } })).toBe(0);
    const body = await run(admin, "refit 2024-06-30");
    const row = await store.db.modelFit.findFirstOrThrow({ where: { teamId } });
    expect(row.converged).toBe(true);
    expect(body.text).toContain(`Models refitted as of 2024-06-30 on ${row.customers} customers (${row.repeatCustomers} with repeat purchases)`);
    expect(shown(body)).toContain(`BG/NBD r = ${row.r!.toPrecision(4)}, α = ${row.alpha!.toPrecision(4)}`);
  });

  it("/kpi at-risk lists the highest value at risk first with the key figures", async () => {
    const body = await run(member, "at-risk");
    const list = await listAtRisk({ db: store.db, teamId });
    expect(body.blocks[0]).toMatchObject({ type: "header", text: { text: "Customers at risk" } });
    const whale = list.customers[0]!;
    expect(whale.customerId).toBe("whale");
    const pct = `${Math.round(whale.pAlive * 100)}%`;
    const vr = whale.valueAtRisk.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(body.blocks[2].text.text).toBe(`*Whale Co (whale) · VIP*\nSpent 2,500.00 on 5 purchase days · last purchase 2024-01-29 · P(alive) ${pct} · value at risk *${vr}*`);
    expect(body.blocks[1].text.text).toContain(`*${list.count}* customers at risk`);
    expect(shown(body)).toContain("Value at risk = money spent so far × (1 − P(alive))");
  });

  it("/kpi at-risk <segment> keeps only that segment", async () => {
    const body = await run(member, "at-risk vip");
    expect(body.blocks[0].text.text).toBe("Customers at risk: vip");
    expect(body.blocks[1].text.text).toContain("*1* customers at risk");
    expect(shown(body)).toContain("Whale Co (whale)");
  });

  it("/kpi customer <id> shows history and predictions; a one-time buyer is flagged as too little data, in the user's language", async () => {
    const whale = await run(member, "customer whale");
    expect(whale.blocks[0].text.text).toBe("Customer Whale Co (whale)");
    expect(shown(whale)).toContain("First purchase 2024-01-01 · last purchase 2024-01-29");
    expect(shown(whale)).toContain("5 purchase days · spent 2,500.00 · average repeat-day spend 500.00");
    expect(shown(whale)).toContain("Expected purchases in the next 52 × week");
    expect(shown(whale)).not.toContain("Too little data");

    const once = await run(member, "customer once");
    expect(once.blocks[1].text.text).toContain("Too little data to judge this customer: a single purchase day on or before 2024-06-30");
    const onceJa = await run(japanese, "customer once");
    expect(onceJa.blocks[1].text.text).toContain("この顧客を判断するにはデータが不足しています（2024-06-30 までの購入日が1日のみ）");
    expect(onceJa.blocks[0].text.text).toBe("顧客 once");

    expect((await run(member, "customer nobody")).text).toBe("No customer with id nobody.");
    expect((await run(member, "customer")).text).toBe("Usage: `/kpi customer <customer id>`");
  });

  it("/kpi forecast gives the next week's expected repeat purchases and revenue", async () => {
    const body = await run(member, "forecast");
    const fc = await forecastNextPeriod({ db: store.db, teamId });
    expect(body.blocks[0].text.text).toBe("Forecast for 2024-07-01 – 2024-07-07");
    const purchases = fc.expectedPurchases.toLocaleString("en-US", { maximumFractionDigits: 2 });
    const revenue = fc.expectedRevenue.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(body.blocks[1].text.text).toContain(`Expected repeat purchases: *${purchases}*\nExpected revenue from them: *${revenue}*`);
  });

  it("a failed refit is reported, the previous fit is kept and later answers say so", async () => {
    const body = await run(admin, "refit 2023-07-05");
    expect(body.text).toContain("The refit as of 2023-07-05 failed: too little data");
    expect(body.text).toContain("The previous fit, as of 2024-06-30, is kept and still used.");
    const atRisk = await run(member, "at-risk");
    expect(atRisk.blocks[1].text.text).toBe(":warning: The refit as of 2023-07-05 failed (too little data); these figures use the previous fit, as of 2024-06-30.");
    expect(await store.db.modelFit.count({ where: { teamId, converged: true } })).toBe(1);
    // A Japanese member who tries is refused in Japanese, and nothing is stored.
    expect((await run(japanese, "refit 2023-07-06")).text).toBe(
      "この操作は Retention Desk の管理者（ワークスペースの管理者とオーナー、およびその方々が指定したメンバー）のみが行えます。`/kpi admins` で一覧を表示できます。",
    );
    expect(await store.db.modelFit.count({ where: { teamId } })).toBe(2);
  });

  it("a workspace whose first refit fails is told there is no earlier fit (Japanese admin)", async () => {
    const tiny = newTeamId();
    t.fake.users.set("U0JAADMIN", { locale: "ja-JP", is_admin: true });
    await seedPurchases(store.db, tiny, [
      { customer: "x", at: day("2024-01-01"), amount: 1 },
      { customer: "x", at: day("2024-02-01"), amount: 1 },
    ]);
    const body = await run({ teamId: tiny, userId: "U0JAADMIN" }, "refit 2024-06-30");
    expect(body.text).toBe(
      ":warning: 2024-06-30 時点の再推定に失敗しました: データ不足（顧客1人、うちリピート購入あり1人）。\n以前のモデルがないため、再推定が成功するまで予測は利用できません。",
    );
    expect(await store.db.modelFit.findMany({ where: { teamId: tiny }, select: { converged: true, status: true } })).toEqual([{ converged: false, status: "not_enough_data" }]);
  });
});
