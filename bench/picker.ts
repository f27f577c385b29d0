/**
 * Customer picker and duplicate suggestions at capture (#16), each against a baseline measured in the same run:
 *
 * 1. Picker: findCustomers (the options listener's search: exact and prefix matches from btree indexes, then similar
 *    names from the trigram index on lower(name), ranked in a bounded candidate set, under a statement timeout) for
 *    typed text with a typo, p50 and p99 over 200 queries; baseline: the same search as an unindexed scan
 *    (lower(name) / lower(externalId) ILIKE, what a plain query would do), 20 queries. Goal: p99 < 200 ms.
 * 2. Duplicates: findSimilarInsights for a new voice's words and themes, p50 and p99 over 100 drafts; baseline: the
 *    best text similarity computed over every voice of the workspace (no index), 10 drafts. Goal: p99 < 300 ms.
 *
 * PGlite (default): 100,000 customers and 100,000 voices in a fresh DATA_DIR under .tmp/.
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) set: a scratch database on that server (created and dropped) with
 * 1,000,000 customers and 100,000 voices. BENCH_PICKER_CUSTOMERS / BENCH_PICKER_INSIGHTS override the sizes.
 * Run: npx tsx bench/picker.ts
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { storeFromPglite, storeFromPool, type Store } from "../src/db/client.js";
import { deployMigrations, projectRoot } from "../src/db/migrate.js";
import { openPglite } from "../src/db/pglite.js";
import { findCustomers } from "../src/services/capture/find-customers.js";
import { findSimilarInsights } from "../src/services/capture/find-similar-insights.js";
import { mulberry32 } from "../test/helpers/seeded-random.js";

const TEAM = "T0BENCH";
const FIRST = [
  "acme",
  "globex",
  "initech",
  "umbrella",
  "stark",
  "wayne",
  "wonka",
  "tyrell",
  "cyberdyne",
  "hooli",
  "vandelay",
  "pied",
  "dunder",
  "soylent",
  "oscorp",
  "aperture",
  "monarch",
  "gringotts",
  "nakatomi",
  "zorg",
];
const SECOND = ["corp", "industries", "logistics", "health", "foods", "systems", "labs", "partners", "holdings", "retail", "travel", "media", "energy", "capital", "studios"];
const WORDS = [
  "export",
  "invoice",
  "login",
  "price",
  "renewal",
  "search",
  "report",
  "mobile",
  "slow",
  "broken",
  "missing",
  "csv",
  "accents",
  "currency",
  "timeout",
  "sso",
  "onboarding",
  "billing",
  "support",
  "refund",
];
const THEMES = ["pricing", "onboarding", "export", "billing", "performance", "mobile", "security", "support"];

async function open(url: string | undefined): Promise<{ store: Store; label: string; close: () => Promise<void> }> {
  if (!url) {
    const dir = path.join(projectRoot(), ".tmp", `bench-picker-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await deployMigrations({ DATA_DIR: dir });
    const store = storeFromPglite(await openPglite(path.join(dir, "pglite")));
    return { store, label: "PGlite", close: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const name = `rd_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  await deployMigrations({ DATA_DIR: path.join(projectRoot(), ".tmp"), DATABASE_URL: u.toString() });
  const store = storeFromPool(new pg.Pool({ connectionString: u.toString(), max: 4 }));
  return {
    store,
    label: "PostgreSQL server",
    close: async () => {
      await store.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const arr = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(",")}]`;

async function seed(store: Store, customers: number, insights: number) {
  const db = store.db;
  for (let from = 1; from <= customers; from += 100_000) {
    const to = Math.min(customers, from + 99_999);
    await db.$executeRawUnsafe(
      `insert into "Customer" ("teamId", "externalId", "name", "segment")
       select $1, 'C-' || lpad(i::text, 7, '0'),
              initcap((${arr(FIRST)})[1 + (i * 7) % ${FIRST.length}] || ' ' || (${arr(SECOND)})[1 + (i * 13) % ${SECOND.length}]) || ' ' || i,
              (array['smb','enterprise'])[1 + i % 2]
         from generate_series($2::int, $3::int) i`,
      TEAM,
      from,
      to,
    );
  }
  for (let from = 1; from <= insights; from += 50_000) {
    const to = Math.min(insights, from + 49_999);
    await db.$executeRawUnsafe(
      `insert into "Insight" ("id", "teamId", "sourceKey", "customer", "source", "sentiment", "themes", "quote", "teams", "authorId", "searchText")
       select gen_random_uuid(), $1, 'bench:' || i, c, 'call', 'neutral', array[t], q, array['product'], 'U0BENCH', lower(c || E'\\n' || q || E'\\n\\n' || t)
         from (select i,
                      'Customer ' || i as c,
                      (${arr(WORDS)})[1 + (i * 3) % ${WORDS.length}] || ' ' || (${arr(WORDS)})[1 + (i * 7) % ${WORDS.length}] || ' ' ||
                      (${arr(WORDS)})[1 + (i * 11) % ${WORDS.length}] || ' is ' || (${arr(WORDS)})[1 + (i * 17) % ${WORDS.length}] || ' for us ' || i as q,
                      (${arr(THEMES)})[1 + i % ${THEMES.length}] as t
                 from generate_series($2::int, $3::int) i) s`,
      TEAM,
      from,
      to,
    );
  }
  await db.$executeRawUnsafe(`analyze "Customer"`);
  await db.$executeRawUnsafe(`analyze "Insight"`);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;
/** The 1-minute load average: this machine's figures are read against it (docs/performance.md). */
const load = () => os.loadavg()[0]!.toFixed(1);

