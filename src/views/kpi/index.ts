/** KPI charts and tables for messages (issue #8); see each builder's JSDoc for where it goes. */
export { kpiTrendBlocks, kpiTrendSeries, kpiTrendTitle, type KpiTrendVisual, type KpiVisual, type TrendTargets } from "./kpi-trend-blocks.js";
export { kpiChangeTableBlocks } from "./kpi-change-table-blocks.js";
export { cohortTableBlocks, type CohortCut, type CohortTableVisual } from "./cohort-table-blocks.js";
export { parseCohortYear, type CohortYearArgs } from "./parse-cohort-year.js";
export { periodLabel, summaryLabels } from "./labels.js";
