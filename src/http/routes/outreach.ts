import { z } from "zod";
import { MAX_OUTREACH_NOTE_LENGTH, OUTREACH_OUTCOMES, ZOutreachChannel } from "../../domain/outreach/outcome.js";
import { isDay } from "../../domain/time/calendar.js";
import { listOutreach, MAX_OUTREACH_PAGE } from "../../services/outreach/list-outreach.js";
import { logOutreach } from "../../services/outreach/log-outreach.js";
import type { MeasuredOutreach } from "../../services/outreach/outreach-sql.js";
import { summarizeOutreach } from "../../services/outreach/summarize-outreach.js";
import type { ApiRoute } from "../api.js";
import { csvCell } from "../csv-cell.js";
import { pagedAnswer } from "../paged-answer.js";
import type { ApiDeps } from "./api-deps.js";

const ZDay = z.string().refine(isDay, "must be a day written YYYY-MM-DD");
const ZSlackUser = z.string().regex(/^[UW][A-Z0-9]{2,}$/, "must be a Slack user id (U…)");

const ZListQuery = z
  .object({
    owner: ZSlackUser.optional(),
    customer: z.string().trim().min(1).max(200).optional(),
    from: ZDay.optional(),
    to: ZDay.optional(),
    outcome: z.enum(OUTREACH_OUTCOMES).optional(),
    cursor: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_OUTREACH_PAGE).optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] });

const ZSummaryQuery = z
  .object({ from: ZDay.optional(), to: ZDay.optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] });

const ZLogOutreach = z
  .object({
    customer: z.string().trim().min(1).max(200),
    owner: ZSlackUser,
    date: ZDay,
    channel: ZOutreachChannel,
    note: z.string().trim().min(1).max(MAX_OUTREACH_NOTE_LENGTH),
  })
  .strict();

/** A contact as the API shows it (JSON and CSV have these fields, in this order). */
const COLUMNS = [
  "id",
  "customer",
  "customerName",
  "owner",
  "takenAt",
  "contactedAt",
  "channel",
  "note",
  "source",
  "windowDays",
  "outcome",
  "returnedAt",
  "revenueAfter90Days",
  "revenueComplete",
  "pAlive",
  "expectedPurchases",
  "pReturn",
  "expectedClv",
  "fitId",
] as const;

function asItem(o: MeasuredOutreach): Record<(typeof COLUMNS)[number], unknown> {
  return {
    id: o.id,
    customer: o.customerId,
    customerName: o.customerName,
    owner: o.ownerId,
    takenAt: o.takenAt.toISOString(),
    contactedAt: o.contactedAt.toISOString(),
    channel: o.channel,
    note: o.note,
    source: o.source,
    windowDays: o.windowDays,
    outcome: o.outcome,
    returnedAt: o.returnedAt?.toISOString() ?? null,
    revenueAfter90Days: o.revenueAfter,
    revenueComplete: o.revenueComplete,
    pAlive: o.pAlive,
    expectedPurchases: o.expectedPurchases,
    pReturn: o.pReturn,
    expectedClv: o.expectedClv,
    fitId: o.fitId,
  };
}

/**
 * Outreach to at-risk customers (docs/outreach.md):
 *   GET  /api/v1/outreach?owner=&customer=&from=&to=&outcome=&cursor=&limit=   logged contacts, newest first, each with
 *        its outcome measured from the purchase data; JSON `{ items, next }`, or CSV with `Accept: text/csv` (the next
 *        cursor in the x-next-cursor header); read scope
 *   GET  /api/v1/outreach/summary?from=&to=   customers won back, revenue recovered and uplift over the model, for the
 *        team and per owner; read scope
 *   POST /api/v1/outreach   `{ customer, owner, date, channel, note }` logs a contact (customer by external id); an
 *        Idempotency-Key header makes a retried request return the first contact (200) instead of a second (201); write scope
 */
export function outreachRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    {
      method: "GET",
      path: "/api/v1/outreach",
      scope: "read",
      handler: async ({ teamId, query, accept }) => {
        const q = ZListQuery.parse(Object.fromEntries(query));
        const page = await listOutreach({ db: deps.db, teamId }, { ...q, now: deps.now() });
        return pagedAnswer(page, accept, {
          columns: COLUMNS,
          csvRow: (o) => {
            const item = asItem(o);
            return COLUMNS.map((c) => csvCell(item[c] as string | number | boolean | null));
          },
          asItem,
        });
      },
    },
    {
      method: "GET",
      path: "/api/v1/outreach/summary",
      scope: "read",
      handler: async ({ teamId, query }) => {
        const q = ZSummaryQuery.parse(Object.fromEntries(query));
        return { status: 200, body: await summarizeOutreach({ db: deps.db, teamId }, { ...q, now: deps.now() }) };
      },
    },
    {
      method: "POST",
      path: "/api/v1/outreach",
      scope: "write",
      handler: async ({ teamId, body, idempotencyKey }) => {
        const input = ZLogOutreach.parse(body);
        const scope = { db: deps.db, teamId };
        const now = deps.now();
        const { outreach, created } = await logOutreach(scope, {
          externalId: input.customer,
          ownerId: input.owner,
          contactDay: input.date,
          channel: input.channel,
          note: input.note,
          source: "api",
          sourceKey: `api:${idempotencyKey}`,
          now,
        });
        const [measured] = (await listOutreach(scope, { customer: input.customer, now, limit: MAX_OUTREACH_PAGE })).items.filter((o) => o.id === outreach.id);
        return { status: created ? 201 : 200, body: { outreach: measured ? asItem(measured) : { id: outreach.id } } };
      },
    },
  ];
}
