/**
 * Alert kinds, their options and the facts an alert carries (issue #17). Pure: the `/kpi alerts` words are read
 * here, the numbers are decided by services/alerts/, and views/alerts/ words them in the subscription's language.
 */
import type { TargetKpi } from "../targets/target-kpis.js";
import { isTimeZone, parseQuietHours } from "./quiet-hours.js";

export const ALERT_KINDS = ["kpi", "at_risk", "voice", "detractor"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Thresholds of a subscription (all optional; DEFAULT_ALERT_OPTIONS fills the rest). */
export interface AlertOptions {
  /** kpi: a move against the previous period larger than this alerts (rate points as a fraction, 0.05 = 5 pt; counts and money: relative, 0.2 = 20%). */
  move?: number;
  /** at_risk, voice, detractor: at risk below this P(alive). */
  pAliveBelow?: number;
  /** Valuable: expected CLV above this… */
  clvAbove?: number;
  /** …or revenue to date above this. */
  revenueAbove?: number;
  /** voice: only voices for this team (product, support, sales, marketing): the owning team's channel. */
  team?: string;
}

export const DEFAULT_ALERT_OPTIONS = { move: 0.05, pAliveBelow: 0.5, revenueAbove: 500 } as const;

/** Alerts in one channel within an hour beyond which they are grouped into one post. */
export const DEFAULT_GROUP_ABOVE = 5;

/** What an alert says: the facts, in numbers and ids; wording is the view's. */
export type AlertFacts =
  | {
      kind: "kpi-miss";
      kpi: TargetKpi;
      segment: string;
      value: number;
      target: number;
      gap: number;
      from: string;
      to: string;
    }
  | {
      kind: "kpi-move";
      kpi: TargetKpi;
      segment: string;
      value: number;
      previous: number;
      from: string;
      to: string;
    }
  | { kind: "at-risk"; customer: CustomerFacts }
  | { kind: "voice"; customer: CustomerFacts; insightId: string; quote: string; permalink: string | null; sentiment: string }
  | { kind: "detractor"; customer: CustomerFacts; survey: "nps" | "csat"; score: number; comment: string | null; at: string };

/** A customer as alerts show them: who, and why they matter. */
export interface CustomerFacts {
  externalId: string;
  name: string | null;
  segment: string | null;
  revenue: number;
  pAlive: number | null;
  expectedClv: number | null;
}

/** Whether a customer is valuable (revenue or expected CLV above the thresholds) and whether at risk. */
export function customerStanding(c: Pick<CustomerFacts, "revenue" | "pAlive" | "expectedClv">, o: AlertOptions): { valuable: boolean; atRisk: boolean } {
  const revenueAbove = o.revenueAbove ?? (o.clvAbove === undefined ? DEFAULT_ALERT_OPTIONS.revenueAbove : undefined);
  const valuable = (revenueAbove !== undefined && c.revenue > revenueAbove) || (o.clvAbove !== undefined && c.expectedClv !== null && c.expectedClv > o.clvAbove);
  const atRisk = c.pAlive !== null && c.pAlive < (o.pAliveBelow ?? DEFAULT_ALERT_OPTIONS.pAliveBelow);
  return { valuable, atRisk };
}

/** What `/kpi alerts ...` asked for. */
export type AlertCommand =
  | { kind: "list" }
  | { kind: "add"; alert: AlertKind; channelId: string; options: AlertOptions; quiet: { start: string; end: string } | null; timeZone: string | null; groupAbove: number | null }
  | { kind: "remove"; alert: AlertKind; channelId: string }
  | { kind: "quiet"; channelId: string; quiet: { start: string; end: string } | null; timeZone: string | null }
  | { kind: "usage" }
  | { kind: "badOption"; word: string };

/**
 * The channel of a voice subscription that posts each voice to its owning team's channel (the channel the voice's team
 * routes to, InsightRoute) instead of one named channel. Not a Slack id, so it never collides with one.
 */
export const TEAM_CHANNEL = "team";

/** `/kpi alerts add voice team`: the words naming TEAM_CHANNEL. */
const TEAM_CHANNEL_WORDS = new Set(["team", "teams", "team-channel", "team-channels", "チーム"]);

const CHANNEL = /^<#(C[A-Z0-9]+|G[A-Z0-9]+)(?:\|[^>]*)?>$/;
/** A channel mention, or for voice alerts the word for the owning team's channel. */
const channelOf = (word: string, kind: AlertKind | undefined) =>
  CHANNEL.exec(word)?.[1] ?? (kind === "voice" && TEAM_CHANNEL_WORDS.has(word.toLowerCase()) ? TEAM_CHANNEL : undefined);
const KIND_WORDS: Record<string, AlertKind> = {
  kpi: "kpi",
  kpis: "kpi",
  "at-risk": "at_risk",
  at_risk: "at_risk",
  risk: "at_risk",
  voice: "voice",
  voices: "voice",
  detractor: "detractor",
  detractors: "detractor",
  survey: "detractor",
};
const TEAMS = new Set(["product", "support", "sales", "marketing"]);

/** A positive number, a percentage ("30%" = 0.3) where `percent` says the option is a share. */
function readNumber(text: string, percent: boolean): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(text.normalize("NFKC").replace(/,/g, ""));
  if (!m) return undefined;
  const n = Number(m[1]);
  if (percent) return m[2] === "%" || n > 1 ? n / 100 : n;
  return m[2] === "%" ? undefined : n;
}

