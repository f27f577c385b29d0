import { homeAdminSection } from "./home-admin-section.js";
import { homeAlertsSection } from "./home-alerts-section.js";
import { homeAtRiskSection } from "./home-at-risk-section.js";
import { homeCaptureSection } from "./home-capture-section.js";
import { homeContributionsSection } from "./home-contributions-section.js";
import { homeInsightsSection } from "./home-insights-section.js";
import { homeKpiSection } from "./home-kpi-section.js";
import { homeLoopSection } from "./home-loop-section.js";
import type { HomeSection } from "./home-section.js";
import { homeTargetsSection } from "./home-targets-section.js";
import { homeThemesSection } from "./home-themes-section.js";

/** The home tab's sections, top to bottom. Other areas add theirs here. */
export const homeSections: readonly HomeSection[] = [
  homeCaptureSection,
  homeKpiSection,
  homeTargetsSection,
  homeAlertsSection,
  homeAtRiskSection,
  homeContributionsSection,
  homeInsightsSection,
  homeThemesSection,
  homeLoopSection,
  homeAdminSection,
];
