/**
 * Customer-lifetime-value core: pure numeric functions, no database, no Slack.
 *
 * Typical flow: buildCustomerSummaries(purchases, { asOf }) → fitBgNbd(summaries) and
 * fitGammaGamma(summaries) → scoreCustomers({ bgNbd, gammaGamma }, summaries, horizon).
 * Every failure is a ClvError with code NOT_ENOUGH_DATA, DID_NOT_CONVERGE or INVALID_INPUT.
 */
export { ClvError, isClvError, type ClvErrorCode } from "./errors.js";
export {
  buildCustomerSummaries,
  epochDayOf,
  SummaryBuilder,
  toEpochDay,
  type CustomerSummaries,
  type Purchase,
  type SummaryOptions,
} from "./summary.js";
export {
  aggregateBgNbdData,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchase,
  bgNbdUnconditionalExpectedPurchases,
  fitBgNbd,
  type BgNbdData,
  type BgNbdFit,
  type BgNbdFitOptions,
  type BgNbdParams,
  type CustomerHistory,
  type FrequencyRecencyAge,
} from "./bgnbd.js";
export {
  fitGammaGamma,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood,
  type FrequencySpend,
  type GammaGammaFit,
  type GammaGammaFitOptions,
  type GammaGammaParams,
} from "./gamma-gamma.js";
export {
  customerLifetimeValue,
  scoreCustomers,
  type CustomerScores,
  type FittedClvModels,
  type LifetimeValueOptions,
  type ScoringInput,
} from "./clv.js";
export { hyp2f1, hyp2f1Parts, type Hyp2f1Options, type Hyp2f1Parts } from "./hyp2f1.js";
