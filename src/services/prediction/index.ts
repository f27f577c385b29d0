/** Predictions (issue #7): CLV models fitted on the Purchase table, stored, and read by the API, Slack and the digest. */
export { loadCustomerSummaries, type CustomerPopulation, type LoadSummariesOptions } from "./load-customer-summaries.js";
export { fitModels, type FitModelsOptions, type FitOutcome } from "./fit-models.js";
export { getLatestFit, getFitState, requireLatestFit, type FitState } from "./get-latest-fit.js";
export { predictCustomer, type CustomerPrediction, type PredictCustomerOptions } from "./predict-customer.js";
export { listAtRisk, type AtRiskCustomer, type AtRiskList } from "./list-at-risk.js";
export { forecastNextPeriod, type NextPeriodForecast } from "./forecast-next-period.js";
export { summarizeAtRisk, type AtRiskFigures, type AtRiskSummary } from "./summarize-at-risk.js";
export { AT_RISK_THRESHOLD, clearScoreCache, valueAtRisk } from "./score-population.js";
export { fitJson, type ConvergedFit, type FitStatus, type StoredFit } from "./stored-fit.js";
