import { z } from "zod";
import { AppError } from "../../errors/app-error.js";
import { HttpError, type ApiRoute } from "../api.js";
import { translator } from "../../i18n/index.js";
import type { ApiDeps } from "./api-deps.js";
import { isDay, localDay } from "../../domain/time/calendar.js";
import { parseUnit } from "../../services/prediction/model-units.js";
import { fitJson, fitModels, getFitState, predictCustomer } from "../../services/prediction/index.js";
import { withFitRateLimit } from "../../services/prediction/fit-rate-limit.js";
import { getWorkspace } from "../../services/settings/get-workspace.js";

const ZFitQuery = z.object({
  asOf: z.string().refine(isDay, "must be a date YYYY-MM-DD").optional(),
  unit: z
    .string()
    .transform((s) => parseUnit(s.toLowerCase()))
    .refine((days) => days !== undefined, "day, week, month or a number of days 1-365")
    .optional(),
  discountRate: z.coerce.number().min(0).max(10).optional(),
});

const ZPredictionQuery = z.object({
  horizon: z.coerce.number().int().min(1).max(1040).optional(),
  discountRate: z.coerce.number().min(0).max(10).optional(),
});

const en = translator("en");

/**
 * Prediction API (same bearer tokens as the KPI API):
 *   POST /api/v1/model/fit?asOf=YYYY-MM-DD[&unit=week][&discountRate=0.1]  fit and store; 201 with the fit,
 *        or 422 { error, fit, inUse } when it failed (the previous fit stays in use); write scope; 429 with
 *        Retry-After past FIT_RATE_LIMIT_PER_HOUR fits of the workspace in the last hour
 *   GET  /api/v1/model                                    latest converged fit (404 when none)
 *   GET  /api/v1/customers/:id/prediction?horizon=<units>[&discountRate=0.1]
 */
export function predictionRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    {
      method: "POST",
      path: "/api/v1/model/fit",
      handler: async ({ teamId, query }) => {
        const q = ZFitQuery.parse(Object.fromEntries(query));
        const asOf = q.asOf ?? localDay(deps.now(), (await getWorkspace({ db: deps.db, teamId })).timeZone);
        const limited = await withFitRateLimit({ db: deps.db, teamId }, { now: deps.now(), perHour: deps.config.FIT_RATE_LIMIT_PER_HOUR }, () =>
          fitModels({ db: deps.db, teamId, asOf, unitDays: q.unit ?? 7, discountRate: q.discountRate, log: deps.log }),
        );
        if ("retryAfter" in limited) {
          const seconds = String(limited.retryAfter);
          throw new HttpError(429, `too many model fits for this workspace: at most ${deps.config.FIT_RATE_LIMIT_PER_HOUR} per hour; retry after ${seconds} s`, {
            "retry-after": seconds,
          });
        }
        const outcome = limited.result;
        if (outcome.fit.converged) deps.alerts?.after(teamId, { kind: "refit" });
        if (outcome.fit.converged) return { status: 201, body: fitJson(outcome.fit) };
        return {
          status: 422,
          body: { error: outcome.fit.status, reason: outcome.fit.failureReason, fit: fitJson(outcome.fit), inUse: outcome.inUse ? fitJson(outcome.inUse) : null },
        };
      },
    },
    {
      method: "GET",
      path: "/api/v1/model",
      handler: async ({ teamId }) => {
        const { fit, failedSince } = await getFitState({ db: deps.db, teamId });
        if (!fit) throw new AppError("NOT_FOUND", "prediction.noFit");
        return { status: 200, body: { ...fitJson(fit), failedSince: failedSince ? fitJson(failedSince) : null } };
      },
    },
    {
      method: "GET",
      path: "/api/v1/customers/:id/prediction",
      handler: async ({ teamId, params, query }) => {
        const q = ZPredictionQuery.parse(Object.fromEntries(query));
        const p = await predictCustomer({ db: deps.db, teamId, customerExternalId: params.id ?? "", horizon: q.horizon, discountRate: q.discountRate });
        return {
          status: 200,
          body: {
            customerId: p.customerId,
            frequency: p.frequency,
            recency: p.recency,
            T: p.T,
            pAlive: p.pAlive,
            expectedPurchases: p.expectedPurchases,
            expectedAverageSpend: p.expectedAverageSpend,
            clv: p.clv,
            horizon: p.horizon,
            discountRate: p.discountRate,
            unit: p.unit,
            asOf: p.asOf,
            fitId: p.fitId,
            enoughData: p.enoughData,
            ...(p.enoughData ? {} : { note: en("prediction.tooLittleData", { asOf: p.asOf }).replace(/^:\w+: /, "") }),
            history: p.history,
          },
        };
      },
    },
  ];
}
