import { CDNOW_SAMPLE } from "../helpers/fixtures.js";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import type { Db } from "../../src/db/client.js";
import { simulatePurchases } from "../../src/domain/clv/simulate.js";

/** One purchase to store: the customer's external id, when, how much. */
export interface SeedPurchase {
  customer: string;
  at: Date;
  amount: number;
}

export interface SeedCustomer {
  externalId: string;
  name?: string;
  segment?: string;
}

/** Stores customers (those named in `purchases`, plus `customers` with their name/segment) and purchases with createMany. */
export async function seedPurchases(db: Db, teamId: string, purchases: SeedPurchase[], customers: SeedCustomer[] = []): Promise<void> {
  const meta = new Map(customers.map((c) => [c.externalId, c]));
  for (const p of purchases) if (!meta.has(p.customer)) meta.set(p.customer, { externalId: p.customer });
  await db.customer.createMany({
    data: [...meta.values()].map((c) => ({ teamId, externalId: c.externalId, name: c.name ?? null, segment: c.segment ?? null })),
    skipDuplicates: true,
  });
  const ids = new Map((await db.customer.findMany({ where: { teamId }, select: { id: true, externalId: true } })).map((c) => [c.externalId, c.id]));
  const offset = await db.purchase.count({ where: { teamId } });
  const data = purchases.map((p, i) => ({
    teamId,
    customerId: ids.get(p.customer)!,
    dedupKey: `seed-${offset + i}`,
    at: p.at,
    amount: p.amount.toFixed(2),
  }));
  for (let i = 0; i < data.length; i += 5000) await db.purchase.createMany({ data: data.slice(i, i + 5000) });
}

/** The CDNOW sample kept under test/fixtures/cdnow/. */
export function cdnowPath(): string {
  return CDNOW_SAMPLE;
}

/** The CDNOW rows (customer_id sample_id YYYYMMDD cds dollars), each at noon UTC of its date. */
export function cdnowPurchases(): SeedPurchase[] {
  const rows: SeedPurchase[] = [];
  for (const line of readFileSync(cdnowPath(), "utf8").split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const ymd = f[2]!;
    rows.push({ customer: f[0]!, at: new Date(`${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}T12:00:00Z`), amount: Number(f[4]) });
  }
  return rows;
}

/** Purchases that follow BG/NBD + Gamma-Gamma, first purchases 26–52 weeks before `asOf` (noon UTC of each day). */
export function simulatedPurchases(opts: { customers: number; seed: number; asOf: string; prefix?: string }): SeedPurchase[] {
  const asOfDay = Math.floor(Date.parse(`${opts.asOf}T00:00:00Z`) / 86_400_000);
  return simulatePurchases(
    { bgNbd: { r: 0.8, alpha: 5, a: 0.8, b: 2.5 }, gammaGamma: { p: 6, q: 4, gamma: 15 } },
    { customers: opts.customers, seed: opts.seed, minAge: 26, maxAge: 52, asOfDay, unitDays: 7 },
  ).map((p) => ({ customer: `${opts.prefix ?? ""}${p.customerId}`, at: new Date((p.at as number) * 86_400_000 + 43_200_000), amount: Math.max(0.01, p.amount) }));
}

export const day = (iso: string, time = "12:00:00Z") => new Date(`${iso}T${time}`);

/**
 * One API request on a fresh connection. fetch() reuses idle keep-alive sockets, and on this loaded machine a
 * slow seeding step can outlast the server's keep-alive timeout, so the reused socket is reset mid-request.
 */
export function apiCall(baseUrl: string, path: string, method: string, bearer: string | null): Promise<{ status: number; json(): Promise<unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method, agent: false, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, json: async () => JSON.parse(text) });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}
