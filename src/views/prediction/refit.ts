import type { KnownBlock } from "@slack/types";
import type { CustomerCounter } from "../../domain/settings/customer-counter.js";
import type { Translate } from "../../i18n/index.js";
import type { FitOutcome } from "../../services/prediction/fit-models.js";
import { context, section } from "../blocks.js";
import { formatters, statusLabel } from "./format.js";

/**
 * The answer to an on-demand refit: the new parameters, or why it failed and which fit is kept. `counter`
 * is how the workspace counts customers in Japanese.
 */
export function refitMessage(t: Translate, { fit, inUse }: FitOutcome, counter: CustomerCounter): { text: string; blocks: KnownBlock[] } {
  const f = formatters(t);
  const sizes = { asOf: fit.asOf, customers: f.count(fit.customers), repeat: f.count(fit.repeatCustomers), counter: t(`customerCounter.${counter}`) };
  if (fit.converged) {
    const text = t("prediction.refit.ok", { ...sizes, seconds: f.decimal((fit.durationMs ?? 0) / 1000) });
    const params = t("prediction.refit.params", {
      r: f.param(fit.bgNbd?.r),
      alpha: f.param(fit.bgNbd?.alpha),
      a: f.param(fit.bgNbd?.a),
      b: f.param(fit.bgNbd?.b),
      ll: fit.logLikelihood === null ? "–" : fit.logLikelihood.toFixed(1),
      p: f.param(fit.gammaGamma?.p),
      q: f.param(fit.gammaGamma?.q),
      gamma: f.param(fit.gammaGamma?.gamma),
    });
    return { text, blocks: [section(text), context(params)] };
  }
  const failed = t("prediction.refit.failed", { ...sizes, reason: statusLabel(t, fit) });
  const kept = inUse ? t("prediction.refit.kept", { asOf: inUse.asOf }) : t("prediction.refit.noPrevious");
  // One sentence a line: a space between Japanese sentences reads wrong.
  return { text: `${failed}\n${kept}`, blocks: [section(failed), section(kept)] };
}
