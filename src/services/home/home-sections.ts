/** The App Home area's sections, listed in `homeSections` (app-home-opened.ts) around the ratings section. */
export { homeCaptureSection } from "./home-capture-section.js";
export { homeKpiSection } from "./home-kpi-section.js";
export { homeInsightsSection } from "./home-insights-section.js";
export { homeAdminSection } from "./home-admin-section.js";