/** Elapsed time of each run; a run that fails (the statement timeout) counts with the time it took to fail. */
async function timeEach<T>(inputs: T[], run: (x: T) => Promise<unknown>): Promise<number[] & { failed: number }> {
  const out = Object.assign([] as number[], { failed: 0 });
  for (const x of inputs) {
    const t0 = performance.now();
    await run(x).catch(() => out.failed++);
    out.push(performance.now() - t0);
  }
  return out;
}
const failures = (xs: { failed: number; length: number }) => (xs.failed ? `; ${xs.failed} of ${xs.length} failed (statement timeout)` : "");

/** A typo: one letter dropped from the middle of a word. */
const typo = (s: string, rnd: () => number) => {
  const i = 1 + Math.floor(rnd() * (s.length - 2));
  return s.slice(0, i) + s.slice(i + 1);
};

export async function main() {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const customers = Number(process.env.BENCH_PICKER_CUSTOMERS ?? (url ? 1_000_000 : 100_000));
  const insights = Number(process.env.BENCH_PICKER_INSIGHTS ?? 100_000);
  const b = await open(url);
  try {
    const t0 = performance.now();
    await seed(b.store, customers, insights);
    process.stdout.write(
      `store: ${b.label}; ${customers.toLocaleString("en-US")} customers, ${insights.toLocaleString("en-US")} voices (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s); load average ${load()}\n`,
    );
    const scope = { db: b.store.db, teamId: TEAM };
    const rnd = mulberry32(7);
    const typed = Array.from({ length: 200 }, () => {
      const f = FIRST[Math.floor(rnd() * FIRST.length)]!;
      const s = SECOND[Math.floor(rnd() * SECOND.length)]!;
      return typo(`${f} ${s}`, rnd);
    });
    await findCustomers(scope, { query: typed[0]!, limit: 20 }); // warm-up
    const picker = await timeEach(typed, (q) => findCustomers(scope, { query: q, limit: 20 }));
    const scan = await timeEach(typed.slice(0, 20), (q) =>
      b.store.db.$queryRawUnsafe(
        `select "id", "externalId", "name" from "Customer" where "teamId" = $1 and (lower("name") like $2 or lower("externalId") like $2) limit 20`,
        TEAM,
        `%${q}%`,
      ),
    );
    process.stdout.write(
      `picker (findCustomers, typo in the typed text): p50 ${ms(pct(picker, 50))}, p99 ${ms(pct(picker, 99))} (goal < 200 ms: ${pct(picker, 99) < 200 ? "met" : "NOT met"}${failures(picker)}); baseline unindexed ILIKE scan p50 ${ms(pct(scan, 50))} -> ratio ${(pct(scan, 50) / pct(picker, 50)).toFixed(1)}x faster\n`,
    );

    const drafts = Array.from({ length: 100 }, (_, k) => {
      const w = (n: number) => WORDS[(k * n + 5) % WORDS.length]!;
      return { customer: `New customer ${k}`, customerId: null, quote: `${w(3)} ${w(7)} ${w(11)} is ${w(17)} for us`, themes: [THEMES[k % THEMES.length]!] };
    });
    await findSimilarInsights(scope, drafts[0]!); // warm-up
    const similar = await timeEach(drafts, (d) => findSimilarInsights(scope, d));
    const full = await timeEach(drafts.slice(0, 10), (d) =>
      b.store.db.$queryRawUnsafe(
        `select id from "Insight" where "teamId" = $1 and "hiddenAt" is null order by similarity("searchText", $2) desc limit 3`,
        TEAM,
        `${d.customer}\n${d.quote}\n\n${d.themes.join(" ")}`.toLowerCase(),
      ),
    );
    process.stdout.write(
      `load average ${load()}\nduplicates (findSimilarInsights): p50 ${ms(pct(similar, 50))}, p99 ${ms(pct(similar, 99))} (goal < 300 ms: ${pct(similar, 99) < 300 ? "met" : "NOT met"}${failures(similar)}); baseline similarity over every voice p50 ${ms(pct(full, 50))} -> ratio ${(pct(full, 50) / pct(similar, 50)).toFixed(1)}x faster\n`,
    );
  } finally {
    await b.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await main();