/**
 * Reads `key:value` options (`palive:30%`, `quiet:22:00-08:00`, ...): the one reader of alert thresholds, for the
 * command's words and the App Home modal's fields alike. `bad` is the first word it could not read.
 */
export function readAlertOptions(words: readonly string[]): {
  options: AlertOptions;
  quiet: { start: string; end: string } | null;
  timeZone: string | null;
  groupAbove: number | null;
  bad?: string;
} {
  const options: AlertOptions = {};
  let quiet: { start: string; end: string } | null = null;
  let timeZone: string | null = null;
  let groupAbove: number | null = null;
  for (const word of words) {
    const at = word.indexOf(":");
    const key = at > 0 ? word.slice(0, at).toLowerCase() : "";
    const value = at > 0 ? word.slice(at + 1) : "";
    let ok = true;
    if (key === "move") ok = (options.move = readNumber(value, true)) !== undefined;
    else if (key === "palive") ok = (options.pAliveBelow = readNumber(value, true)) !== undefined && options.pAliveBelow <= 1;
    else if (key === "clv") ok = (options.clvAbove = readNumber(value, false)) !== undefined;
    else if (key === "revenue") ok = (options.revenueAbove = readNumber(value, false)) !== undefined;
    else if (key === "team") ok = TEAMS.has((options.team = value.toLowerCase()));
    else if (key === "quiet") ok = (quiet = parseQuietHours(value) ?? null) !== null;
    else if (key === "tz") ok = isTimeZone((timeZone = value));
    else if (key === "group") {
      const n = Number(value);
      ok = Number.isInteger(n) && n >= 1 && n <= 100;
      groupAbove = n;
    } else if (parseQuietHours(word)) quiet = parseQuietHours(word)!;
    else ok = false;
    if (!ok) return { options, quiet, timeZone, groupAbove, bad: word };
  }
  return { options, quiet, timeZone, groupAbove };
}

/**
 * Reads the words after `/kpi alerts`: nothing or `list`; `add <kind> #channel [move:5 palive:30% clv:500 revenue:1000
 * team:sales quiet:22:00-08:00 tz:Asia/Tokyo group:5]`, for `voice` `team` instead of #channel (TEAM_CHANNEL); `remove <kind> #channel`;
 * `quiet #channel 22:00-08:00|off [tz:Zone]`.
 */
export function parseAlertCommand(words: readonly string[]): AlertCommand {
  const [verb = "", ...rest] = words;
  const action = verb.toLowerCase();
  if (action === "" || action === "list") return { kind: "list" };
  if (action === "add" || action === "remove") {
    const alert = KIND_WORDS[(rest[0] ?? "").toLowerCase()];
    const channelId = channelOf(rest[1] ?? "", alert);
    if (!alert || !channelId) return { kind: "usage" };
    if (action === "remove") return rest.length === 2 ? { kind: "remove", alert, channelId } : { kind: "usage" };
    const read = readAlertOptions(rest.slice(2));
    if (read.bad !== undefined) return { kind: "badOption", word: read.bad };
    return { kind: "add", alert, channelId, options: read.options, quiet: read.quiet, timeZone: read.timeZone, groupAbove: read.groupAbove };
  }
  if (action === "quiet") {
    const channelId = channelOf(rest[0] ?? "", "voice");
    if (!channelId || rest.length < 2) return { kind: "usage" };
    if (rest[1]!.toLowerCase() === "off" && rest.length === 2) return { kind: "quiet", channelId, quiet: null, timeZone: null };
    const read = readAlertOptions(rest.slice(1));
    if (read.bad !== undefined) return { kind: "badOption", word: read.bad };
    if (!read.quiet) return { kind: "usage" };
    return { kind: "quiet", channelId, quiet: read.quiet, timeZone: read.timeZone };
  }
  return { kind: "usage" };
}
